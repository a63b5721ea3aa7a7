"""A release for newswires: the plain-text release and IPTC ninjs 2.0 JSON.

Wire conventions: the release line says FOR IMMEDIATE RELEASE, or EMBARGOED
UNTIL <time> while an embargo lasts; a release that corrects an earlier one
has its headline prefixed "CORRECTING and REPLACING"; the text ends with the
About paragraph, the contact and ``###``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from .. import codes
from ..errors import PressgenError
from ..findings import Finding
from ..model import Article, in_language
from ..pressroom import Pressroom
from ..urls import tag_slug
from .plaintext import html_to_text

Format = Literal["text", "ninjs"]
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"


@dataclass
class ExportResult:
    """What an export gives back: the text to hand over and any findings."""

    content: str
    media_type: str
    findings: list[Finding] = field(default_factory=list)


def _embargo_time(room: Pressroom, article: Article, lang: str) -> str:
    """'09:00 HKT, JAN. 15, 2026' in the press room's zone: the label ``embargo_time``."""
    assert article.embargo is not None
    when = article.embargo.astimezone(room.settings.zone)
    wording = room.labels.wording(lang)
    return wording(
        "embargo_time",
        time=f"{when:%H:%M}",
        zone=when.tzname() or when.strftime("UTC%z"),
        short_date=wording.short_date(when),
        SHORT_DATE=wording.short_date(when).upper(),
        long_date=wording.long_date(when),
    )


def _release_line(room: Pressroom, article: Article, now: dt.datetime, lang: str) -> str:
    label = room.labels.wording(lang)
    if article.embargo is not None and article.embargo > now:
        return label("embargoed_until", time=_embargo_time(room, article, lang))
    return label("for_immediate_release")


def _headline(room: Pressroom, article: Article, lang: str) -> str:
    if article.corrects:
        label = room.labels.wording(lang)
        return f"{label('correcting_and_replacing')}{label('correcting_separator')}{article.title}"
    return article.title


def wire_text(room: Pressroom, key: str, now: dt.datetime) -> str:
    """The plain-text release a wire service accepts."""
    article = room.articles[key]
    lang = room.content.lang_of(article)
    result = room.render_article(key)
    text = html_to_text(result.html)
    release_line = room.labels.wording(lang)("for_immediate_release")
    lines = text.splitlines()
    if lines and lines[0] == release_line:
        lines[0] = _release_line(room, article, now, lang)
    else:
        lines[:0] = [_release_line(room, article, now, lang), ""]
    for index, line in enumerate(lines):
        if line == article.title:
            lines[index] = _headline(room, article, lang)
            break
    return "\n".join(lines).rstrip() + "\n"


def ninjs(room: Pressroom, key: str, now: dt.datetime) -> dict[str, Any]:
    """The release as an IPTC ninjs 2.0 news item."""
    article = room.articles[key]
    zone = room.settings.zone
    lang = room.content.lang_of(article)
    result = room.render_article(key)
    base = (room.settings.site_url or "").rstrip("/")
    company = in_language(room.content.company, lang) if room.content.company else None
    editor = room.content.editors.get(article.editor)
    uri = (
        f"{base}/{room.content.article_url(article, key)}"
        if base
        else f"urn:pressgen:{tag_slug(company.name) if company else 'press'}:{key}"
    )
    item: dict[str, Any] = {
        "uri": uri,
        "standard": {"name": "ninjs", "version": "2.0", "schema": NINJS_SCHEMA},
        "type": "text",
        "representationtype": "full",
        "profile": article.type,
        "version": str(1 + len(article.corrections)),
        "firstcreated": article.published_at(zone).isoformat(),
        "versioncreated": article.modified_at(zone).isoformat(),
        "contentcreated": article.published_at(zone).isoformat(),
        "pubstatus": "withheld" if article.draft else "usable",
        "urgency": article.urgency,
        "language": lang,
        "slugline": key.rsplit("/", 1)[-1],
        "located": article.dateline,
        "headlines": [{"role": "main", "value": _headline(room, article, lang)}],
        "descriptions": [
            {
                "role": "summary",
                "contenttype": "text/plain",
                "value": result.metadata["description"],
            }
        ],
        "bodies": [
            {"role": "main", "contenttype": "text/html", "value": result.html},
            {"role": "main", "contenttype": "text/plain", "value": wire_text(room, key, now)},
        ],
        "subjects": [{"name": tag} for tag in article.tags],
        "infosources": [
            {"name": c.source, **({"uri": c.url} if c.url else {})} for c in result.citations
        ],
    }
    if article.embargo is not None:
        item["embargoed"] = article.embargo.isoformat()
    if article.subtitle:
        item["headlines"].append({"role": "sub", "value": article.subtitle})
    if editor is not None:
        item["by"] = in_language(editor, lang).name
    if company is not None:
        item["copyrightholder"] = company.legal_name or company.name
        item["organisations"] = [{"name": company.name, "rel": "publisher", "uri": company.website}]
    if article.corrections:
        item["ednote"] = " ".join(f"{c.date.isoformat()}: {c.note}" for c in article.corrections)
    if article.corrects:
        item["altids"] = [{"role": "corrects", "value": article.corrects}]
    return item


def export_article(
    room: Pressroom, key: str, fmt_name: Format = "text", *, now: dt.datetime | None = None
) -> ExportResult:
    """Export one article; raises :class:`PressgenError` if it has errors or does not exist."""
    if key not in room.articles:
        raise PressgenError(
            [
                Finding(
                    code=codes.USAGE,
                    message=f"there is no article '{key}'",
                    hint=f"known articles: {', '.join(sorted(room.articles)[:10])}",
                )
            ]
        )
    findings = room.render_article(key).findings
    if any(f.is_error for f in findings):
        raise PressgenError(findings)
    now = now or dt.datetime.now(room.settings.zone)
    if fmt_name == "ninjs":
        content = json.dumps(ninjs(room, key, now), ensure_ascii=False, indent=2) + "\n"
        return ExportResult(content, "application/json", findings)
    return ExportResult(wire_text(room, key, now), "text/plain", findings)
