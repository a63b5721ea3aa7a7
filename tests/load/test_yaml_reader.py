"""The strict YAML reader: YAML 1.1 surprises, duplicate keys, tags, aliases, lines."""

from __future__ import annotations

import contextlib
import datetime as dt
import subprocess
import sys
import time
from decimal import Decimal

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgen import codes
from pressgen.load.yaml_reader import MAX_DEPTH, YamlProblem, line_map, parse_yaml


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


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("a: 1\nx: !!int 0x1F\n", 1, "'0x1F' is not a whole number"),
        ("x: !!float abc\n", 0, "'abc' is not a number"),
        ("x: !!bool maybe\n", 0, "'maybe' is not true or false"),
        ("x: !!null abc\n", 0, "'abc' is not empty"),
        ("x: !!map [1]\n", 0, "a list where the tag asks for a set of keys"),
        ("x: " + "1" * 5000 + "\n", 0, "is not a whole number"),
        ("x: 1.5e99999\n", 0, "is not a number"),
        ("? !!int 0o17\n: v\n", 0, "is not a whole number"),
    ],
)
def test_a_value_that_does_not_fit_its_tag_is_a_located_problem(
    text: str, line: int, says: str
) -> None:
    """These raised ValueError, InvalidOperation, KeyError or TypeError (a traceback)."""
    with pytest.raises(YamlProblem) as info:
        parse_yaml(text)
    assert info.value.code == codes.YAML_BAD_SCALAR
    assert info.value.line == line
    assert says in info.value.message and info.value.hint


def test_tagged_values_that_fit_are_read() -> None:
    data = parse_yaml("a: !!int 1_775\nb: !!float 91.17\nc: !!bool TRUE\nd: !!null\n").data
    assert data == {"a": 1775, "b": Decimal("91.17"), "c": True, "d": None}


def nested(depth: int, style: str) -> str:
    if style == "flow":
        return "a: " + "[" * depth + "1" + "]" * depth + "\n"
    if style == "compact":
        return "- " * depth + "x\n"
    if style == "mapping":
        return "".join(" " * n + f"k{n}:\n" for n in range(depth)) + " " * depth + "v\n"
    return "".join(" " * (2 * n) + "- \n" for n in range(depth - 1)) + " " * 2 * depth + "- x\n"


@pytest.mark.parametrize("style", ["flow", "compact", "mapping", "sequence"])
def test_nesting_deeper_than_the_limit_is_refused_before_parsing(style: str) -> None:
    assert parse_yaml(nested(MAX_DEPTH - 2, style)).data is not None
    with pytest.raises(YamlProblem) as info:
        parse_yaml(nested(MAX_DEPTH + 1, style))
    assert info.value.code == codes.YAML_TOO_DEEP and info.value.line is not None


def test_a_100000_deep_list_is_refused_quickly_without_a_crash() -> None:
    """It crashed the process with SIGSEGV (libyaml's composer recurses in C)."""
    code = (
        "from pressgen.load.yaml_reader import parse_yaml, YamlProblem\n"
        "try:\n    parse_yaml('x: ' + '[' * 100000 + ']' * 100000)\n"
        "except YamlProblem as p:\n    print(p.code)\n"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, codes.YAML_TOO_DEEP), done.stderr
    assert time.perf_counter() - start < 10


@st.composite
def deep_documents(draw: st.DrawFn) -> tuple[str, int]:
    """A YAML text of a known depth, mixing flow and block styles."""
    depth = draw(st.integers(1, MAX_DEPTH + 8))
    value: object = draw(st.sampled_from(["x", 1, "[not a bracket]"]))
    for _ in range(depth):
        value = [value] if draw(st.booleans()) else {draw(st.sampled_from("abc")): value}
    flow = draw(st.sampled_from([None, True, False]))
    return yaml.safe_dump(value, default_flow_style=flow, width=10**6), depth


@settings(max_examples=200, deadline=None)
@given(deep_documents())
def test_the_depth_bound_never_lets_a_deep_document_through(case: tuple[str, int]) -> None:
    text, depth = case
    if depth <= MAX_DEPTH:
        parse_yaml(text)
    else:
        with pytest.raises(YamlProblem) as info:
            parse_yaml(text)
        assert info.value.code == codes.YAML_TOO_DEEP
