"""The encoders of pressgen.html, one per output context, and the attribute-list policy.

Each takes user input, so each is a property: any text, escaped for its context,
comes out as that text and nothing else.
"""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adversarial import MB, NAMED, bodies, cpu_seconds, repeated
from pressgen.html import (
    SafeAttributes,
    attribute_list_problems,
    json_for_script,
    markdown_label,
    markdown_text,
    markdown_to_html,
    plain_text,
    sanitise_inline,
    unsafe_scheme,
    xml_text,
)

# Text as editors write it, with the characters every syntax cares about.
SYNTAX = "<>&\"'`*_[](){}#!|\\:=-+.~ \n\t1aZé中"
# Control characters are refused by the model's text types (and Markdown uses two).
texts = st.text(
    alphabet=st.sampled_from(SYNTAX) | st.characters(blacklist_categories=("Cc", "Cs")),
    max_size=80,
)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "h2":  # where the attribute list goes (raw HTML is nh3's job)
            self.attributes += attrs


def tags_of(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


# --- Plain text into Markdown ------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(texts)
def test_markdown_text_shows_exactly_the_text_and_makes_no_element(text: str) -> None:
    escaped = markdown_text(text)
    html = markdown_to_html(escaped)
    assert set(tags_of(html)) <= {"p"}
    # Character references in the input are read as the characters they name.
    assert plain_text(html) == " ".join(plain_text(escaped).split())
    assert markdown_text(escaped) == escaped  # idempotent: escaping twice is harmless


@pytest.mark.parametrize(
    "text",
    [
        "</title><script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "[click](javascript:alert(1))",
        "Heading { ONMOUSEOVER=alert(1) }",
        "# not a heading",
        "- not a list",
        "1. not a list either",
        "!!! note",
        "===",
        "A | B | C",
        "**bold** _em_ `code`",
        "<https://example.com>",
    ],
)
def test_markdown_syntax_in_text_stays_text(text: str) -> None:
    html = markdown_to_html(markdown_text(text))
    assert tags_of(html) == ["p"]
    assert plain_text(html) == text


def test_markdown_label_escapes_values_and_keeps_the_labels_link() -> None:
    def label(key: str, **values: object) -> str:
        return "Read [{title}]({link}) <b>now</b> & then".format(**values)

    filled = markdown_label(label)("x", title="<script>x</script>", link="../a_b/")
    html = markdown_to_html(filled)
    assert tags_of(html) == ["p", "a"]
    assert plain_text(html) == "Read <script>x</script> <b>now</b> & then"
    assert 'href="../a_b/"' in html


# --- Other contexts ------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.recursive(st.text() | st.integers() | st.none(), lambda c: st.lists(c, max_size=3)))
def test_json_for_script_cannot_end_its_script_or_break_a_line(data: object) -> None:
    text = json_for_script({"x": data})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"x": data}


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_xml_text_is_always_writable_as_xml(text: str) -> None:
    element = ET.Element("title")
    element.text = xml_text(text)
    parsed = ET.fromstring(ET.tostring(element, encoding="unicode"))
    kept = re.sub("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "\ufffd", text)

    def lines(value: str | None) -> str:  # XML reads every line ending as '\n'
        return (value or "").replace("\r\n", "\n").replace("\r", "\n")

    assert lines(parsed.text) == lines(kept)


@pytest.mark.parametrize(
    "url, scheme",
    [
        ("javascript:alert(1)", "javascript"),
        ("  JaVaScRiPt:alert(1)", "javascript"),
        ("java\tscript:alert(1)", "javascript"),
        ("&#106;avascript:alert(1)", "javascript"),
        ("data:text/html,<script>", "data"),
        ("vbscript:x", "vbscript"),
        ("https://example.com", None),
        ("mailto:press@example.com", None),
        ("tel:+85212345678", None),
        ("news/", None),
        ("../a:b/", None),
    ],
)
def test_unsafe_scheme(url: str, scheme: str | None) -> None:
    assert unsafe_scheme(url) == scheme


def test_copyright_html_keeps_links_and_emphasis_only() -> None:
    html = sanitise_inline(
        'Copyright &copy; <a href="https://x.com" onclick="a()">X</a> <img src=x onerror=a()>'
        '<script>a()</script><em id="e">Ltd</em> <a href="javascript:a()">y</a>'
    )
    assert tags_of(html) == ["a", "em", "a"]
    assert "onclick" not in html and "id=" not in html and "javascript" not in html
    assert plain_text(html) == "Copyright © X Ltd y"


# --- Attribute lists -----------------------------------------------------------------


def _convert(text: str) -> tuple[str, list[dict[str, object]]]:
    converter = markdown.Markdown(extensions=["attr_list", "toc", SafeAttributes()])
    html = converter.convert(text)
    return html, converter.toc_tokens  # type: ignore[attr-defined]


def test_unsafe_ids_classes_and_attributes_never_reach_the_page_or_its_toc() -> None:
    html, toc = _convert(
        '## Heading { #x" .ok .b"ad ONMOUSEOVER=alert(1) OnClick=a() data-x=1 title="t" }\n\n'
        "[link](https://x.com){ onfocus=a() style=color:red }"
    )
    assert "ONMOUSEOVER" not in html and "OnClick" not in html and "onfocus" not in html
    assert 'class="ok"' in html and 'title="t"' in html and "data-x" not in html
    assert 'id="heading"' in html  # the refused id is replaced by the usual slug
    assert [t["id"] for t in toc] == ["heading"]


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="aZ1-_.:\"'<>&#/ =onON", min_size=1, max_size=12),
    st.text(alphabet="aZ1-_\"'<>&# =()", max_size=12),
)
def test_any_attribute_list_leaves_only_allowed_names_and_safe_ids(name: str, value: str) -> None:
    html, toc = _convert(f"## H {{ #{name} {name}={value!r} .{name} }}\n\ntext\n")
    for token in toc:
        assert re.fullmatch(r"[\w.:-]+", str(token["id"])), token
    parser = _Tags()
    parser.feed(html)
    for attribute, found in parser.attributes:
        assert attribute in {"id", "class", "title", "lang", "dir"}, (attribute, found)
        if attribute == "id":
            assert re.fullmatch(r"[\w.:-]+", found or ""), found


