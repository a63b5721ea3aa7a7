"""Markdown → sanitised HTML, and the encoders every output sink uses.

Python-Markdown does not sanitise (its docs say so), and a ``Markdown`` instance
is not thread-safe, so each conversion gets its own instance and nh3 cleans the
result with an allow-list that keeps Material's classes, ids and admonitions.

Output encoding is by context (OWASP): plain text that goes into Markdown is
escaped by :func:`markdown_text`, so that it stays text; text that goes into XML
loses the characters XML cannot carry (:func:`xml_text`); JSON that goes into a
``<script>`` element cannot close it (:func:`json_for_script`). Attribute lists
(``{ #id .class key=value }``) are held to one policy (:class:`SafeAttributes`,
:func:`attribute_list_problems`): safe ids and classes, known attribute names,
compared without regard to case.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import markdown as md
import nh3
from markdown.extensions import Extension
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_EXTENSIONS: list[Any] = ["tables", "attr_list", "admonition", "md_in_html", "toc", "sane_lists"]
_TAGS = {
    "caption",
    "cite",
    "col",
    "colgroup",
    "details",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "summary",
    "u",
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "ol": {"start"},
}


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )


_INLINE_TAGS = {"a", "abbr", "b", "br", "code", "em", "i", "small", "span", "strong"}


def sanitise_inline(html: str) -> str:
    """A line of HTML a site owner writes into mkdocs.yml (the copyright): links and
    emphasis only, no ids, classes or images."""
    return nh3.clean(
        html,
        tags=_INLINE_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


# --- Plain text into Markdown ------------------------------------------------------

# '&' that does not start a character reference. One that does is left alone, so
# that escaping twice gives the same text as escaping once (values pass through
# several layers).
_BARE_AMPERSAND = re.compile(
    r"&(?!(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
)
# Characters Markdown (or raw HTML, attribute lists, tables) would read as syntax
# anywhere in a line.
_INLINE_SYNTAX = str.maketrans(
    {
        "<": "&lt;",
        ">": "&gt;",
        "[": "&#91;",
        "]": "&#93;",
        "`": "&#96;",
        "*": "&#42;",
        "_": "&#95;",
        "\\": "&#92;",
        "{": "&#123;",
        "}": "&#125;",
        "|": "&#124;",
    }
)
# Syntax that only counts at the start of a line: headings, list items, rules and
# setext underlines, admonitions.
_LINE_START = re.compile(r"#|[-+](?=\s)|[-=]+$|!!!|\d+[.)](?=\s|$)")
# A run of white space holding a line break; tried only where a run starts, so that a
# long run without one is read once, not once per character (linear in the text).
_SPACE_RUN = re.compile(r"(?<!\s)\s*\n\s*")


def markdown_text(text: object) -> str:
    """Plain text → Markdown that shows exactly that text: no HTML, link, emphasis,
    attribute list or block syntax can come out of it.

    Line breaks become spaces (plain text goes into a line of a template). A
    character reference already in the text (``&lt;``) is kept, so the function is
    idempotent: ``markdown_text(markdown_text(x)) == markdown_text(x)``.
    """
    value = _SPACE_RUN.sub(" ", str(text)).strip()
    value = _BARE_AMPERSAND.sub("&amp;", value).translate(_INLINE_SYNTAX)
    match = _LINE_START.match(value)
    if match:
        mark = match.group()
        last = len(mark) - 1 if mark[0].isdigit() else 0  # "1." → escape the dot
        value = value[:last] + f"&#{ord(mark[last])};" + value[last + 1 :]
    return value


_HTML_ONLY = str.maketrans({"<": "&lt;", ">": "&gt;"})


def markdown_label(label: Callable[..., str]) -> Callable[..., Markup]:
    """A label function for templates that write Markdown: the values filled in are
    text (:func:`markdown_text`); the label's own wording may use Markdown (links)
    but no HTML. The result is ``Markup``, so a template does not escape it again."""

    def filled(key: str, **values: object) -> Markup:
        text = label(key, **{name: markdown_text(value) for name, value in values.items()})
        return Markup(_BARE_AMPERSAND.sub("&amp;", text).translate(_HTML_ONLY))

    return filled


def plain_text(markup: str) -> str:
    """HTML (or escaped Markdown text) → the plain text a reader sees: tags dropped,
    character references decoded, white space collapsed."""
    return " ".join(html.unescape(nh3.clean(markup, tags=set())).split())


# --- Links ---------------------------------------------------------------------------

LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these from a scheme
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def unsafe_scheme(url: str) -> str | None:
    """The scheme of ``url`` if a link may not use it (``javascript``, ``data``, ...);
    None for http(s), mailto, tel and relative links. Read as a browser reads it:
    character references decoded, spaces and control characters ignored."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", html.unescape(url)))
    if match is None or match.group(1).lower() in LINK_SCHEMES:
        return None
    return match.group(1).lower()


