"""Which pages the site has: articles, paginated news index, topics, contacts, home.

Generator-independent: returns Markdown keyed by the source path a static site
generator should give it. Every listing is paginated, so no page's size grows
with the number of articles.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from slugify import slugify

from ..findings import Finding
from ..pressroom import Pressroom
from ..render.article import RenderedArticle
from ..render.environment import render_limited
from ..render.formatting import format_long_date

KIND_LABELS = {"press-release": "Press release", "market-update": "Market update"}


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    markdown: str


def _link(from_src: str, to_src: str) -> str:
    """Relative link between two source paths (plain string work; relpath is slow)."""
    here = from_src.split("/")[:-1]
    there = to_src.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def article_src(room: Pressroom, slug: str) -> str:
    return room.article_url(room.articles[slug], slug).rstrip("/") + ".md"


@lru_cache(maxsize=4096)
def _tag_slug(tag: str) -> str:
    return slugify(tag) or "tag"


def tag_src(tag: str, page: int = 1) -> str:
    base = f"tags/{_tag_slug(tag)}"
    return f"{base}.md" if page == 1 else f"{base}/page/{page}.md"


def news_src(page: int) -> str:
    return "news/index.md" if page == 1 else f"news/page/{page}.md"


def _front_matter(values: dict[str, Any]) -> str:
    lines = [
        f"{key}: {json.dumps(value, ensure_ascii=False)}"
        for key, value in values.items()
        if value is not None
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _paginate(items: list[Any], per_page: int) -> list[list[Any]]:
    count = max(1, math.ceil(len(items) / per_page))
    return [items[i * per_page : (i + 1) * per_page] for i in range(count)]


def build_pages(
    room: Pressroom, rendered: dict[str, RenderedArticle]
) -> tuple[list[GeneratedPage], list[Finding]]:
    """All generated pages for the articles in ``rendered`` (in publication order)."""
    env = room.environment
    company = room.company
    pages: list[GeneratedPage] = []
    findings: list[Finding] = []
    order = [slug for slug in rendered if rendered[slug].ok]
    for slug in rendered:
        findings.extend(rendered[slug].findings)

    facts: dict[str, dict[str, Any]] = {}  # what listings show of each article, made once

    def item(slug: str, from_src: str) -> dict[str, Any]:
        shown = facts.get(slug)
        if shown is None:
            article = room.articles[slug]
            shown = facts[slug] = {
                "title": article.title,
                "summary": rendered[slug].metadata["description"],
                "kind": KIND_LABELS[article.type],
                "published": format_long_date(article.date, room.settings.locale),
                "src": article_src(room, slug),
                "tags": [(t, tag_src(t)) for t in article.tags],
            }
        return {
            **shown,
            "link": _link(from_src, shown["src"]),
            "tags": [{"name": t, "link": _link(from_src, src)} for t, src in shown["tags"]],
        }

    def render(name: str, context: dict[str, Any]) -> str:
        return render_limited(env.get_template(name), {"company": company, **context})

    for slug in order:
        result = rendered[slug]
        meta = {"title": result.metadata["title"], "description": result.metadata["description"]}
        pages.append(GeneratedPage(article_src(room, slug), _front_matter(meta) + result.markdown))

    chunks = _paginate(order, room.settings.news_per_page)
    for number, chunk in enumerate(chunks, start=1):
        src = news_src(number)
        pages.append(
            GeneratedPage(
                src,
                render(
                    "news-index.md.j2",
                    {
                        "items": [item(s, src) for s in chunk],
                        **_pager(src, number, len(chunks), news_src),
                    },
                ),
            )
        )

    tags: dict[str, list[str]] = {}
    for slug in order:
        for tag in room.articles[slug].tags:
            tags.setdefault(tag, []).append(slug)
    for tag, slugs in sorted(tags.items(), key=lambda kv: kv[0].lower()):
        tag_chunks = _paginate(slugs, room.settings.news_per_page * 5)
        for number, chunk in enumerate(tag_chunks, start=1):
            src = tag_src(tag, number)
            pages.append(
                GeneratedPage(
                    src,
                    render(
                        "tag.md.j2",
                        {
                            "tag_name": tag,
                            "tag_description": room.topics[tag.lower()].description
                            if room.topics and tag.lower() in room.topics
                            else None,
                            "items": [item(s, src) for s in chunk],
                            "tags_link": _link(src, "tags/index.md"),
                            **_pager(src, number, len(tag_chunks), lambda n, t=tag: tag_src(t, n)),
                        },
                    ),
                )
            )
    pages.append(
        GeneratedPage(
            "tags/index.md",
            render(
                "tags-index.md.j2",
                {
                    "tags": [
                        {"name": t, "count": len(s), "link": _link("tags/index.md", tag_src(t))}
                        for t, s in sorted(tags.items(), key=lambda kv: kv[0].lower())
                    ]
                },
            ),
        )
    )
    pages.append(
        GeneratedPage(
            "editors.md",
            render(
                "editors.md.j2",
                {
                    "editors": sorted(room.editors.values(), key=lambda e: e.name),
                },
            ),
        )
    )
    pages.append(
        GeneratedPage(
            "index.md",
            render(
                "home.md.j2",
                {
                    "items": [item(s, "index.md") for s in order[: room.settings.home_latest]],
                    "news_link": "news/index.md",
                    "tags_link": "tags/index.md",
                    "editors_link": "editors.md",
                },
            ),
        )
    )
    return pages, findings


def _pager(src: str, number: int, count: int, src_of: Any) -> dict[str, Any]:
    return {
        "page_number": number,
        "page_count": count,
        "newer_link": _link(src, src_of(number - 1)) if number > 1 else None,
        "older_link": _link(src, src_of(number + 1)) if number < count else None,
    }
