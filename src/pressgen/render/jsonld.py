"""schema.org ``NewsArticle`` JSON-LD for one rendered article (search engines, CMSs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..model import Article
    from ..pressroom import Pressroom
    from .article import Citation


def news_article(
    room: Pressroom, article: Article, slug: str, citations: list[Citation], description: str
) -> dict[str, Any]:
    """The JSON-LD of an article; URLs are site-relative unless the press room knows its URL."""
    published = article.published_at(room.settings.zone).isoformat()
    editor = room.editors.get(article.editor)
    company = room.company
    base = (room.settings.site_url or "").rstrip("/")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": description,
        "datePublished": published,
        "dateModified": published,
        "dateline": article.dateline,
        "inLanguage": room.settings.locale.replace("_", "-"),
        "url": f"{base}/{room.article_url(article, slug)}",
        "keywords": list(article.tags),
        "articleSection": "Press release" if article.type == "press-release" else "Market update",
    }
    if editor is not None:
        data["author"] = {
            "@type": "Person",
            "name": editor.name,
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
            publisher["logo"] = {"@type": "ImageObject", "url": f"{base}/{company.logo}"}
        data["publisher"] = publisher
    data["citation"] = [
        {"@type": "CreativeWork", "name": c.source, **({"url": c.url} if c.url else {})}
        for c in citations
    ]
    return data
