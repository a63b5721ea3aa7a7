"""What goes into each page's <head>: JSON-LD, Open Graph, Twitter card, feed links.

Made after the page's HTML has been sanitised, from data only: every value is
plain text and escaped here for its context (attribute values with
:func:`html.escape`, JSON-LD with :func:`pressgen.html.json_for_script`, which
cannot close its <script> element).
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass, field
from typing import Any

from ..html import json_for_script

OG_LOCALES = {"en": "en_US", "zh-Hant-HK": "zh_HK", "zh-Hans-CN": "zh_CN"}

# Material's tooltips (feature content.tooltips) read an element's ``title`` property
# and put it into the page as HTML (``innerHTML``); its ellipsis patch first copies a
# shortened element's text (a long headline, a table-of-contents entry) into that
# property. The text is the reader's plain text, so a title such as
# '<img src=x onerror=...>' would run. This script, in the head (before Material's
# bundle), makes the property return the text escaped for HTML: the tooltip shows the
# text as it is. The attribute, and the browser's own tooltip, are unchanged.
TITLE_AS_TEXT = (
    "<script>(()=>{const d=Object.getOwnPropertyDescriptor(HTMLElement.prototype,"
    '"title");if(!d||!d.get||!d.set)return;Object.defineProperty(HTMLElement.prototype,'
    '"title",{configurable:true,enumerable:d.enumerable,get(){return d.get.call(this)'
    '.replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;")'
    '.replace(/"/g,"&quot;")},set(v){d.set.call(this,v)}})})();</script>'
)


@dataclass
class PageInfo:
    """What the head of one generated page needs to know."""

    lang: str
    title: str = ""
    description: str = ""
    url: str = ""
    jsonld: dict[str, Any] | None = None
    image: str | None = None
    image_alt: str | None = None
    published: str | None = None
    modified: str | None = None
    tags: list[str] = field(default_factory=list)
    feeds: dict[str, tuple[str, str]] = field(default_factory=dict)  # title -> (type, site path)
    alternates: list[dict[str, str]] = field(default_factory=list)  # the language menu


def _meta(attribute: str, name: str, content: str | None) -> str:
    if not content:
        return ""
    return f'<meta {attribute}="{html.escape(name)}" content="{html.escape(content)}">'


def head_html(info: PageInfo, site_name: str, page_url: str = "", *, tooltips: bool = False) -> str:
    """The tags pressgen adds before </head>; feed links are relative to the page.
    ``tooltips``: the theme turns ``title`` attributes into HTML tooltips."""
    is_article = info.jsonld is not None
    locale = OG_LOCALES[info.lang]
    tags = [
        TITLE_AS_TEXT if tooltips else "",
        _meta("property", "og:type", "article" if is_article else "website"),
        _meta("property", "og:site_name", site_name),
        _meta("property", "og:title", info.title),
        _meta("property", "og:description", info.description),
        _meta("property", "og:url", info.url),
        _meta("property", "og:locale", locale),
        _meta("property", "og:image", info.image),
        _meta("property", "og:image:alt", info.image_alt),
        _meta("property", "article:published_time", info.published),
        _meta("property", "article:modified_time", info.modified),
        *(_meta("property", "article:tag", tag) for tag in info.tags),
        _meta("name", "twitter:card", "summary_large_image" if info.image else "summary"),
        _meta("name", "twitter:title", info.title),
        _meta("name", "twitter:description", info.description),
        _meta("name", "twitter:image", info.image),
        _meta("name", "twitter:image:alt", info.image_alt),
    ]
    here = posixpath.dirname(page_url.rstrip("/") + "/x") if page_url else "."
    for title, (kind, path) in info.feeds.items():
        url = posixpath.relpath(path, here or ".")
        tags.append(
            f'<link rel="alternate" type="{kind}" title="{html.escape(title)}" '
            f'href="{html.escape(url)}">'
        )
    if info.jsonld is not None:
        tags.append(f'<script type="application/ld+json">{json_for_script(info.jsonld)}</script>')
    return "\n    ".join(t for t in tags if t)


__all__ = ["OG_LOCALES", "PageInfo", "head_html", "inject", "json_for_script"]


def inject(
    output: str, info: PageInfo, site_name: str, page_url: str = "", *, tooltips: bool = False
) -> str:
    """Set the page's language on <html> and add the head tags."""
    tag = info.lang
    if output.startswith("<!doctype html>") or "<html" in output[:200]:
        start = output.find("<html")
        end = output.find(">", start)
        element = output[start:end]
        if ' lang="' in element:
            before, _, rest = element.partition(' lang="')
            element = f'{before} lang="{tag}"{rest[rest.find(chr(34)) + 1 :]}'
        output = output[:start] + element + output[end:]
    return output.replace(
        "</head>", f"    {head_html(info, site_name, page_url, tooltips=tooltips)}\n  </head>", 1
    )
