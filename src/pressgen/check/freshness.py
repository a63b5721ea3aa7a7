"""Freshness: facts and fragments past their expiry, figures too old, facts newer than
the article that cites them."""

from __future__ import annotations

import datetime as dt

from .. import codes
from ..content import Content
from ..findings import Finding
from ..model import Article, Figure, fact_date


def cited_facts_fresh(content: Content, article: Article, today: dt.date) -> list[Finding]:
    """Expired facts, facts dated after the article, figures older than the setting allows."""
    out = []
    last_change = article.modified_at(content.settings.zone).date()
    for index, fact_id in enumerate(article.facts):
        fact = content.facts.get(fact_id)
        if fact is None:
            continue
        where = content.locate(article, "facts", index)
        when = fact_date(fact)
        if fact.expires and fact.expires < today:
            out.append(
                where.finding(
                    codes.EXPIRED,
                    f"the fact '{fact_id}' expired on {fact.expires.isoformat()} "
                    f"({fact.origin.file}:{content.line_of(fact)})",
                    "update the fact with a newer figure and a new expiry date, or remove it",
                )
            )
        if when > last_change:
            out.append(
                where.finding(
                    codes.FACT_AFTER_ARTICLE,
                    f"the fact '{fact_id}' is dated {when.isoformat()}, after the "
                    f"article's last change ({last_change.isoformat()}): readers of the "
                    "article as published could not have been told it",
                    "cite what was known on the article's date, or record the change with "
                    "'updated:' or a correction",
                    warning=True,
                )
            )
        age = (today - when).days
        if isinstance(fact, Figure) and age > content.settings.figure_max_age_days:
            out.append(
                where.finding(
                    codes.STALE_FIGURE,
                    f"the figure '{fact_id}' is {age} days old (as of {when.isoformat()})",
                    "check whether the source has published a newer figure",
                    warning=True,
                )
            )
    return out


def fragments_fresh(content: Content, article: Article, today: dt.date) -> list[Finding]:
    """The company boilerplate and tie-in an article includes must not be past expiry."""
    company = content.company
    used = [company.boilerplate] if company else []
    tie_in = article.tie_in or (company.tie_in if company else None)
    if tie_in:
        used.append(tie_in)
    out = []
    for fragment_id in used:
        fragment = content.fragments.get(fragment_id)
        if fragment and fragment.expires_on and fragment.expires_on < today:
            where = content.locate(article)
            out.append(
                where.finding(
                    codes.EXPIRED,
                    f"the fragment '{fragment_id}' used by this article expired on "
                    f"{fragment.expires_on.isoformat()} ({fragment.origin.file})",
                    "have the owner review the fragment and set a new 'expires_on' date",
                )
            )
    return out