def test_the_check_finds_what_the_build_removes_with_lines_and_skips_placeholders() -> None:
    text = (
        "Intro {{ fact.x }}\n"  # a placeholder, not an attribute list
        "## A { #good .ok }\n"
        '## B { #b"ad }\n'
        "para { see note } here\n"  # braces inside a line: not an attribute list
        "[a](https://x.com){ data-x=1 }\n"
        "## C { ONMOUSEOVER=x }\n"
    )
    problems = attribute_list_problems(text)
    lines = [text.count("\n", 0, p.offset) + 1 for p in problems]
    assert [(p.name, line) for p, line in zip(problems, lines, strict=True)] == [
        ("id", 3),
        ("data-x", 5),
        ("ONMOUSEOVER", 6),
    ]
    assert all(p.hint for p in problems)


@pytest.mark.parametrize(
    "body",
    ["{" * 1_000_000, "{}" * 500_000, "{{" * 500_000, "{" + "}" * 1_000_000, '{ a="' * 200_000],
)
def test_the_attribute_list_check_is_linear(body: str) -> None:
    started = time.monotonic()
    attribute_list_problems(body)
    assert time.monotonic() - started < 2.0


# --- Linear time on any text (the limits workstream) --------------------------------


@pytest.mark.parametrize("name", sorted(NAMED))
def test_text_escaping_and_attribute_lists_are_linear_on_known_attacks(name: str) -> None:
    """100 kB of each: a run of spaces without a line break made markdown_text's
    white-space pattern rescan the run from every character (2 MB: minutes)."""
    text = repeated(NAMED[name], MB // 10)
    assert cpu_seconds(lambda: markdown_text(text), 1.0) < 1.0
    assert cpu_seconds(lambda: attribute_list_problems(text), 1.0) < 1.0


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_text_escaping_takes_under_two_seconds_on_any_1mb_text(body: str) -> None:
    assert cpu_seconds(lambda: markdown_text(body), 2.0) < 2.0
    assert cpu_seconds(lambda: attribute_list_problems(body), 2.0) < 2.0
