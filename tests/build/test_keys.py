"""Cache keys (pressgen.build.keys) cover everything a render depends on: a cached result
is never out of date, neither in what it says nor in where its findings point."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import NOW_DT, TODAY, write
from pressgen import Pressroom

RELEASE = "content/articles/2025-11-27-dengyuemed-single-export-desk.md"
CORRECTION = """---
type: press-release
title: DengYueMed export desk opens for hospitals and distributors
date: 2025-11-28T09:00:00+08:00
dateline: Hong Kong
editor: deng_yue
corrects: the-release
summary: The export desk serves hospitals and distributors abroad.
facts: [deng_yue_export_desk]
---
DengYueMed's export desk serves hospitals and distributors abroad.

{{ fact.deng_yue_export_desk }}
"""
CORRECTION_KEY = "dengyuemed-export-desk-opens-for-hospitals-and-distributors"
FACT = "cn_pharma_exports_jan_oct_2025"


def render(project: Path) -> Pressroom:
    room = Pressroom.from_path(project, today=TODAY)
    room.results = room.render_all(drafts=True, future=True, now=NOW_DT)  # type: ignore[attr-defined]
    return room


def test_a_correction_shows_the_corrected_releases_new_title(project: Path) -> None:
    """The reported fault: the correction kept the corrected release's old title."""
    release = project / RELEASE
    release.write_text(
        release.read_text().replace("title: ", "slug: the-release\ntitle: ", 1), "utf-8"
    )
    for translation in release.parent.glob("2025-11-27-*.*.md"):
        translation.unlink()  # they name the release by its old key
    write(project / "content/articles/2025-11-28-correction.md", CORRECTION)
    before = render(project).results[CORRECTION_KEY].markdown  # type: ignore[attr-defined]
    assert "opens a single export desk" in before
    release.write_text(release.read_text().replace("opens a single", "opens one"), "utf-8")
    after = render(project)
    assert "DengYueMed opens one export desk" in after.results[CORRECTION_KEY].markdown  # type: ignore[attr-defined]
    assert after.stats["rendered"] == 2  # the release and its correction, nothing else


def expired_fact(project: Path) -> None:
    trade = project / "content/facts/trade.yml"
    text = trade.read_text()
    trade.write_text(
        text.replace(f"id: {FACT}\n", f"id: {FACT}\n    expires: 2026-01-01\n", 1), "utf-8"
    )


def findings_about(room: Pressroom, code: str = "PG309") -> set[tuple[str | None, str]]:
    return {
        (f.file, f.message)
        for result in room.results.values()  # type: ignore[attr-defined]
        for f in result.findings
        if f.code == code
    }


def test_a_fact_that_moves_within_its_file_moves_the_cached_findings_too(project: Path) -> None:
    expired_fact(project)
    before = findings_about(render(project))
    assert before and all("trade.yml:" in message for _, message in before)
    trade = project / "content/facts/trade.yml"
    trade.write_text("# Reviewed by the editor.\n# Next review: March.\n" + trade.read_text())
    after = render(project)
    moved = findings_about(after)
    assert len(moved) == len(before) and moved != before
    for (_, old), (_, new) in zip(sorted(before), sorted(moved), strict=True):
        old_line = int(old.rsplit(":", 1)[1].rstrip(")"))
        assert new.endswith(f":{old_line + 2})")


def test_a_renamed_article_file_renames_the_file_its_findings_name(project: Path) -> None:
    expired_fact(project)
    old = project / RELEASE
    assert old.name in {Path(file).name for file, _ in findings_about(render(project)) if file}
    new = old.with_name("2025-11-27-export-desk.md")
    os.rename(old, new)
    files = {file for file, _ in findings_about(render(project))}
    assert f"content/articles/{new.name}" in files
    assert f"content/articles/{old.name}" not in files


def test_replacing_an_image_rechecks_the_articles(project: Path) -> None:
    render(project)
    assert render(project).stats["rendered"] == 0
    logo = project / "content/images/dengyuemed-logo.png"
    logo.write_bytes(logo.read_bytes() + b"\x00")
    assert render(project).stats["from_cache"] == 0
    assert render(project).stats["rendered"] == 0
