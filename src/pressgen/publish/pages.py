"""Which pages the site has: articles, paginated news index, topics, contacts, home.

Generator-independent: returns Markdown keyed by the source path a static site
generator should give it. Every listing is paginated, so no page's size grows
with the number of articles.

Encoding: the page templates print every value as Markdown text (the press room's
environment escapes it, see :func:`pressgen.render.environment.markdown_finalize`);
labels are filled with escaped values (:func:`pressgen.html.markdown_label`). Front
matter holds plain text: ``title`` and ``description`` are decoded after rendering.
"""

from __future__ import annotations

import dataclasses
import html
import json
import math
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from ..build.pipeline import in_worker, limited
from ..build.workers import Overrun, map_limited
from ..findings import Finding, Location
from ..html import markdown_label
from ..i18n import LANGUAGES
from ..model import RenderedArticle, in_language
from ..pressroom import Pressroom
from ..render import limit_finding
from ..render.environment import render_limited
from ..urls import article_src as _article_src
from ..urls import (
    atom_feed,
    contacts_src,
    home_src,
    language_folder,
    news_src,
    rss_feed,
    tag_src,
    tags_index_src,
)
from ..urls import relative_link as _link


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str


def article_src(room: Pressroom, key: str) -> str:
    return _article_src(room.settings, room.articles[key], key)


