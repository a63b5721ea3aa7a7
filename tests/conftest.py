"""Shared fixtures: a throw-away copy of the example project that tests may edit."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example press room (content/, templates/, mkdocs.yml)."""
    target = tmp_path / "project"
    target.mkdir()
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "templates", target / "templates")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = """---
type: market-update
title: {title}
date: 2025-11-28T09:00:00+08:00
dateline: Hong Kong
editor: deng_yue
tags: [exports]
summary: A short summary.
facts: [cn_pharma_exports_jan_oct_2025]
---
Exports reached {{{{ fact.cn_pharma_exports_jan_oct_2025.full }}}}.
"""


NOW = "2026-11-22T12:00:00+08:00"  # the moment the shared site is built "at"


def build_project(project: Path, site: Path, now: str = NOW) -> subprocess.CompletedProcess[str]:
    """A real, strict MkDocs build of ``project`` as if it were ``now``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PRESSGEN_NOW": now, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example press room in three languages, built once per test run at NOW."""
    root = tmp_path_factory.mktemp("built")
    project = root / "project"
    project.mkdir()
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "templates", project / "templates")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = build_project(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"
