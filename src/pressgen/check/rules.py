"""Rules that need the whole press room: references resolve, ids and slugs are unique,
facts and fragments are not past their expiry, figures are recent enough."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .. import codes
from ..findings import Finding, Severity, closest
from ..model import Article, Figure, fact_date
from . import provenance, safety
from .lifecycle import check_lifecycle
from .translations import check_language, check_translation, check_wording

if TYPE_CHECKING:
    from ..pressroom import Pressroom
    from ..render.article import RenderedArticle


def _suggest(name: str, known: list[str], what: str) -> str:
    close = closest(name, known)
    if close:
        return f"did you mean '{close}'?"
    return f"known {what}: {', '.join(sorted(known)[:8]) or 'none yet'}"


def check_article(room: Pressroom, article: Article, today: dt.date) -> list[Finding]:
    """References and dates of one article (also used by validate_article for a CMS)."""
    findings: list[Finding] = []
    origin = article.origin

    def line(*path: object) -> int | None:
        return room.line_of(article, tuple(path))

    prefix = "/".join(str(p) for p in origin.pointer)
    prefix = f"/{prefix}" if prefix else ""
    if article.editor not in room.editors and article.editor not in room.broken["editor"]:
        findings.append(
            Finding(
                code=codes.UNKNOWN_EDITOR,
                file=origin.file,
                line=line("editor"),
                path=f"{prefix}/editor",
                message=f"the editor '{article.editor}' is not in content/editors.yml",
                hint=_suggest(article.editor, list(room.editors), "editors"),
            )
        )
    if room.topics is not None:
        for index, tag in enumerate(article.tags):
            if tag.lower() not in room.topics:
                findings.append(
                    Finding(
                        code=codes.UNKNOWN_TAG,
                        file=origin.file,
                        line=line("tags", index),
                        path=f"{prefix}/tags/{index}",
                        message=f"the tag '{tag}' is not in content/tags.yml",
                        hint=_suggest(tag, [t.name for t in room.topics.values()], "tags")
                        + "; or add the new topic to content/tags.yml",
                    )
                )

    def about_fact(
        index: int, code: str, message: str, hint: str, warning: bool = False
    ) -> Finding:
        """A finding pointing at one entry of the article's 'facts:' list."""
        return Finding(
            code=code,
            severity=Severity.WARNING if warning else Severity.ERROR,
            file=origin.file,
            line=line("facts", index),
            path=f"{prefix}/facts/{index}",
            message=message,
            hint=hint,
        )

    for index, fact_id in enumerate(article.facts):
        fact = room.facts.get(fact_id)
        if fact is None and fact_id in room.broken["fact"]:
            continue

        if fact is None:
            findings.append(
                about_fact(
                    index,
                    codes.UNKNOWN_FACT,
                    f"the fact '{fact_id}' does not exist",
                    _suggest(fact_id, list(room.facts), "facts"),
                )
            )
            continue
        if fact.expires and fact.expires < today:
            findings.append(
                about_fact(
                    index,
                    codes.EXPIRED,
                    f"the fact '{fact_id}' expired on {fact.expires.isoformat()} "
                    f"({fact.origin.file}:{room.line_of(fact, ())})",
                    "update the fact with a newer figure and a new expiry date, or remove it",
                )
            )
        last_change = article.modified_at(room.settings.zone).date()
        if fact_date(fact) > last_change:
            findings.append(
                about_fact(
                    index,
                    codes.FACT_AFTER_ARTICLE,
                    f"the fact '{fact_id}' is dated {fact_date(fact).isoformat()}, after the "
                    f"article's last change ({last_change.isoformat()}): readers of the "
                    "article as published could not have been told it",
                    "cite what was known on the article's date, or record the change with "
                    "'updated:' or a correction",
                    warning=True,
                )
            )
        age = (today - fact_date(fact)).days
        if isinstance(fact, Figure) and age > room.settings.figure_max_age_days:
            findings.append(
                about_fact(
                    index,
                    codes.STALE_FIGURE,
                    f"the figure '{fact_id}' is {age} days old "
                    f"(as of {fact_date(fact).isoformat()})",
                    "check whether the source has published a newer figure",
                    warning=True,
                )
            )
    used_fragments = [room.company.boilerplate] if room.company else []
    tie_in = article.tie_in or (room.company.tie_in if room.company else None)
    if tie_in:
        used_fragments.append(tie_in)
    for fragment_id in used_fragments:
        fragment = room.fragments.get(fragment_id)
        if fragment and fragment.expires_on and fragment.expires_on < today:
            findings.append(
                Finding(
                    code=codes.EXPIRED,
                    file=origin.file,
                    line=line(),
                    message=f"the fragment '{fragment_id}' used by this article expired on "
                    f"{fragment.expires_on.isoformat()} ({fragment.origin.file})",
                    hint="have the owner review the fragment and set a new 'expires_on' date",
                )
            )
    findings.extend(safety.scan(article.body, origin.file, origin.body_line))
    findings.extend(provenance.check_unsourced_numbers(room, article))
    return findings


