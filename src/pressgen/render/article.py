"""Rendering one article: body and fragments → page template → Markdown + metadata."""

from __future__ import annotations

import dataclasses
import html
import re
from contextlib import nullcontext
from typing import Any

from markupsafe import Markup

from .. import codes
from ..findings import Finding, Location, json_pointer
from ..html import markdown_label, markdown_text
from ..labels import Wording
from ..model import Article, Citation, Figure, Fragment, RenderedArticle, fact_date, in_language
from ..urls import relative_link, src_of_url
from .bodies import BodyNotAllowed
from .citations import CitationLog, CitationProblem, FactLookup, view_of
from .environment import LoopBudget, render_limited
from .errors import SourceName, finding_from_exception
from .jsonld import news_article
from .placeholders import NeedsJinja, SimpleTemplate
from .renderer import Renderer
from .time_limit import WATCHDOG

MAX_FRAGMENT_DEPTH = 5


class FragmentLookup:
    """``fragment.<id>`` in templates: the fragment's Markdown, itself rendered."""

    def __init__(self, renderer: _ArticleRenderer, depth: int = 0):
        self._renderer, self._depth = renderer, depth

    def __getattr__(self, fragment_id: str) -> Markup:
        if fragment_id.startswith("_"):
            raise AttributeError(fragment_id)
        return Markup(self._renderer.fragment(fragment_id, self._depth + 1))  # Markdown

    __getitem__ = __getattr__

    def __call__(self, fragment_id: str) -> Markup:
        return self.__getattr__(fragment_id)


