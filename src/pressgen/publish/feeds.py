"""RSS 2.0, Atom (built with feedgen) and JSON Feed 1.1 feeds of the news, per language.

Encoding, per what readers expect of each element (every value is plain text):
titles, names and categories are text, escaped for XML only; an RSS
``<description>`` is read as HTML by readers, so it carries the text escaped as
HTML (it shows the text, never runs it) and Atom's ``<summary type="html">`` the
same; the Atom subtitle is text. Characters XML cannot carry become U+FFFD.
JSON Feed has ``summary`` and ``content_text``, both plain text, with ``<``, ``>``
and ``&`` written as ``\\u`` escapes.
"""

from __future__ import annotations

import html
import json
from typing import Any

from feedgen.feed import FeedGenerator

from ..html import xml_text
from ..model import RenderedArticle, in_language
from ..pressroom import Pressroom
from ..urls import atom_feed, json_feed, language_folder, news_url, rss_feed


def feed_files(
    room: Pressroom, lang: str, keys: list[str], rendered: dict[str, RenderedArticle], base: str
) -> dict[str, str]:
    """The RSS and Atom feeds (:func:`pressgen.urls.rss_feed`) of the newest articles of a
    language.

    ``keys`` are newest first; ``base`` is the site's absolute URL ending in '/'.
    Dates carry their time-zone offsets; the feed's own date is its newest
    article's last change, so the same content always gives the same feed.
    """
    folder = language_folder(room.settings, lang)
    label = room.labels.wording(lang)
    company = in_language(room.content.company, lang) if room.content.company else None
    name = company.name if company else "Press room"
    zone = room.settings.zone
    chosen = keys[: room.settings.feed_items]

    intro = xml_text(label("news_intro", company=name))

    feed = FeedGenerator()
    feed.id(f"{base}{news_url(folder)}")
    feed.title(xml_text(f"{name} — {label('news')}"))
    feed.language(lang)
    if company is not None:
        feed.author({"name": xml_text(company.name), "uri": company.website})
        feed.copyright(xml_text(company.legal_name or company.name))
    if room.content.company is not None and room.content.company.logo:
        feed.logo(f"{base}{room.content.company.logo}")
    feed.generator("pressgen")
    newest = max((room.articles[k].modified_at(zone) for k in chosen), default=None)
    if newest is not None:
        feed.updated(newest)
        feed.lastBuildDate(newest)
    for key in reversed(chosen):  # feedgen prepends: add oldest first
        article = room.articles[key]
        result = rendered[key]
        url = f"{base}{room.content.article_url(article, key)}"
        entry = feed.add_entry()
        entry.id(url)
        entry.guid(url, permalink=True)
        entry.title(xml_text(article.title))
        entry.link(href=url)
        # HTML that shows the summary as text: RSS <description> and Atom <summary>.
        summary = html.escape(xml_text(result.metadata["description"]), quote=False)
        entry.summary(summary, type="html")
        entry.published(article.published_at(zone))
        entry.updated(article.modified_at(zone))
        editor = room.content.editors.get(article.editor)
        if editor is not None:
            shown = xml_text(in_language(editor, lang).name)
            entry.author({"name": shown, "email": editor.email})
        for tag in article.tags:
            entry.category(term=xml_text(tag), label=xml_text(tag))
    files = {}
    # RSS's channel <description> is read as HTML, Atom's <subtitle> as text.
    for path, write, description in (
        (rss_feed(folder), feed.rss_str, html.escape(intro, quote=False)),
        (atom_feed(folder), feed.atom_str, intro),
    ):
        feed.description(description)
        feed.link(
            [
                {"href": f"{base}{path}", "rel": "self"},
                {"href": f"{base}{news_url(folder)}", "rel": "alternate"},  # last: RSS <link>
            ],
            replace=True,
        )
        files[path] = write(pretty=True).decode("utf-8")
    files[json_feed(folder)] = _json_feed(room, lang, chosen, rendered, base, folder, feed, intro)
    return files


def _json_feed(
    room: Pressroom,
    lang: str,
    keys: list[str],
    rendered: dict[str, RenderedArticle],
    base: str,
    folder: str,
    feed: FeedGenerator,
    description: str,
) -> str:
    """JSON Feed 1.1 (jsonfeed.org) of the same articles as the RSS and Atom feeds."""
    zone = room.settings.zone
    items: list[dict[str, Any]] = []
    for key in keys:
        article = room.articles[key]
        url = f"{base}{room.content.article_url(article, key)}"
        editor = room.content.editors.get(article.editor)
        item: dict[str, Any] = {
            "id": url,
            "url": url,
            "title": article.title,
            "summary": rendered[key].metadata["description"],
            "content_text": rendered[key].metadata["description"],
            "date_published": article.published_at(zone).isoformat(),
            "date_modified": article.modified_at(zone).isoformat(),
            "tags": list(article.tags),
        }
        if editor is not None:
            item["authors"] = [{"name": in_language(editor, lang).name}]
        items.append(item)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title(),
        "description": description,
        "home_page_url": f"{base}{news_url(folder)}",
        "feed_url": f"{base}{json_feed(folder)}",
        "language": lang,
        "items": items,
    }
    text = json.dumps(document, ensure_ascii=False, indent=2)
    # '<', '>' and '&' only occur inside strings: written as \u escapes, the feed is the
    # same JSON and no text in it can read as markup if it is ever shown as HTML.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"