def check_unused_facts(
    room: Pressroom, article: Article, rendered: RenderedArticle
) -> list[Finding]:
    """Warn about facts listed under 'facts:' that the rendered text never cites."""
    if not rendered.markdown:
        return []
    cited = set(rendered.metadata.get("cited_facts", []))
    return [
        Finding(
            code=codes.UNUSED_FACT,
            severity=Severity.WARNING,
            file=article.origin.file,
            line=room.line_of(article, ("facts", index)),
            path=f"/facts/{index}",
            message=f"the fact '{fact_id}' is listed but the text never cites it",
            hint="cite it with {{ fact." + fact_id + " }} or remove it from 'facts:'",
        )
        for index, fact_id in enumerate(article.facts)
        if fact_id not in cited and fact_id in room.facts
    ]


def check_pressroom(room: Pressroom, today: dt.date) -> list[Finding]:
    """Rules across the whole press room."""
    findings: list[Finding] = []
    company = room.company
    if company is None:
        findings.append(
            Finding(
                code=codes.MISSING_COMPANY,
                file="content/company.yml",
                message="the company profile is missing",
                hint="create content/company.yml with name, headquarters, website, description "
                "and boilerplate",
            )
        )
    else:
        for field_name in ("boilerplate", "tie_in"):
            fragment_id = getattr(company, field_name)
            if (
                fragment_id
                and fragment_id not in room.fragments
                and (fragment_id not in room.broken["fragment"])
            ):
                findings.append(
                    Finding(
                        code=codes.UNKNOWN_FRAGMENT,
                        file=company.origin.file,
                        line=room.line_of(company, (field_name,)),
                        path=f"/{field_name}",
                        message=f"the fragment '{fragment_id}' does not exist",
                        hint=_suggest(fragment_id, list(room.fragments), "fragments"),
                    )
                )
    for fact in room.facts.values():
        if fact.source not in room.sources and fact.source not in room.broken["source"]:
            findings.append(
                Finding(
                    code=codes.UNKNOWN_SOURCE,
                    file=fact.origin.file,
                    line=room.line_of(fact, ("source",)),
                    path="/" + "/".join(map(str, (*fact.origin.pointer, "source"))),
                    message=f"the source '{fact.source}' of fact '{fact.id}' is not in "
                    "content/sources.yml",
                    hint=_suggest(fact.source, list(room.sources), "sources"),
                )
            )
    for fragment in room.fragments.values():
        findings.extend(safety.scan(fragment.body, fragment.origin.file, fragment.origin.body_line))
    findings.extend(provenance.check_derived_figures(room))
    for key, article in room.articles.items():
        findings += check_language(room, article)
        findings += check_translation(room, key, article)
        findings += check_wording(room, article)
        findings += check_lifecycle(room, key, article)
        if article.tie_in and article.tie_in not in room.fragments:
            findings.append(
                Finding(
                    code=codes.UNKNOWN_FRAGMENT,
                    file=article.origin.file,
                    line=room.line_of(article, ("tie_in",)),
                    path="/tie_in",
                    message=f"the fragment '{article.tie_in}' does not exist",
                    hint=_suggest(article.tie_in, list(room.fragments), "fragments"),
                )
            )
    return findings