# --- Other sinks --------------------------------------------------------------------

# Characters XML 1.0 cannot carry at all (not even escaped): C0 controls except
# tab/newline/return, surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text that an XML writer can escape: characters XML cannot carry become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def json_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script>``: ``<``, ``>``, ``&`` and the JavaScript line
    terminators U+2028/U+2029 are written as ``\\u`` escapes, so the text can neither
    close the element nor start a comment or a new statement."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --- Attribute lists ----------------------------------------------------------------

# Ids and classes: letters and digits of any script, '_', '-', and for ids also
# '.' and ':' (footnote ids). No quotes, spaces, '<', '>', '&', '#' or '/'.
SAFE_ID = re.compile(r"[^\W][\w.:-]{0,99}")
SAFE_CLASS = re.compile(r"[\w-]{1,80}")
# What an attribute list may set; every other name (any case) is removed. (Markdown
# itself sets more — href, src, alt, table alignment — which the page's sanitiser
# holds to its own allow-list.)
ATTRIBUTE_NAMES = frozenset(
    {"id", "class", "title", "lang", "dir", "width", "height", "align", "data-toc-label"}
)


@dataclass(frozen=True)
class AttributeProblem:
    """One attribute of an attribute list that the policy refuses."""

    offset: int  # where its attribute list starts in the text
    name: str
    value: str | None
    message: str
    hint: str


def _judge(
    name: str, value: str | None, names: frozenset[str] = ATTRIBUTE_NAMES
) -> tuple[str, str] | None:
    """(message, hint) for an attribute the policy refuses, else None. ``names``: the
    attribute names allowed besides ids and classes."""
    key = name.lower()
    if name == ".":
        if value is not None and SAFE_CLASS.fullmatch(value):
            return None
        return (
            f"the class '{value}' has characters a class name cannot have",
            "use letters, digits, '-' and '_' only, e.g. { .key-figures }",
        )
    if key == "id":
        if value is not None and SAFE_ID.fullmatch(value):
            return None
        return (
            f"the id '{value}' has characters an id cannot have",
            "use letters, digits, '-' and '_' only, e.g. { #key-figures }",
        )
    if key.startswith("on"):
        return (
            f"the attribute '{name}' would run a script in the reader's browser",
            "remove the attribute",
        )
    if key in names:
        return None
    return (
        f"the attribute '{name}' is not allowed in an attribute list",
        "use only an id, classes, title, lang, width or height, e.g. { #id .class title='...' }",
    )


MAX_ATTRIBUTE_LIST = 2000  # longer "{...}" are not read as attribute lists by the check
_BRACE = re.compile(r"[{}]")


def _attribute_lists(text: str) -> Iterator[tuple[int, str]]:
    """(offset, inside) of every '{...}' that Markdown's attr_list could read: at the
    end of a line, or right after an inline element. Linear in the text: each '}' is
    paired with the last '{' before it on its line that no other '}' has taken."""
    start = 0
    for line in text.splitlines(keepends=True):
        end = len(line.rstrip())  # a '}' at end - 1 closes the line
        open_ = -1
        for brace in _BRACE.finditer(line):
            if brace.group() == "{":
                open_ = brace.start()
                continue
            close = brace.start()
            if open_ < 0 or close - open_ > MAX_ATTRIBUTE_LIST:
                open_ = -1
                continue
            inside = line[open_ + 1 : close].removeprefix(":")
            at_end = close == end - 1
            after_inline = open_ > 0 and line[open_ - 1] in ")]*_`>"
            if inside.strip() and (at_end or after_inline):
                yield start + open_, inside
            open_ = -1
        start += len(line)


