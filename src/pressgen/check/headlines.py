"""Headlines that fit: search engines and news aggregators cut a headline after 110
characters (schema.org's NewsArticle limit), so a longer title loses its end."""

from __future__ import annotations

import datetime as dt

from .. import codes
from ..content import Content
from ..findings import Finding
from ..model import MAX_HEADLINE, Article


def headline_fits(content: Content, article: Article, today: dt.date) -> list[Finding]:
    """Warn when the title is longer than a headline may be."""
    if len(article.title) <= MAX_HEADLINE:
        return []
    return [
        content.locate(article, "title").finding(
            codes.LONG_HEADLINE,
            f"the title is {len(article.title)} characters long; search engines and news "
            f"sites show at most {MAX_HEADLINE}, so readers there see it cut off",
            "shorten the title and move the detail into 'subtitle:' or 'summary:'",
            warning=True,
        )
    ]
