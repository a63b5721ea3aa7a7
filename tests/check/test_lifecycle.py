"""The publishing life cycle: embargoes, schedules and corrections, checked, withheld at a
given moment, and linked both ways in the built site."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from conftest import NOW, TODAY, write
from pressgen import Pressroom, codes
from pressgen.cli import main

HK = ZoneInfo("Asia/Hong_Kong")
EMBARGOED = "dengyuemed-opens-a-temperature-controlled-route-from-hong-kong-to-the-gulf"
RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"

CORRECTING = """---
type: press-release
title: DengYueMed export desk opens for hospitals and distributors
date: 2025-11-28T09:00:00+08:00
dateline: Hong Kong
editor: deng_yue
corrects: {corrects}
summary: The export desk serves hospitals and distributors abroad.
facts: [deng_yue_export_desk]
---
DengYueMed's export desk serves hospitals and distributors abroad.

{{{{ fact.deng_yue_export_desk }}}}
"""


def test_embargo_withholds_until_its_moment(project: Path) -> None:
    room = Pressroom.from_path(project, today=TODAY)
    before = dt.datetime(2026, 12, 3, 8, 59, tzinfo=HK)
    after = dt.datetime(2026, 12, 3, 9, 0, tzinfo=HK)
    assert EMBARGOED not in dict(room.sorted_articles(now=before))
    assert EMBARGOED in dict(room.sorted_articles(now=after))
    [(key, reason, until)] = room.withheld(now=before)
    assert (key, reason, until) == (EMBARGOED, "embargoed", after)
    assert room.withheld(now=after) == []


def test_embargo_needs_a_time_zone(project: Path) -> None:
    path = project / "content/articles/2026-11-20-dengyuemed-gulf-cold-chain-route.md"
    for bad in ("2026-12-03T09:00:00", "2026-12-03"):
        path.write_text(
            path.read_text().split("embargo: ")[0]
            + "embargo: "
            + bad
            + "\n"
            + path.read_text().split("embargo: ")[1].split("\n", 1)[1]
        )
        room = Pressroom.from_path(project, today=TODAY)
        [finding] = [f for f in room.errors if f.path == "/embargo"]
        assert finding.line == 8 and "time zone" in finding.message


def test_embargo_before_the_date_is_a_warning(project: Path) -> None:
    path = project / "content/articles/2026-11-20-dengyuemed-gulf-cold-chain-route.md"
    path.write_text(
        path.read_text().replace("2026-12-03T09:00:00+08:00", "2026-11-01T09:00:00+08:00")
    )
    [finding] = [
        f
        for f in Pressroom.from_path(project, today=TODAY).findings
        if f.code == codes.LIFECYCLE_DATES
    ]
    assert not finding.is_error and "no effect" in finding.message


def test_correction_before_publication_is_an_error(project: Path) -> None:
    path = project / "content/articles/2026-02-12-china-biopharma-in-figures.md"
    path.write_text(path.read_text().replace("date: 2026-02-13T10:00:00+08:00", "date: 2026-02-01"))
    [finding] = [
        f
        for f in Pressroom.from_path(project, today=TODAY).errors
        if f.code == codes.LIFECYCLE_DATES
    ]
    assert finding.path == "/corrections/0/date" and finding.line == 15


@pytest.mark.site
@pytest.mark.slow
def test_correcting_release_links_both_ways_and_prefixes_the_export(
    project: Path, tmp_path: Path
) -> None:
    write(
        project / "content/articles/2025-11-28-correction.md", CORRECTING.format(corrects=RELEASE)
    )
    room = Pressroom.from_path(project, today=TODAY)
    assert not room.errors, room.errors
    key = "dengyuemed-export-desk-opens-for-hospitals-and-distributors"
    rendered = room.render_article(key)
    assert (
        "This release corrects and replaces the release of November 27, 2025" in rendered.markdown
    )
    assert f"({RELEASE}.md)" in rendered.markdown  # a link MkDocs resolves
    result = CliRunner().invoke(main, ["export", key, "-p", str(project), "--now", NOW])
    assert result.exit_code == 0, result.output
    assert "\nCORRECTING and REPLACING DengYueMed export desk opens" in result.output
    site = tmp_path / "site"
    build = CliRunner().invoke(
        main,
        ["build", "-p", str(project), "--site-dir", str(site), "--now", NOW],
    )
    assert build.exit_code == 0, build.output
    original = (site / f"news/2025/11/{RELEASE}/index.html").read_text("utf-8")
    assert "A corrected version of this release was issued on November 28, 2025" in original
    assert f"../{key}/" in original


def test_corrects_must_name_an_earlier_release(project: Path) -> None:
    write(
        project / "content/articles/2025-11-28-correction.md",
        CORRECTING.format(corrects="no-such-release"),
    )
    [finding] = [
        f
        for f in Pressroom.from_path(project, today=TODAY).errors
        if f.code == codes.UNKNOWN_CORRECTED
    ]
    assert finding.file == "content/articles/2025-11-28-correction.md"
    assert finding.line == 7 and "no-such-release" in finding.message