_TEMPLATE_PAIRS = (("{{", "}}"), ("{%", "%}"), ("{#", "#}"))


def _blank_templates(text: str) -> str:
    """Template placeholders replaced by spaces (line breaks kept), so that
    ``{{ fact.x }}`` is not mistaken for an attribute list. Linear: once an opener has
    no closer after it, no later opener of its kind has one either."""
    for opener, closer in _TEMPLATE_PAIRS:
        if opener not in text:
            continue
        parts, position = [], 0
        while True:
            first = text.find(opener, position)
            if first < 0:
                break
            last = text.find(closer, first + 2)
            if last < 0:
                break
            parts += [text[position:first], re.sub(r"[^\n]", " ", text[first : last + 2])]
            position = last + 2
        text = "".join(parts) + text[position:]
    return text


def attribute_list_problems(text: str) -> list[AttributeProblem]:
    """Every attribute in the attribute lists of Markdown ``text`` that the policy
    refuses (the same policy :class:`SafeAttributes` enforces when the page is built)."""
    if "{" not in text:
        return []
    problems = []
    for offset, inside in _attribute_lists(_blank_templates(text)):
        attributes, _ = get_attrs_and_remainder(inside)
        for name, value in attributes:
            judged = _judge(name, value)
            if judged is not None:
                problems.append(AttributeProblem(offset, name, value, *judged))
    return problems


_BEFORE = "pressgen_attributes_before_attr_list"


class _AttributesBefore(Treeprocessor):
    """Runs just before attr_list: notes the attributes each element already has
    (those Markdown set, and those of raw HTML read by md_in_html)."""

    def run(self, root: Element) -> None:
        before = {id(element): frozenset(element.attrib) for element in root.iter()}
        setattr(self.md, _BEFORE, before)


# Names an element may keep that Markdown, not an attribute list, gave it.
_MARKDOWN_NAMES = frozenset({n for names in _ATTRIBUTES.values() for n in names} | {"markdown"})


class _SafeAttributesProcessor(Treeprocessor):
    """Runs after attr_list and before toc: what an attribute list set is held to the
    policy, so that neither the page nor its table of contents nor the search index
    ever sees an unsafe id, class or attribute. An attribute that was there before
    (Markdown's own, raw HTML's) loses only event handlers and unsafe ids/classes."""

    def run(self, root: Element) -> None:
        before: dict[int, frozenset[str]] = getattr(self.md, _BEFORE, {})
        for element in root.iter():
            had = before.get(id(element), frozenset())
            for name in list(element.attrib):
                value = element.attrib[name]
                names = ATTRIBUTE_NAMES | (_MARKDOWN_NAMES & had) if name in had else None
                if name == "class":
                    classes = [c for c in (value or "").split() if _judge(".", c) is None]
                    if classes:
                        element.set("class", " ".join(classes))
                    else:
                        del element.attrib[name]
                elif _judge(name, value, names or ATTRIBUTE_NAMES) is not None:
                    del element.attrib[name]
        setattr(self.md, _BEFORE, {})


class SafeAttributes(Extension):
    """The attribute-list policy as a Markdown extension (pressgen's and MkDocs')."""

    def extendMarkdown(self, md: md.Markdown) -> None:
        # attr_list runs at priority 8, toc at 5.
        md.treeprocessors.register(_AttributesBefore(md), "pressgen_attributes_before", 8.5)
        md.treeprocessors.register(_SafeAttributesProcessor(md), "pressgen_safe_attributes", 7)


_local = threading.local()


def markdown_to_html(text: str) -> str:
    """Markdown → sanitised HTML, with one reusable converter per thread."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(
            extensions=[*_EXTENSIONS, SafeAttributes()], output_format="html"
        )
    try:
        return sanitise(converter.convert(text))
    finally:
        converter.reset()
