"""Rendering one article: body and fragments → page template → Markdown + metadata."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .. import codes
from ..findings import Finding
from ..model import Article, Figure, Fragment, fact_date, in_language
from ..paths import relative_link, src_of_url
from . import formatting as fmt
from .citations import CitationLog, CitationProblem, FactLookup, view_of
from .environment import LoopBudget, render_limited
from .errors import SourceName, finding_from_exception
from .html import markdown_to_html
from .jsonld import news_article
from .simple import NeedsJinja, SimpleTemplate
from .watchdog import WATCHDOG

if TYPE_CHECKING:
    from ..pressroom import Pressroom

MAX_FRAGMENT_DEPTH = 5


@dataclass
class Citation:
    number: int
    source_id: str
    source: str
    url: str | None
    published: str | None
    facts: list[dict[str, str]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "source_id": self.source_id,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "facts": self.facts,
        }


@dataclass
class RenderedArticle:
    """The result of rendering one article; nothing is written to disk."""

    slug: str
    markdown: str
    metadata: dict[str, Any]
    citations: list[Citation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict, repr=False)
    jsonld: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)

    @cached_property
    def html(self) -> str:
        """Sanitised HTML of the Markdown (computed on first use)."""
        return markdown_to_html(self.markdown) if self.markdown else ""


class FragmentLookup:
    """``fragment.<id>`` in templates: the fragment's Markdown, itself rendered."""

    def __init__(self, renderer: _ArticleRenderer, depth: int = 0):
        self._renderer, self._depth = renderer, depth

    def __getattr__(self, fragment_id: str) -> str:
        if fragment_id.startswith("_"):
            raise AttributeError(fragment_id)
        return self._renderer.fragment(fragment_id, self._depth + 1)

    __getitem__ = __getattr__

    def __call__(self, fragment_id: str) -> str:
        return self.__getattr__(fragment_id)


