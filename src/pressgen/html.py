"""Markdown → sanitised HTML for callers that want HTML (CMS previews, exports).

Python-Markdown does not sanitise (its docs say so), and a ``Markdown`` instance
is not thread-safe, so each conversion gets its own instance and nh3 cleans the
result with an allow-list that keeps Material's classes, ids and admonitions.
"""

from __future__ import annotations

import threading

import markdown as md
import nh3

_EXTENSIONS = ["tables", "attr_list", "admonition", "md_in_html", "toc", "sane_lists"]
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


_local = threading.local()


def markdown_to_html(text: str) -> str:
    """Markdown → sanitised HTML, with one reusable converter per thread."""
    converter = getattr(_local, "converter", None)
    if converter is None:
        converter = _local.converter = md.Markdown(extensions=_EXTENSIONS, output_format="html")
    try:
        return sanitise(converter.convert(text))
    finally:
        converter.reset()
