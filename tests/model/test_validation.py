"""Model validation: each field checks itself and explains a bad value, located."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CMS_COMPANY, CMS_EDITOR, TODAY
from pressgen import Pressroom, codes
from pressgen.model import FACT_KINDS, Article, Company, Editor, Fragment, Settings, Source, Topic


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


# --- every refusal says how to fix it ----------------------------------------------

ARTICLE = {
    "type": "press-release",
    "title": "A title",
    "date": "2025-11-27",
    "dateline": "Hong Kong",
    "editor": "ed",
    "summary": "A summary.",
    "body": "Body text.",
}
FIGURE = {"id": "f", "kind": "figure", "source": "s", "as_of": "2025-01-01", "label": "L"}
FIGURE["value"] = 1
PLACES: dict[str, tuple[Any, str, dict[str, Any]]] = {
    "articles": (Article, "articles", ARTICLE),
    "fragments": (Fragment, "fragments", {"id": "about", "title": "About", "body": "Us."}),
    "company": (Company, "company", CMS_COMPANY),
    "editors": (Editor, "editors", CMS_EDITOR),
    "sources": (Source, "sources", {"id": "s", "name": "A source"}),
    "tags": (Topic, "tags", {"name": "exports"}),
    "facts": (FACT_KINDS["figure"], "facts", FIGURE),
    "settings": (Settings, "settings", {}),
}
WRONG = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", "0001-01-01", "javascript:x", "../x.png", "-1", "\x00", "\u202e"]),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.just(dt.date(1, 1, 1)),
)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(PLACES)), st.data())
def test_every_refusal_of_a_field_is_located_and_says_how_to_fix_it(
    place: str, data: st.DataObject
) -> None:
    model, key, valid = PLACES[place]
    field = data.draw(st.sampled_from(sorted(model.model_fields)))
    value = data.draw(WRONG)
    record = {**valid, field: value}
    payload: dict[str, Any] = {"company": CMS_COMPANY, "editors": [CMS_EDITOR]}
    payload[key] = record if key in {"company", "settings"} else [record]
    room = Pressroom.from_data(payload, today=TODAY)  # never raises
    for finding in room.findings:
        assert finding.hint, f"no hint: {finding}"
        if finding.code.startswith("PG2") or finding.code == codes.INVISIBLE_CHARACTER:
            assert finding.path.startswith(f"/{key}"), finding
