"""Every rule pressgen applies, in three phases, listed in one place.

Adding a rule is adding a function to one of these lists:

- ``CONTENT_RULES(content, today)``: the whole press room, once, when it is loaded;
- ``ARTICLE_RULES_BEFORE_RENDER(content, article, today)``: one article as written;
- ``RENDERED_RULES(content, article, rendered)``: one article as readers will see it.

``EACH_ARTICLE_RULES(content, key, article)`` are content rules applied to every
article of the press room (translations and corrections need the others).
Each rule returns findings built with :meth:`pressgen.content.Content.locate`, so
that file, line and JSON pointer come from the record the value was read from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from ..content import Content
from ..findings import Finding
from ..model import Article, RenderedArticle
from . import (
    assets,
    attributes,
    freshness,
    headlines,
    lifecycle,
    provenance,
    references,
    rule_sets,
    safety,
    tags,
    translations,
)

ContentRule = Callable[[Content, dt.date], Iterable[Finding]]
EachArticleRule = Callable[[Content, str, Article], Iterable[Finding]]
ArticleRule = Callable[[Content, Article, dt.date], Iterable[Finding]]
RenderedRule = Callable[[Content, Article, RenderedArticle], Iterable[Finding]]

CONTENT_RULES: tuple[ContentRule, ...] = (
    references.company_exists,
    references.company_fragments_exist,
    references.fact_sources_exist,
    safety.fragments_safe,
    attributes.fragment_attributes_safe,
    provenance.derived_figures_agree,
    tags.tags_spelt_one_way,
    assets.images_are_what_they_say,
)
EACH_ARTICLE_RULES: tuple[EachArticleRule, ...] = (
    translations.language_enabled,
    translations.translation_matches,
    translations.wording_translated,
    lifecycle.lifecycle_dates,
    references.tie_in_exists,
)
ARTICLE_RULES_BEFORE_RENDER: tuple[ArticleRule, ...] = (
    references.editor_exists,
    references.tags_exist,
    references.facts_exist,
    headlines.headline_fits,
    freshness.cited_facts_fresh,
    freshness.fragments_fresh,
    safety.article_body_safe,
    attributes.article_attributes_safe,
    provenance.numbers_sourced,
)
RENDERED_RULES: tuple[RenderedRule, ...] = (
    rule_sets.rule_sets_pass,
    references.listed_facts_cited,
)


def check_content(content: Content, today: dt.date) -> list[Finding]:
    """Phase 1: rules over the whole press room."""
    found = [f for rule in CONTENT_RULES for f in rule(content, today)]
    for key, article in content.articles.items():
        found += [f for rule in EACH_ARTICLE_RULES for f in rule(content, key, article)]
    return found


def check_article(content: Content, article: Article, today: dt.date) -> list[Finding]:
    """Phase 2: rules over one article before it is rendered."""
    return [f for rule in ARTICLE_RULES_BEFORE_RENDER for f in rule(content, article, today)]


def check_rendered(content: Content, article: Article, rendered: RenderedArticle) -> list[Finding]:
    """Phase 3: rules over one rendered article (its reader-visible texts)."""
    return [f for rule in RENDERED_RULES for f in rule(content, article, rendered)]