class _ArticleRenderer:
    """One render of one article; holds what that render cited and included."""

    def __init__(self, renderer: Renderer, article: Article, slug: str):
        self.renderer, self.article, self.slug = renderer, article, slug
        self.content = renderer.content
        self.lang = self.content.lang_of(article)
        self.wording = renderer.labels.wording(self.lang)
        self.locale = self.wording.locale
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
            "fact": FactLookup(self.renderer, self.log, self.wording, self.file),
            "fragment": FragmentLookup(self, depth),
            "company": in_language(self.content.company, self.lang)
            if self.content.company
            else None,
            "article": self.article,
            "range": self.loop_budget,
            "label": markdown_label(self.wording),
            "lang": self.lang,
            "locale": self.locale,
        }

    def _render_text(
        self, source: str, name: str, origin: SourceName, depth: int, owner: Any, field: str
    ) -> str:
        """Render a body, summary or fragment (``field`` of ``owner``)."""
        self.names[name] = origin
        if self.renderer.worker_note is not None:
            where = self.content.locate(owner, field)
            self.renderer.worker_note((where.file, origin.first_line, where.path))
        try:
            template = self.renderer.compiled_text(source, name)
            if isinstance(template, SimpleTemplate):
                try:
                    return template.render(self._context(depth)).strip("\n")
                except NeedsJinja:
                    template = self.renderer.compiled_text(source, name, jinja=True)
        except BodyNotAllowed as refused:
            where = self.content.locate(owner, field)
            line = origin.first_line + refused.refusal.line - 1
            raise CitationProblem(
                Location(where.file, line, where.path).finding(
                    codes.BODY_NOT_CONTENT, refused.refusal.message, refused.refusal.hint
                )
            ) from None
        return render_limited(template, self._context(depth)).strip("\n")

    def fragment(self, fragment_id: str, depth: int) -> str:
        fragment: Fragment | None = self.content.fragment_for(fragment_id, self.lang)
        # Recorded before any refusal: a render that failed for want of the fragment
        # depends on it too, so adding it later invalidates the cached failure.
        self.used_fragments.append(fragment_id)
        if fragment is None and self.content.fragment_for(fragment_id, None) is not None:
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
        return self._render_text(
            fragment.body,
            f"fragment:{fragment_id}@{self.lang}",
            SourceName(fragment.origin.file or fragment_id, fragment.origin.body_line),
            depth,
            fragment,
            "body",
        )

    def render(self) -> RenderedArticle:
        article, content = self.article, self.content
        if article.editor not in content.editors or content.company is None:
            # Reported by the checks (unknown editor / missing company); nothing to render.
            return RenderedArticle(self.slug, "", self.metadata([]), [], [])
        default = SourceName(self.file, article.origin.body_line)
        # In a limited worker process, the process keeps the time (SIGALRM, then SIGKILL).
        in_worker = self.renderer.worker_note is not None
        try:
            with nullcontext() if in_worker else WATCHDOG.limit(content.settings.render_timeout_s):
                markdown = self._render_page(default)
        except Exception as exc:  # every failure becomes a located finding
            finding = finding_from_exception(
                exc, self.names, default, self.renderer.display_template
            )
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
        article, content, wording = self.article, self.content, self.wording
        company = content.company
        assert company is not None
        summary_line = lambda: content.line_of(article, ("summary",))  # noqa: E731 - only on error
        # The summary is plain text (its cited facts come escaped: decode them).
        summary = self._render_text(
            article.summary,
            f"summary:{self.slug}",
            SourceName(self.file, summary_line),
            0,
            article,
            "summary",
        )
        self.summary = " ".join(html.unescape(summary).split())
        self.body = self._render_text(
            article.body, f"article:{self.slug}", default, 0, article, "body"
        )
        about = self.fragment(company.boilerplate, 1)
        tie_in_id = article.tie_in or company.tie_in
        wants_tie_in = article.type == "market-update" or article.tie_in
        tie_in = self.fragment(tie_in_id, 1) if tie_in_id and wants_tie_in else ""
        self.citations = self._citations()
        page = self.renderer.environment.get_template(f"{article.type}.md.j2")
        self.names[page.filename or page.name or ""] = SourceName(
            self.renderer.display_template(page.filename or page.name or ""), 1
        )
        return (
            render_limited(
                page,
                {
                    **self._context(),
                    "body": Markup(self.body),  # Markdown; text values are escaped
                    "summary": markdown_text(self.summary),
                    "about": Markup(about),
                    "tie_in": Markup(tie_in),
                    "editor": in_language(content.editors[article.editor], self.lang),
                    "citations": self.citations,
                    "key_figures": [
                        view_of(f, self.renderer, wording)
                        for f in self.log.cited.values()
                        if isinstance(f, Figure)
                    ],
                    "dateline": wording.dateline(article.dateline, article.date),
                    "published": wording.long_date(article.date),
                    "settings": content.settings,
                    "corrections": [
                        {"date": wording.long_date(c.date), "note": c.note}
                        for c in article.corrections
                    ],
                    "corrects": self._corrects(),
                },
            ).strip()
            + "\n"
        )

    def _corrects(self) -> dict[str, str] | None:
        """Title, date and link of the release this one corrects and replaces."""
        target = self.content.articles.get(self.article.corrects or "")
        if target is None:
            return None
        here = src_of_url(self.content.article_url(self.article, self.slug))
        there = src_of_url(self.content.article_url(target, self.article.corrects))
        return {
            "title": target.title,
            "date": self.wording.long_date(target.date),
            "link": relative_link(here, there),
        }

    def _locate(self, finding: Finding) -> Finding:
        """Locate a finding about this article: its file (none for a CMS payload), a JSON
        pointer from the article's own record, and the body line that names the id."""
        if finding.file != self.file:
            return finding
        origin = self.article.origin
        if finding.file != origin.file:
            finding = dataclasses.replace(finding, file=origin.file)
        if finding.path and origin.pointer:
            finding = dataclasses.replace(finding, path=json_pointer(origin.pointer) + finding.path)
        if finding.line is not None:
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
        for number, (source, facts) in enumerate(self.log.sources(self.content), start=1):
            out.append(
                Citation(
                    number=number,
                    source_id=source.id,
                    source=source.name,
                    url=source.url,
                    published=self.wording.long_date(source.published)
                    if source.published
                    else None,
                    facts=[
                        {
                            "id": f.id,
                            "label": _fact_label(f, self.renderer, self.wording),
                            "as_of": self.wording.long_date(fact_date(f)),
                        }
                        for f in facts
                    ],
                )
            )
        return out

    def metadata(self, citations: list[Citation]) -> dict[str, Any]:
        a = self.article
        zone = self.content.settings.zone
        published = a.published_at(zone)
        editor = self.content.editors.get(a.editor)
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
            "url": self.content.article_url(a, self.slug),
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


def _fact_label(fact: Any, renderer: Renderer, wording: Wording) -> str:
    view = view_of(fact, renderer, wording)
    if fact.kind == "figure":
        return f"{view.label}{wording('label_colon')}{view.full}"  # type: ignore[attr-defined]
    if fact.kind == "quote":
        return wording("statement_by", who=view.attribution)  # type: ignore[attr-defined]
    return str(view)


def failed_render(
    renderer: Renderer, article: Article, slug: str, finding: Finding
) -> RenderedArticle:
    """The result of a render that could not finish (stopped by a limit): no Markdown,
    the metadata and texts a failed render has, and the finding."""
    one = _ArticleRenderer(renderer, article, slug)
    result = RenderedArticle(slug, "", one.metadata([]), [], [finding])
    result.texts = one.texts
    return result


def render_article(renderer: Renderer, article: Article, slug: str) -> RenderedArticle:
    """Render one article; the result carries the texts the compliance rules read."""
    one = _ArticleRenderer(renderer, article, slug)
    result = one.render()
    result.texts = one.texts
    if result.markdown:
        result.jsonld = news_article(renderer.content, article, slug, result.citations, one.summary)
    return result
