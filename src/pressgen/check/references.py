"""References resolve: editors, tags, facts, sources and fragments named by id exist,
and the facts an article lists are cited by its text."""

from __future__ import annotations

import datetime as dt

from .. import codes
from ..content import Content
from ..findings import Finding, closest
from ..model import Article, RenderedArticle


def suggest(name: str, known: list[str], what: str) -> str:
    """'did you mean ...?', or the first few known names."""
    close = closest(name, known)
    if close:
        return f"did you mean '{close}'?"
    return f"known {what}: {', '.join(sorted(known)[:8]) or 'none yet'}"


# ------------------------------------------------------------------ whole content
def company_exists(content: Content, today: dt.date) -> list[Finding]:
    if content.company is not None:
        return []
    return [
        Finding(
            code=codes.MISSING_COMPANY,
            file="content/company.yml",
            message="the company profile is missing",
            hint="create content/company.yml with name, headquarters, website, description "
            "and boilerplate",
        )
    ]


def company_fragments_exist(content: Content, today: dt.date) -> list[Finding]:
    company = content.company
    if company is None:
        return []
    out = []
    for field_name in ("boilerplate", "tie_in"):
        fragment_id = getattr(company, field_name)
        if (
            fragment_id
            and fragment_id not in content.fragments
            and fragment_id not in content.broken["fragment"]
        ):
            out.append(
                content.locate(company, field_name).finding(
                    codes.UNKNOWN_FRAGMENT,
                    f"the fragment '{fragment_id}' does not exist",
                    suggest(fragment_id, list(content.fragments), "fragments"),
                )
            )
    return out


def fact_sources_exist(content: Content, today: dt.date) -> list[Finding]:
    return [
        content.locate(fact, "source").finding(
            codes.UNKNOWN_SOURCE,
            f"the source '{fact.source}' of fact '{fact.id}' is not in content/sources.yml",
            suggest(fact.source, list(content.sources), "sources"),
        )
        for fact in content.facts.values()
        if fact.source not in content.sources and fact.source not in content.broken["source"]
    ]


def tie_in_exists(content: Content, key: str, article: Article) -> list[Finding]:
    if not article.tie_in or article.tie_in in content.fragments:
        return []
    return [
        content.locate(article, "tie_in").finding(
            codes.UNKNOWN_FRAGMENT,
            f"the fragment '{article.tie_in}' does not exist",
            suggest(article.tie_in, list(content.fragments), "fragments"),
        )
    ]


# ------------------------------------------------------------------ one article
def editor_exists(content: Content, article: Article, today: dt.date) -> list[Finding]:
    if article.editor in content.editors or article.editor in content.broken["editor"]:
        return []
    return [
        content.locate(article, "editor").finding(
            codes.UNKNOWN_EDITOR,
            f"the editor '{article.editor}' is not in content/editors.yml",
            suggest(article.editor, list(content.editors), "editors"),
        )
    ]


def tags_exist(content: Content, article: Article, today: dt.date) -> list[Finding]:
    if content.topics is None:
        return []
    names = [t.name for t in content.topics.values()]
    return [
        content.locate(article, "tags", index).finding(
            codes.UNKNOWN_TAG,
            f"the tag '{tag}' is not in content/tags.yml",
            suggest(tag, names, "tags") + "; or add the new topic to content/tags.yml",
        )
        for index, tag in enumerate(article.tags)
        if tag.lower() not in content.topics
    ]


def facts_exist(content: Content, article: Article, today: dt.date) -> list[Finding]:
    return [
        content.locate(article, "facts", index).finding(
            codes.UNKNOWN_FACT,
            f"the fact '{fact_id}' does not exist",
            suggest(fact_id, list(content.facts), "facts"),
        )
        for index, fact_id in enumerate(article.facts)
        if fact_id not in content.facts and fact_id not in content.broken["fact"]
    ]


# ------------------------------------------------------------------ rendered article
def listed_facts_cited(
    content: Content, article: Article, rendered: RenderedArticle
) -> list[Finding]:
    """Warn about facts listed under 'facts:' that the rendered text never cites."""
    if not rendered.markdown:
        return []
    cited = set(rendered.metadata.get("cited_facts", []))
    return [
        content.locate(article, "facts", index).finding(
            codes.UNUSED_FACT,
            f"the fact '{fact_id}' is listed but the text never cites it",
            "cite it with {{ fact." + fact_id + " }} or remove it from 'facts:'",
            warning=True,
        )
        for index, fact_id in enumerate(article.facts)
        if fact_id not in cited and fact_id in content.facts
    ]
