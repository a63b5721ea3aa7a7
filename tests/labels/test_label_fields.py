"""Label formatting accepts only ``{name}`` fields: a project label table can never reach
into the objects a label is filled with, nor ask for a huge width."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import TODAY, write
from pressgen import Pressroom, codes
from pressgen.labels import unsafe_field


@pytest.mark.parametrize(
    "text",
    [
        "{x.__globals__}",
        "{x.__init__.__globals__[os].environ}",
        "{0}",
        "{}",
        "{0.__class__}",
        "{x!r}",
        "{x!s}",
        "{x!a}",
        "{x:>999999999}",
        "{x:{y}}",  # a nested field: the width would come from a value
        "{x[0]}",
        "{x[key]}",
        "{ x}",
        "{x }",
        "{é}",
        "{x!}",
        "}",
        "{",
    ],
)
def test_every_kind_of_field_but_a_plain_name_is_refused(text: str) -> None:
    assert unsafe_field(text) is not None


class Probe:
    """A value that records any attribute, index or format spec asked of it."""

    def __init__(self, seen: list[str]) -> None:
        self.seen = seen

    def __getattr__(self, name: str) -> Any:
        self.seen.append(f".{name}")
        return self

    def __getitem__(self, key: Any) -> Any:
        self.seen.append(f"[{key}]")
        return self

    def __format__(self, spec: str) -> str:
        if spec:
            self.seen.append(f":{spec}")
        return "v"


TEXT = st.text(alphabet=st.sampled_from(list("{}[]!:.0x_ >rsa^9é")), max_size=24)


@given(TEXT)
def test_a_text_that_passes_formats_without_reaching_into_its_values(text: str) -> None:
    """Any text unsafe_field lets through is formatted with plain names only: no
    attribute, no index, no format spec, no conversion reaches the value."""
    if unsafe_field(text) is not None:
        return
    import string

    names = {n for _, n, _, _ in string.Formatter().parse(text) if n is not None}
    seen: list[str] = []
    result = text.format(**{n: Probe(seen) for n in names})
    assert seen == []
    assert len(result) <= len(text)  # "{x}" becomes "v": nothing grows


def test_a_nested_unsafe_label_in_a_project_table_is_located(project: Path) -> None:
    write(
        project / "templates" / "i18n" / "zh-Hant-HK.yml",
        "news: MARKER\nqualifiers:\n  over: '{value.__class__.__mro__}'\n",
    )
    room = Pressroom.from_path(project, today=TODAY)
    [found] = [f for f in room.findings if f.file == "templates/i18n/zh-Hant-HK.yml"]
    assert (found.code, found.line, found.path) == (codes.INVALID_VALUE, 3, "/qualifiers/over")
    assert found.hint
    assert room.labels.wording("zh-Hant-HK")("news") != "MARKER"  # the table is not used


def test_a_format_width_in_a_project_label_never_reaches_a_page(project: Path) -> None:
    write(project / "templates" / "i18n" / "en.yml", 'dateline: "{city:>999999999}"\n')
    room = Pressroom.from_path(project, today=TODAY)
    [found] = [f for f in room.findings if f.file == "templates/i18n/en.yml"]
    assert (found.code, found.line, found.path) == (codes.INVALID_VALUE, 1, "/dateline")
    key = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
    assert len(room.render_article(key).markdown) < 100_000
