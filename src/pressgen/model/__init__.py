"""Model: one typed definition of each kind of content, also the source of the JSON Schema."""

from .base import Money, Origin, period_bounds
from .documents import Article, Fragment, Topic
from .facts import (
    FACT_KINDS,
    Change,
    Deal,
    Derivation,
    Event,
    Fact,
    FactBase,
    Figure,
    Quote,
    fact_date,
)
from .people import Company, Editor, Source
from .settings import Settings

__all__ = [
    "FACT_KINDS",
    "Article",
    "Change",
    "Company",
    "Deal",
    "Derivation",
    "Editor",
    "Event",
    "Fact",
    "FactBase",
    "Figure",
    "Fragment",
    "Money",
    "Origin",
    "Quote",
    "Settings",
    "Source",
    "Topic",
    "fact_date",
    "period_bounds",
]
