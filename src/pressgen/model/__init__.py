"""Model: one typed definition of each kind of content, also the source of the JSON Schema."""

from .base import Money, Origin, period_bounds
from .documents import MAX_HEADLINE, Article, Correction, Fragment, Topic, moment_at, parse_now
from .facts import (
    FACT_KINDS,
    Change,
    Deal,
    DealTranslation,
    Derivation,
    Event,
    EventTranslation,
    Fact,
    FactBase,
    FactTranslation,
    Figure,
    FigureTranslation,
    Quote,
    QuoteTranslation,
    Statement,
    StatementTranslation,
    fact_date,
)
from .people import Company, Editor, Source, in_language
from .rendered import Citation, RenderedArticle
from .settings import Settings

__all__ = [
    "FACT_KINDS",
    "MAX_HEADLINE",
    "Article",
    "Change",
    "Citation",
    "Company",
    "Correction",
    "Deal",
    "DealTranslation",
    "Derivation",
    "Editor",
    "Event",
    "EventTranslation",
    "Fact",
    "FactBase",
    "FactTranslation",
    "Figure",
    "FigureTranslation",
    "Fragment",
    "Money",
    "Origin",
    "Quote",
    "QuoteTranslation",
    "RenderedArticle",
    "Settings",
    "Source",
    "Statement",
    "StatementTranslation",
    "Topic",
    "fact_date",
    "in_language",
    "moment_at",
    "parse_now",
    "period_bounds",
]
