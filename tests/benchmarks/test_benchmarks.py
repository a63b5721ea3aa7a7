"""The benchmark script runs and reports every figure (at a tiny size, for speed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

KEYS = {
    "articles",
    "render_ms_per_article",
    "render_peak_rss_mb",
    "build_s",
    "bare_mkdocs_s",
    "overhead_ratio",
    "incremental_s",
    "incremental_fact_s",
    "preview_p99_ms",
    "hugo_s",
}


@pytest.mark.slow
@pytest.mark.site
def test_run_py_reports_every_key(tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks/run.py"),
            "--articles",
            "30",
            "--runs",
            "1",
            "--json",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    result = json.loads(out.read_text())
    assert set(result) >= KEYS
    assert result["articles"] == 30
    assert result["incremental_rendered"] == 1
    assert result["incremental_fact_rendered"] >= 1
    assert all(result[k] is not None and result[k] > 0 for k in KEYS - {"hugo_s"})
