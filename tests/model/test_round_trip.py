"""A dump of any model object validates back to an equal object.

A CMS stores what ``model_dump()`` (or ``model_dump(mode="json")``) gives and later
loads it again with ``model_validate``; nothing may be lost or refused on the way.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

from pressgen import Pressroom, codes
from pressgen.model import Deal, Event, Fact, Figure, Quote
from pressgen.model.base import ContentModel, Origin

REPO = Path(__file__).resolve().parents[2]
FACT = TypeAdapter(Fact)


@pytest.fixture(scope="module")
def room() -> Pressroom:
    # Read-only here: the objects are compared, never changed.
    room = Pressroom.from_path(REPO, today=dt.date(2026, 11, 22))
    assert room.findings == []
    return room


def round_trip_failures(obj: BaseModel) -> list[str]:
    """How ``obj`` fails to come back from its own dumps ([] when it always does)."""
    model = type(obj)
    dumps: dict[str, Any] = {
        "python": obj.model_dump(),
        "json": obj.model_dump(mode="json"),
        "json text": json.loads(obj.model_dump_json()),
        "python, no None": obj.model_dump(exclude_none=True),
        "json, no defaults": obj.model_dump(mode="json", exclude_defaults=True),
    }
    failures = []
    for how, data in dumps.items():
        try:
            back = model.model_validate(data)
        except ValueError as exc:
            failures.append(f"{how}: refused: {exc}")
            continue
        if back != obj:
            failures.append(f"{how}: came back different: {back!r}")
    try:
        if model.model_validate_json(obj.model_dump_json()) != obj:
            failures.append("model_validate_json: came back different")
    except ValueError as exc:
        failures.append(f"model_validate_json: refused: {exc}")
    return failures


def assert_round_trips(objects: dict[str, BaseModel]) -> None:
    assert objects
    failures = {name: f for name, obj in objects.items() if (f := round_trip_failures(obj))}
    assert failures == {}


def test_every_fact_of_the_example_round_trips(room: Pressroom) -> None:
    kinds = {fact.kind for fact in room.content.facts.values()}  # type: ignore[attr-defined]
    assert kinds >= {"figure", "deal", "quote", "event"}
    assert_round_trips(dict(room.content.facts))
    for fact in room.content.facts.values():
        assert FACT.validate_python(fact.model_dump()) == fact
        assert FACT.validate_python(fact.model_dump(mode="json")) == fact


def test_every_article_of_the_example_round_trips(room: Pressroom) -> None:
    assert_round_trips(dict(room.articles))


def test_the_company_and_settings_round_trip(room: Pressroom) -> None:
    assert room.content.company is not None
    assert_round_trips({"company": room.content.company, "settings": room.settings})


@pytest.mark.parametrize("what", ["editors", "sources", "fragments", "topics"])
def test_every_editor_source_fragment_and_topic_round_trips(room: Pressroom, what: str) -> None:
    assert_round_trips(dict(getattr(room.content, what) or {}))


def test_equality_is_about_content_not_where_it_was_read() -> None:
    fact = Figure(id="a", source="s", as_of=dt.date(2025, 1, 1), label="Exports", value=1)
    read = fact.model_copy().located(Origin(file="content/facts/a.yml", line=3))
    assert read == fact
    assert fact.model_copy(update={"value": Decimal(2)}) != fact
    assert isinstance(read, ContentModel)


# --- generated facts of every kind -------------------------------------------------

TAGS = st.sampled_from(["en", "zh-Hant-HK", "zh-Hans-CN"])
ids = st.from_regex(r"[a-z0-9][a-z0-9_-]{0,15}", fullmatch=True)
words = (
    st.text(
        # Letters that show as nothing (Hangul fillers) are refused as invisible.
        st.characters(
            categories=["L", "N", "P", "Zs"], exclude_characters="\u180e\u115f\u1160\u3164\uffa0"
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
dates = st.dates(dt.date(1990, 1, 1), dt.date(2060, 12, 31))
# Numbers as sources print them: at most 15 digits, 6 of them after the point.
numbers = st.one_of(
    st.decimals(-(10**11), 10**11, allow_nan=False, allow_infinity=False, places=3),
    st.decimals(-1, 1, allow_nan=False, allow_infinity=False, places=6),
    st.integers(-(10**6), 10**6),
    st.sampled_from([Decimal("1E+3"), Decimal("1.10"), Decimal("-0"), Decimal("1E-6"), 91.17]),
)
amounts = numbers.map(lambda n: abs(Decimal(str(n))))
scales = st.sampled_from(["thousand", "million", "billion", "trillion"])
qualifiers = st.sampled_from(["over", "nearly", "around", "up to", "at least", "less than"])
periods = st.one_of(
    st.integers(1990, 2060),
    st.tuples(
        st.integers(1990, 2060), st.sampled_from(["", "-03", "-12", "-Q1", "-Q4", "-H2"])
    ).map(lambda p: f"{p[0]}{p[1]}"),
    st.tuples(st.integers(1990, 2030), st.integers(2031, 2060)).map(lambda p: f"{p[0]}-01/{p[1]}"),
)
money = st.fixed_dictionaries(
    {"amount": amounts},
    optional={
        "scale": scales,
        "currency": st.sampled_from(["USD", "HKD"]),
        "qualifier": qualifiers,
    },
)


def translations(*fields: str) -> st.SearchStrategy[dict[str, dict[str, str]]]:
    wording = st.fixed_dictionaries({}, optional=dict.fromkeys(fields, words))
    return st.dictionaries(TAGS, wording, max_size=3)


def fact(kind: str, required: dict[str, Any], optional: dict[str, Any], wordings: tuple[str, ...]):
    return st.fixed_dictionaries(
        {"kind": st.just(kind), "id": ids, "source": ids, **required},
        optional={
            "expires": dates,
            "note": words,
            "translations": translations(*wordings),
            **optional,
        },
    )


figures = (
    fact(
        "figure",
        {"label": words, "value": numbers, "as_of": dates},
        {
            "scale": scales,
            "period": periods,
            "qualifier": qualifiers,
            "change": st.fixed_dictionaries(
                {"value": numbers},
                optional={
                    "unit": st.sampled_from(["percent", "percentage points"]),
                    "basis": words,
                },
            ),
            "derived": st.fixed_dictionaries(
                {
                    "operation": st.sampled_from(["share", "ratio", "sum", "difference"]),
                    "inputs": st.lists(ids, min_size=2, max_size=3),
                },
                optional={"rounding": amounts},
            ),
        },
        ("label", "unit", "qualifier", "basis"),
    )
    .flatmap(
        lambda data: st.one_of(
            st.just(data),
            st.just({**data, "currency": "USD", "value": abs(Decimal(str(data["value"])))}),
            words.map(lambda unit: {**data, "unit": unit}),
        )
    )
    .filter(lambda d: _total({"amount": d["value"], **d}) < 10**15)
)
deals = fact(
    "deal",
    {"licensor": words, "licensee": words, "asset": words, "date": dates},
    {
        "modality": words,
        "territory": words,
        "upfront": money,
        "total_value": money,
        "status": st.sampled_from(["announced", "completed", "terminated"]),
        "as_of": dates,
    },
    ("licensor", "licensee", "asset", "modality", "territory"),
).filter(
    lambda d: (
        (
            "upfront" not in d
            or "total_value" not in d
            or _total(d["upfront"]) <= _total(d["total_value"])
        )
        and all(_total(d[k]) < 10**15 for k in ("upfront", "total_value") if k in d)
    )
)
quotes = fact(
    "quote",
    {"speaker": words, "text": words, "date": dates},
    {"title": words, "organisation": words, "as_of": dates},
    ("speaker", "title", "organisation", "text"),
)
events = fact(
    "event",
    {"name": words, "start": dates},
    {"organiser": words, "place": words, "end": dates, "as_of": dates},
    ("name", "place", "organiser"),
).map(lambda d: {**d, "end": max(d["end"], d["start"])} if "end" in d else d)


def _total(amount: dict[str, Any]) -> Decimal:
    factor = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
    return abs(Decimal(str(amount["amount"]))) * factor.get(amount.get("scale", ""), 1)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(figures, deals, quotes, events))
def test_generated_facts_round_trip(data: dict[str, Any]) -> None:
    obj = FACT.validate_python(data)  # the strategies only make valid facts
    assert isinstance(obj, Figure | Deal | Quote | Event)
    assert round_trip_failures(obj) == []
    assert FACT.validate_python(obj.model_dump(mode="json")) == obj
    # What the content files hold (no None, no defaults) is enough to rebuild it.
    assert FACT.validate_python(obj.model_dump(exclude_none=True)) == obj
    assert type(obj).model_validate(obj.model_dump(exclude_defaults=True)) == obj


def test_a_wording_the_kind_lacks_is_refused_where_it_is_written() -> None:
    room = Pressroom.from_data(
        {
            "facts": [
                {
                    "id": "a",
                    "kind": "figure",
                    "source": "s",
                    "as_of": "2025-01-01",
                    "label": "Exports",
                    "value": 1,
                    "translations": {"zh-Hant-HK": {"lable": "出口", "speaker": "某人"}},
                }
            ]
        },
        today=dt.date(2026, 11, 22),
    )
    found = {f.path: f for f in room.findings if f.code == codes.UNKNOWN_FIELD}
    assert found["/facts/0/translations/zh-Hant-HK/lable"].hint == "did you mean 'label'?"
    assert "label, unit, qualifier, basis" in found["/facts/0/translations/zh-Hant-HK/speaker"].hint
