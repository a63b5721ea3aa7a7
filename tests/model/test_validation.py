"""Model validation: each field checks itself and explains a bad value, located."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY
from pressgen import Pressroom, codes


def findings_for(project: Path) -> list:
    return Pressroom.from_path(project, today=TODAY).check()


def test_missing_required_field(project: Path) -> None:
    path = project / "content/articles/2026-02-12-china-biopharma-in-figures.md"
    path.write_text(path.read_text().replace("dateline: Hong Kong\n", ""))
    [finding] = [f for f in findings_for(project) if f.code == codes.MISSING_FIELD]
    assert finding.path == "/dateline"
    assert "dateline" in finding.hint


def test_misspelt_field_gets_a_suggestion(project: Path) -> None:
    path = project / "content/facts/trade.yml"
    path.write_text(
        path.read_text().replace(
            "    label: China pharmaceutical exports", "    lable: China pharmaceutical exports"
        )
    )
    found = {f.code: f for f in findings_for(project)}
    assert found[codes.UNKNOWN_FIELD].hint == "did you mean 'label'?"
    assert found[codes.UNKNOWN_FIELD].line == 6
    assert found[codes.MISSING_FIELD].path == "/facts/0/label"


def test_telephone_written_as_number_must_be_quoted(project: Path) -> None:
    path = project / "content/editors.yml"
    path.write_text(path.read_text().replace('"+852 5288 1999"', "85252881999"))
    [finding] = findings_for(project)
    assert finding.code == codes.INVALID_VALUE
    assert "quotes" in finding.hint


def test_publication_time_without_zone_is_refused(project: Path) -> None:
    path = project / "content/articles/2026-02-12-china-biopharma-in-figures.md"
    path.write_text(path.read_text().replace("2026-02-12T09:30:00+08:00", "2026-02-12T09:30:00"))
    [finding] = findings_for(project)
    assert finding.path == "/date" and "time zone" in finding.message
