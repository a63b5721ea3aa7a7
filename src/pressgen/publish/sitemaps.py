"""The Google News sitemap (recent articles only) and robots.txt pointing at the sitemaps.

MkDocs writes the ordinary ``sitemap.xml`` of every page itself.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ..i18n import LANGUAGES

if TYPE_CHECKING:
    from ..pressroom import Pressroom

NEWS_SITEMAP = "news-sitemap.xml"


def news_sitemap(room: Pressroom, keys: list[str], base: str, now: dt.datetime) -> str:
    """Articles published in the last ``news_sitemap_days`` days, in Google News format."""
    zone = room.settings.zone
    since = now - dt.timedelta(days=room.settings.news_sitemap_days)
    name = room.company.name if room.company else "Press room"
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
        language = LANGUAGES[room.lang_of(article)].news_code
        lines += [
            "  <url>",
            f"    <loc>{escape(base + room.article_url(article, key))}</loc>",
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
    return f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\nSitemap: {base}{NEWS_SITEMAP}\n"