def _front_matter(values: dict[str, Any]) -> str:
    lines = [
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in values.items()
        if value is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


_TEXT_FRONT_MATTER = re.compile(r'^(title|description): ("(?:[^"\\\n]|\\.)*")$', re.MULTILINE)


def _plain_front_matter(markdown: str) -> str:
    """Decode the Markdown escaping of a rendered page's ``title`` and ``description``:
    front matter is plain text (the theme escapes it for HTML)."""
    if not markdown.startswith("---\n"):
        return markdown
    end = markdown.find("\n---\n", 4)
    if end < 0:
        return markdown

    def decode(match: re.Match[str]) -> str:
        text = html.unescape(json.loads(match.group(2)))
        return f"{match.group(1)}: {json.dumps(text, ensure_ascii=False)}"

    return _TEXT_FRONT_MATTER.sub(decode, markdown[:end]) + markdown[end:]


def _paginate(items: list[Any], per_page: int) -> list[list[Any]]:
    count = max(1, math.ceil(len(items) / per_page))
    return [items[i * per_page : (i + 1) * per_page] for i in range(count)]


def published_versions(room: Pressroom, key: str, published: Collection[str]) -> dict[str, str]:
    """The published language versions of an article (itself included), by language tag."""
    versions = room.content.translations_of(key)
    return {
        lang: versions[lang]
        for lang in room.settings.languages
        if lang in versions and versions[lang] in published
    }


def _article_page(
    room: Pressroom, key: str, rendered: dict[str, RenderedArticle], options: dict[str, Any]
) -> GeneratedPage:
    """An article's page: the rendered Markdown with links to its other languages,
    to the release that corrects it, and to its PDF."""
    result = rendered[key]
    article = room.articles[key]
    src = article_src(room, key)
    label = markdown_label(room.labels.wording(room.content.lang_of(article)))
    lines: list[str] = []
    others = [
        f"[{LANGUAGES[lang].name}]({_link(src, article_src(room, other))})"
        for lang, other in published_versions(room, key, options["published"]).items()
        if other != key
    ]
    if others:
        lines += [str(label("also_in")) + " · ".join(others), "{ .pressgen-languages }", ""]
    for other in room.content.corrected_by(key):
        if other in rendered and rendered[other].ok:
            correcting = room.articles[other]
            note = label(
                "corrected_by",
                date=room.labels.wording(article.lang).long_date(correcting.date),
                title=correcting.title,
                link=_link(src, article_src(room, other)),
            )
            lines += [f'!!! info "{label("correction")}"', "", f"    {note}", ""]
    pdf = options.get("pdf_names", {}).get(key)
    if pdf:
        lines += [
            f"[{label('download_pdf')}]({pdf}){{ .md-button .pressgen-download }}",
            "",
        ]
    meta = {"title": result.metadata["title"], "description": result.metadata["description"]}
    head = "\n".join(lines) + "\n" if lines else ""
    return GeneratedPage(src, _front_matter(meta) + head + result.markdown)


def build_pages(
    room: Pressroom,
    rendered: dict[str, RenderedArticle],
    *,
    pdf_names: dict[str, str] | None = None,
    feeds: bool = False,
) -> tuple[list[GeneratedPage], list[Finding]]:
    """All generated pages for the articles in ``rendered`` (in publication order).

    Each of the site's languages gets its own home, news index, topics and contacts
    pages (the main language at the root, the others in their folder).
    """
    pages: list[GeneratedPage] = []
    findings: list[Finding] = []
    for key in rendered:
        findings.extend(rendered[key].findings)
    order = [key for key in rendered if rendered[key].ok]
    options = {"pdf_names": pdf_names or {}, "published": set(order)}
    for key in order:
        pages.append(_article_page(room, key, rendered, options))
    for lang in room.settings.languages:
        keys = [key for key in order if room.content.lang_of(room.articles[key]) == lang]
        made, stopped = _limited_language_pages(room, lang, keys, rendered, feeds=feeds)
        pages += made
        findings += stopped
    return pages, findings


def _limited_language_pages(
    room: Pressroom,
    lang: str,
    order: list[str],
    rendered: dict[str, RenderedArticle],
    *,
    feeds: bool,
) -> tuple[list[GeneratedPage], list[Finding]]:
    """A language's listing pages; when a project template replaces one of pressgen's
    (code nobody here wrote), made in a limited worker process: an overrun is a finding."""

    def make() -> list[GeneratedPage] | Finding:
        return _language_pages(room, lang, order, rendered, feeds=feeds)

    if not room.renderer.untrusted:
        return _language_pages(room, lang, order, rendered, feeds=feeds), []
    limits = limited(room.renderer)
    limits = dataclasses.replace(limits, seconds=limits.seconds * (1 + len(order) // 100))

    def stopped(_key: str, why: Overrun) -> list[GeneratedPage] | Finding:
        where = Location(*why.where) if why.where else Location("templates/")
        return limit_finding(why.kind, why.limits.seconds, why.limits.memory_mb, where, why.status)

    [(_, made)] = map_limited(
        lambda _key, note: in_worker(room.renderer, note, make), [lang], limits, stopped, 1
    )
    if isinstance(made, Finding):
        return [], [made]
    return made, []


def _language_pages(
    room: Pressroom,
    lang: str,
    order: list[str],
    rendered: dict[str, RenderedArticle],
    *,
    feeds: bool,
) -> list[GeneratedPage]:
    env = room.renderer.environment
    folder = language_folder(room.settings, lang)
    wording = room.labels.wording(lang)
    label, locale = markdown_label(wording), wording.locale
    company = in_language(room.content.company, lang) if room.content.company else None
    kinds = {"press-release": label("press_release"), "market-update": label("market_update")}
    pages: list[GeneratedPage] = []
    shown_cache: dict[str, dict[str, Any]] = {}  # what listings show of each article

    def item(key: str, from_src: str) -> dict[str, Any]:
        shown = shown_cache.get(key)
        if shown is None:
            article = room.articles[key]
            shown = shown_cache[key] = {
                "title": article.title,
                "summary": rendered[key].metadata["description"],
                "kind": kinds[article.type],
                "published": wording.long_date(article.date),
                "src": article_src(room, key),
                "tags": [(t, tag_src(t, 1, folder)) for t in article.tags],
            }
        return {
            **shown,
            "link": _link(from_src, shown["src"]),
            "tags": [{"name": t, "link": _link(from_src, src)} for t, src in shown["tags"]],
        }

    def render(name: str, context: dict[str, Any]) -> str:
        return _plain_front_matter(
            render_limited(
                env.get_template(name),
                {"company": company, "label": label, "lang": lang, "locale": locale, **context},
            )
        )

    chunks = _paginate(order, room.settings.news_per_page)
    for number, chunk in enumerate(chunks, start=1):
        src = news_src(number, folder)
        pages.append(
            GeneratedPage(
                src,
                render(
                    "news-index.md.j2",
                    {
                        "items": [item(s, src) for s in chunk],
                        "rss_link": _link(src, rss_feed(folder)) if feeds else None,
                        "atom_link": _link(src, atom_feed(folder)) if feeds else None,
                        **_pager(src, number, len(chunks), lambda n: news_src(n, folder)),
                    },
                ),
            )
        )

    tags: dict[str, list[str]] = {}
    for key in order:
        for tag in room.articles[key].tags:
            tags.setdefault(tag, []).append(key)
    tags_index = tags_index_src(folder)
    for tag, keys in sorted(tags.items(), key=lambda kv: kv[0].lower()):
        tag_chunks = _paginate(keys, room.settings.news_per_page * 5)
        for number, chunk in enumerate(tag_chunks, start=1):
            src = tag_src(tag, number, folder)
            pages.append(
                GeneratedPage(
                    src,
                    render(
                        "tag.md.j2",
                        {
                            "tag_name": tag,
                            "tag_description": room.content.topics[tag.lower()].description
                            if room.content.topics and tag.lower() in room.content.topics
                            else None,
                            "items": [item(s, src) for s in chunk],
                            "tags_link": _link(src, tags_index),
                            **_pager(
                                src,
                                number,
                                len(tag_chunks),
                                lambda n, t=tag: tag_src(t, n, folder),
                            ),
                        },
                    ),
                )
            )
    pages.append(
        GeneratedPage(
            tags_index,
            render(
                "tags-index.md.j2",
                {
                    "tags": [
                        {
                            "name": t,
                            "count": len(s),
                            "link": _link(tags_index, tag_src(t, 1, folder)),
                        }
                        for t, s in sorted(tags.items(), key=lambda kv: kv[0].lower())
                    ]
                },
            ),
        )
    )
    editors_src = contacts_src(folder)
    pages.append(
        GeneratedPage(
            editors_src,
            render(
                "editors.md.j2",
                {
                    "editors": sorted(
                        (in_language(e, lang) for e in room.content.editors.values()),
                        key=lambda e: e.name,
                    ),
                },
            ),
        )
    )
    home = home_src(folder)
    pages.append(
        GeneratedPage(
            home,
            render(
                "home.md.j2",
                {
                    "items": [item(s, home) for s in order[: room.settings.home_latest]],
                    "news_link": _link(home, news_src(1, folder)),
                    "tags_link": _link(home, tags_index),
                    "editors_link": _link(home, editors_src),
                },
            ),
        )
    )
    return pages


def _pager(src: str, number: int, count: int, src_of: Any) -> dict[str, Any]:
    return {
        "page_number": number,
        "page_count": count,
        "newer_link": _link(src, src_of(number - 1)) if number > 1 else None,
        "older_link": _link(src, src_of(number + 1)) if number < count else None,
    }
