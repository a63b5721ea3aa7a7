"""The strict YAML reader: YAML 1.1 surprises, duplicate keys, tags, aliases, lines."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgen import codes
from pressgen.load.yaml_reader import YamlProblem, line_map, parse_yaml


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("country: NO", "NO"),
        ("answer: yes", "yes"),
        ("switch: on", "on"),
        ("time: 10:00", "10:00"),
        ("code: 01234", "01234"),
    ],
)
def test_yaml_1_1_surprises_stay_text(text: str, expected: str) -> None:
    assert parse_yaml(text).data == {text.split(":")[0]: expected}


def test_decimals_keep_the_digits_as_written() -> None:
    assert parse_yaml("v: 1.10").data["v"] == Decimal("1.10")
    assert str(parse_yaml("v: 91.17").data["v"]) == "91.17"


def test_true_false_and_dates_still_work() -> None:
    data = parse_yaml("a: true\nb: 2025-11-27\nc: 2025-11-27T09:00:00+08:00").data
    assert data["a"] is True
    assert data["b"] == dt.date(2025, 11, 27)
    assert data["c"].utcoffset() == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: 1\nb: 2\na: 3\n", codes.DUPLICATE_KEY, 2),
        ("x: !!python/object/apply:os.system ['ls']\n", codes.YAML_TAG, 0),
        ("a: &x [1]\nb: *x\n", codes.YAML_ALIAS, 1),
        ("a:\n\tb: 1\n", codes.YAML_TAB, 1),
        ("a: 2024-02-30\n", codes.BAD_DATE_VALUE, 0),
        ("a: [1, 2\n", codes.YAML_SYNTAX, 1),
        ("a: b: c\n", codes.YAML_SYNTAX, 0),
    ],
)
def test_bad_yaml_is_a_located_problem(text: str, code: str, line: int) -> None:
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert info.value.code == code
    assert info.value.line == line


def test_every_key_has_its_line() -> None:
    text = "a: 1\nb:\n  - x\n  - y: 2\n"
    assert parse_yaml(text).lines is None  # plain text: worked out only when needed
    lines = line_map(text)
    assert lines[("a",)] == 0
    assert lines[("b", 1, "y")] == 3
    assert parse_yaml(text + "c: '2025-01-01'\n").lines == {**lines, ("c",): 4}


def test_quoted_dates_are_noticed() -> None:
    assert parse_yaml('d: "2025-01-01"').quoted_dates == [("d",)]


text_values = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.from_regex(r"[a-z_]{1,10}", fullmatch=True),
        st.one_of(text_values, st.integers(-(10**9), 10**9), st.booleans()),
        max_size=8,
    )
)
def test_what_yaml_dumps_of_plain_values_reads_back(data: dict) -> None:
    """Text, integers and booleans written by a YAML emitter read back unchanged."""
    text = yaml.safe_dump(data, allow_unicode=True)
    assert parse_yaml(text).data == data


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_data_or_a_yaml_problem(text: str) -> None:
    """Nothing but YamlProblem ever leaves the reader, whatever it is given."""
    with contextlib.suppress(YamlProblem):
        parse_yaml(text)