class _ArticleRenderer:
    """One render of one article; holds what that render cited and included."""

    def __init__(self, room: Pressroom, article: Article, slug: str):
        self.room, self.article, self.slug = room, article, slug
        self.lang = room.lang_of(article)
        self.locale = room.settings.locale_for(self.lang)
        self.label = room.label_function(self.lang)
        self.file = article.origin.file or f"article {slug}"
        self.log = CitationLog(declared=frozenset(article.facts))
        self.names: dict[str, SourceName] = {}
        self.used_fragments: list[str] = []
        self.loop_budget = LoopBudget()
        self.summary = article.summary
        self.citations: list[Citation] = []
        self.body = ""

    def _context(self, depth: int = 0) -> dict[str, Any]:
        return {
            "fact": FactLookup(self.room, self.log, self.locale, self.file),
            "fragment": FragmentLookup(self, depth),
            "company": in_language(self.room.company, self.lang) if self.room.company else None,
            "article": self.article,
            "range": self.loop_budget,
            "label": self.label,
            "lang": self.lang,
            "locale": self.locale,
        }

    def _render_text(self, source: str, name: str, origin: SourceName, depth: int) -> str:
        self.names[name] = origin
        template = self.room.compiled_text(source, name)
        if isinstance(template, SimpleTemplate):
            try:
                return template.render(self._context(depth)).strip("\n")
            except NeedsJinja:
                template = self.room.compiled_text(source, name, jinja=True)
        return render_limited(template, self._context(depth)).strip("\n")

    def fragment(self, fragment_id: str, depth: int) -> str:
        fragment: Fragment | None = self.room.fragment_for(fragment_id, self.lang)
        if fragment is None and self.room.fragment_for(fragment_id, None) is not None:
            raise CitationProblem(
                Finding(
                    code=codes.UNKNOWN_FRAGMENT,
                    file=self.file,
                    message=f"the fragment '{fragment_id}' has no {self.lang} version",
                    hint=f"add a file to content/fragments/ with 'id: {fragment_id}' and "
                    f"'lang: {self.lang}' in its front matter, and the translated text",
                )
            )
        if fragment is None:
            raise CitationProblem(
                Finding(
                    code=codes.UNKNOWN_FRAGMENT,
                    file=self.file,
                    message=f"the fragment '{fragment_id}' does not exist",
                    hint="check the id against the files in content/fragments/",
                )
            )
        if depth > MAX_FRAGMENT_DEPTH:
            raise CitationProblem(
                Finding(
                    code=codes.RENDER_FAILED,
                    file=fragment.origin.file,
                    message="fragments include each other too deeply (a loop?)",
                    hint="a fragment must not include itself",
                )
            )
        self.used_fragments.append(fragment_id)
        return self._render_text(
            fragment.body,
            f"fragment:{fragment_id}@{self.lang}",
            SourceName(fragment.origin.file or fragment_id, fragment.origin.body_line),
            depth,
        )

    def render(self) -> RenderedArticle:
        article, room = self.article, self.room
        if article.editor not in room.editors or room.company is None:
            # Reported by the checks (unknown editor / missing company); nothing to render.
            return RenderedArticle(self.slug, "", self.metadata([]), [], [])
        default = SourceName(self.file, article.origin.body_line)
        try:
            with WATCHDOG.limit(room.settings.render_timeout_s):
                markdown = self._render_page(default)
        except Exception as exc:  # every failure becomes a located finding
            finding = finding_from_exception(exc, self.names, default, room.display_template)
            findings = [self._locate(finding), *(self._locate(f) for f in self.log.findings)]
            return RenderedArticle(self.slug, "", self.metadata([]), [], findings)
        citations = self.citations
        return RenderedArticle(
            self.slug,
            markdown,
            self.metadata(citations),
            citations,
            [self._locate(f) for f in self.log.findings],
        )

    def _render_page(self, default: SourceName) -> str:
        article, room = self.article, self.room
        company = room.company
        assert company is not None
        summary_line = lambda: room.line_of(article, ("summary",))  # noqa: E731 - only on error
        self.summary = self._render_text(
            article.summary, f"summary:{self.slug}", SourceName(self.file, summary_line), 0
        )
        self.body = self._render_text(article.body, f"article:{self.slug}", default, 0)
        about = self.fragment(company.boilerplate, 1)
        tie_in_id = article.tie_in or company.tie_in
        wants_tie_in = article.type == "market-update" or article.tie_in
        tie_in = self.fragment(tie_in_id, 1) if tie_in_id and wants_tie_in else ""
        self.citations = self._citations()
        page = room.environment.get_template(f"{article.type}.md.j2")
        self.names[page.filename or page.name or ""] = SourceName(
            room.display_template(page.filename or page.name or ""), 1
        )
        return (
            render_limited(
                page,
                {
                    **self._context(),
                    "body": self.body,
                    "summary": self.summary,
                    "about": about,
                    "tie_in": tie_in,
                    "editor": in_language(room.editors[article.editor], self.lang),
                    "citations": self.citations,
                    "key_figures": [
                        view_of(f, room, self.locale)
                        for f in self.log.cited.values()
                        if isinstance(f, Figure)
                    ],
                    "dateline": fmt.format_dateline(article.dateline, article.date, self.locale),
                    "published": fmt.format_long_date(article.date, self.locale),
                    "settings": room.settings,
                    "corrections": [
                        {"date": fmt.format_long_date(c.date, self.locale), "note": c.note}
                        for c in article.corrections
                    ],
                    "corrects": self._corrects(),
                },
            ).strip()
            + "\n"
        )

    def _corrects(self) -> dict[str, str] | None:
        """Title, date and link of the release this one corrects and replaces."""
        target = self.room.articles.get(self.article.corrects or "")
        if target is None:
            return None
        here = src_of_url(self.room.article_url(self.article, self.slug))
        there = src_of_url(self.room.article_url(target, self.article.corrects))
        return {
            "title": target.title,
            "date": fmt.format_long_date(target.date, self.locale),
            "link": relative_link(here, there),
        }

    def _locate(self, finding: Finding) -> Finding:
        """Give a line to findings about a fact or fragment id by finding it in the body."""
        if finding.line is not None or finding.file != self.file:
            return finding
        match = re.search(r"'([a-z0-9_-]+)'", finding.message)
        if not match:
            return finding
        index = self.article.body.find(match.group(1))
        if index < 0:
            return finding
        line = self.article.body.count("\n", 0, index) + self.article.origin.body_line
        return dataclasses.replace(finding, line=line)

    def _citations(self) -> list[Citation]:
        out = []
        for number, (source, facts) in enumerate(self.log.sources(self.room), start=1):
            out.append(
                Citation(
                    number=number,
                    source_id=source.id,
                    source=source.name,
                    url=source.url,
                    published=fmt.format_long_date(source.published, self.locale)
                    if source.published
                    else None,
                    facts=[
                        {
                            "id": f.id,
                            "label": _fact_label(f, self.room, self.locale),
                            "as_of": fmt.format_long_date(fact_date(f), self.locale),
                        }
                        for f in facts
                    ],
                )
            )
        return out

    def metadata(self, citations: list[Citation]) -> dict[str, Any]:
        a = self.article
        zone = self.room.settings.zone
        published = a.published_at(zone)
        editor = self.room.editors.get(a.editor)
        return {
            "slug": self.slug,
            "lang": self.lang,
            "type": a.type,
            "title": a.title,
            "subtitle": a.subtitle,
            "description": self.summary,
            "date": published.isoformat(),
            "date_modified": a.modified_at(zone).isoformat(),
            "embargo": a.embargo.isoformat() if a.embargo else None,
            "translation_of": a.translation_of,
            "corrects": a.corrects,
            "corrections": [{"date": c.date.isoformat(), "note": c.note} for c in a.corrections],
            "dateline": a.dateline,
            "editor": in_language(editor, self.lang).name if editor else a.editor,
            "tags": list(a.tags),
            "audience": a.audience,
            "facts": list(a.facts),
            "cited_facts": list(self.log.cited),
            "fragments": list(dict.fromkeys(self.used_fragments)),
            "url": self.room.article_url(a, self.slug),
            "draft": a.draft,
            "sources": [c.source for c in citations],
        }

    @property
    def texts(self) -> dict[str, str]:
        """The reader-visible texts of the article, after citation (for compliance rules)."""
        a = self.article
        return {
            "title": a.title,
            "subtitle": a.subtitle or "",
            "summary": self.summary,
            "body": self.body,
        }


def _fact_label(fact: Any, room: Pressroom, locale: str) -> str:
    view = view_of(fact, room, locale)
    if fact.kind == "figure":
        colon = ": " if view._lang == "en" else "："
        return f"{view.label}{colon}{view.full}"  # type: ignore[attr-defined]
    if fact.kind == "quote":
        return view._labels["statement_by"].format(who=view.attribution)  # type: ignore[attr-defined]
    return str(view)


def render_article(room: Pressroom, article: Article, slug: str) -> RenderedArticle:
    """Render one article; the result carries the texts the compliance rules read."""
    renderer = _ArticleRenderer(room, article, slug)
    result = renderer.render()
    result.texts = renderer.texts
    if result.markdown:
        result.jsonld = news_article(room, article, slug, result.citations, renderer.summary)
    return result
