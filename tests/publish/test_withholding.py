"""What a build withholds (drafts, embargoes) and publishes once its moment has come."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import NOW
from pressgen.cli import main

EMBARGOED = "dengyuemed-opens-a-temperature-controlled-route-from-hong-kong-to-the-gulf"
RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"


@pytest.mark.site
@pytest.mark.slow
def test_build_reports_what_it_withheld_and_until_when(project: Path, tmp_path: Path) -> None:
    article = project / "content/articles/2025-11-27-dengyuemed-single-export-desk.md"
    article.write_text(article.read_text().replace("tags:", "draft: true\ntags:", 1))
    result = CliRunner().invoke(
        main,
        [
            "build",
            "-p",
            str(project),
            "--site-dir",
            str(tmp_path / "site"),
            "--now",
            NOW,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "not published yet (2):" in result.output
    assert f"{EMBARGOED}: embargoed until 2026-12-03 09:00 +0800" in result.output
    assert f"{RELEASE}: draft: true" in result.output
    assert not (tmp_path / f"site/news/2026/11/{EMBARGOED}").exists()
    assert not (tmp_path / f"site/news/2025/11/{RELEASE}").exists()
    # The translations of the draft are still published: each file is its own article.
    assert (tmp_path / f"site/zh-hant/news/2025/11/{RELEASE}/index.html").exists()


@pytest.mark.site
@pytest.mark.slow
def test_build_now_publishes_a_scheduled_article_at_its_time(project: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "build",
            "-p",
            str(project),
            "--site-dir",
            str(tmp_path / "site"),
            "--now",
            "2026-12-03T09:00+08:00",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "not published yet" not in result.output
    assert (tmp_path / f"site/news/2026/11/{EMBARGOED}/index.html").exists()
