"""schema.org ``NewsArticle`` JSON-LD for one rendered article (search engines, CMSs)."""

from __future__ import annotations

from typing import Any

from ..content import Content
from ..model import MAX_HEADLINE, Article, Citation, in_language

SECTIONS = {"press-release": "Press release", "market-update": "Market update"}


def news_article(
    content: Content,
    article: Article,
    slug: str,
    citations: list[Citation],
    description: str,
    base: str | None = None,
) -> dict[str, Any]:
    """The JSON-LD of an article. URLs are absolute when the site's address is known
    (``base``, else settings' ``site_url``), site-relative otherwise."""
    zone = content.settings.zone
    lang = content.lang_of(article)
    editor = content.editors.get(article.editor)
    company = content.company
    root = (base or content.settings.site_url or "").rstrip("/") + "/"
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:MAX_HEADLINE],
        "description": description,
        "datePublished": article.published_at(zone).isoformat(),
        "dateModified": article.modified_at(zone).isoformat(),
        "dateline": article.dateline,
        "inLanguage": lang,
        "url": f"{root}{content.article_url(article, slug)}",
        "mainEntityOfPage": f"{root}{content.article_url(article, slug)}",
        "keywords": list(article.tags),
        "articleSection": SECTIONS[article.type],
    }
    image = article.image or (company.logo if company else None)
    if image:
        data["image"] = [f"{root}{image}"]
    if editor is not None:
        shown = in_language(editor, lang)
        data["author"] = {
            "@type": "Person",
            "name": shown.name,
            "jobTitle": shown.role,
            "email": editor.email,
            "url": editor.website or (company.website if company else None),
        }
    if company is not None:
        publisher: dict[str, Any] = {
            "@type": "Organization",
            "name": company.name,
            "url": company.website,
        }
        if company.logo:
            publisher["logo"] = {"@type": "ImageObject", "url": f"{root}{company.logo}"}
        data["publisher"] = publisher
    data["citation"] = [
        {"@type": "CreativeWork", "name": c.source, **({"url": c.url} if c.url else {})}
        for c in citations
    ]
    if article.corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.note, "datePublished": c.date.isoformat()}
            for c in article.corrections
        ]
    return data
