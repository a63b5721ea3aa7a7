"""The Google News sitemap (recent articles only) and robots.txt pointing at the sitemaps.

MkDocs writes the ordinary ``sitemap.xml`` of every page itself; pressgen replaces
it with one that has hreflang links. Every value is escaped for XML text and
attributes (quotes included), and characters XML cannot carry become U+FFFD.
"""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path
from xml.sax.saxutils import escape as _escape

from ..html import xml_text
from ..i18n import LANGUAGES
from ..pressroom import Pressroom
from ..urls import NEWS_SITEMAP, article_src, sitemap
from .pages import published_versions


def escape(text: str) -> str:
    """XML text or attribute value."""
    return _escape(xml_text(text), {'"': "&quot;", "'": "&apos;"})


def news_sitemap(room: Pressroom, keys: list[str], base: str, now: dt.datetime) -> str:
    """Articles published in the last ``news_sitemap_days`` days, in Google News format."""
    zone = room.settings.zone
    since = now - dt.timedelta(days=room.settings.news_sitemap_days)
    name = room.content.company.name if room.content.company else "Press room"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
        '        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ]
    for key in keys:
        article = room.articles[key]
        published = article.visible_from(zone)
        if not since <= published <= now:
            continue
        language = LANGUAGES[room.content.lang_of(article)].news_code
        lines += [
            "  <url>",
            f"    <loc>{escape(base + room.content.article_url(article, key))}</loc>",
            "    <news:news>",
            "      <news:publication>",
            f"        <news:name>{escape(name)}</news:name>",
            f"        <news:language>{language}</news:language>",
            "      </news:publication>",
            f"      <news:publication_date>{published.isoformat()}</news:publication_date>",
            f"      <news:title>{escape(article.title)}</news:title>",
            "    </news:news>",
            "  </url>",
        ]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}{sitemap()}\nSitemap: {base}{NEWS_SITEMAP}\n"


def language_sitemap(
    room: Pressroom, pages: list[tuple[str, str]], keys: list[str], base: str
) -> str:
    """A sitemap of ``pages`` (source path, URL), with hreflang links between translations."""
    zone = room.settings.zone
    by_src = {article_src(room.settings, room.articles[k], k): k for k in keys}
    published = set(keys)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
        '        xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for src, url in pages:
        lines += ["  <url>", f"    <loc>{escape(base + url)}</loc>"]
        key = by_src.get(src)
        if key is not None:
            modified = room.articles[key].modified_at(zone)
            lines.append(f"    <lastmod>{modified.isoformat()}</lastmod>")
            versions = published_versions(room, key, published)
            for lang, other in versions.items() if len(versions) > 1 else ():
                href = base + room.content.article_url(room.articles[other], other)
                link = f'hreflang="{escape(lang)}" href="{escape(href)}"'
                lines.append(f'    <xhtml:link rel="alternate" {link}/>')
        lines.append("  </url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def write_sitemap(path: Path, text: str) -> None:
    """Write a sitemap and its .gz twin (replacing MkDocs' own, which has no hreflang)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    with (
        path.with_suffix(".xml.gz").open("wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed,
    ):
        packed.write(text.encode("utf-8"))
