"""The Pressroom: the public face of pressgen for the CLI, the site and a CMS.

It composes the stages and holds no logic of its own::

    load (records) → Content (validated index) → check (content rules)
                   → Labels + Renderer → build (render, check, cache, workers)

Built from a folder (:meth:`Pressroom.from_path`) or from plain dicts
(:meth:`Pressroom.from_data`, for a CMS). It writes nothing to disk except the
render cache of a project folder, and shares nothing mutable with other press
rooms, so one process may hold many and threads may share one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any

from . import codes
from .build import checked_render, dedupe, render_all
from .check import check_content
from .content import Content, build_content
from .digests import digest_text
from .errors import PressgenError
from .findings import Finding
from .labels import Labels
from .load.label_tables import read_label_tables
from .load.project import RawContent, raw_from_data, read_project
from .lru import BoundedCache
from .model import Article, RenderedArticle, Settings
from .model.front_matter import article_to_text
from .model.validate import build
from .render import Renderer
from .urls import article_slug

RENDER_CACHE_SIZE = 256  # recent CMS drafts: validate then preview the same draft once
ArticleInput = dict[str, Any] | str | Article


class Pressroom:
    """A validated press room. ``findings`` holds every problem found while building it."""

    def __init__(
        self,
        raw: RawContent,
        *,
        root: Path | None = None,
        template_dirs: Iterable[Path] = (),
        today: dt.date | None = None,
    ):
        self.root = root
        self.template_dirs = [Path(p) for p in template_dirs]
        self.content: Content = build_content(raw, root=root)
        tables, table_findings = read_label_tables(
            self.template_dirs, self.content.settings.languages, root
        )
        self.labels = Labels(self.content.settings, tables)
        self.renderer = Renderer(self.content, self.labels, self.template_dirs)
        self._fixed_today = today
        self._renders: BoundedCache[RenderedArticle] = BoundedCache(RENDER_CACHE_SIZE)
        self.stats: dict[str, int] = {"rendered": 0, "from_cache": 0}
        self.findings: list[Finding] = [
            *self.content.findings,
            *table_findings,
            *self.labels.findings,
            *check_content(self.content, self.today),
        ]

    @classmethod
    def from_path(cls, path: str | Path, *, today: dt.date | None = None) -> Pressroom:
        """Load a project folder (the one holding content/ and templates/)."""
        root = Path(path).resolve()
        return cls(read_project(root), root=root, template_dirs=[root / "templates"], today=today)

    @classmethod
    def from_data(
        cls,
        data: dict[str, Any],
        *,
        template_dirs: Iterable[Path] = (),
        today: dt.date | None = None,
    ) -> Pressroom:
        """Build from plain dicts (as a CMS stores them); finding paths point into ``data``."""
        return cls(raw_from_data(data), template_dirs=template_dirs, today=today)

    # ------------------------------------------------------------ the index
    @property
    def settings(self) -> Settings:
        return self.content.settings

    @property
    def articles(self) -> Mapping[str, Article]:
        return self.content.articles

    @property
    def today(self) -> dt.date:
        """The date expiry is judged against: fixed if given, else today in the room's zone."""
        return self._fixed_today or dt.datetime.now(self.settings.zone).date()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    def withheld(self, *, drafts: bool = False, now: dt.datetime | None = None) -> list[Any]:
        """Articles not published now: (key, reason, until when)."""
        return self.content.withheld(drafts=drafts, now=now)

    def sorted_articles(self, **options: Any) -> list[tuple[str, Article]]:
        """Articles to publish, newest first (see :meth:`Content.sorted_articles`)."""
        return self.content.sorted_articles(**options)

    # ------------------------------------------------------------ the API
    def check(self) -> list[Finding]:
        """Every finding: loading, model, cross-file rules, and each article rendered.

        Drafts and future articles are checked too. Renders go through the same cache
        as the site build, so `pressgen build` does not render anything twice.
        """
        findings = list(self.findings)
        for result in self.render_all(drafts=True, future=True, save_cache=False).values():
            findings.extend(result.findings)
        return dedupe(findings)

    def to_front_matter(self, article: dict[str, Any] | Article) -> str:
        """The article as a ``content/articles/*.md`` file (keys in a stable order).

        Raises :class:`PressgenError` with the findings if the article is not valid.
        """
        obj, _, findings = self._article_from(article)
        if obj is None or any(f.is_error for f in findings):
            raise PressgenError(findings)
        return article_to_text(obj)

    def validate_article(self, article: ArticleInput) -> list[Finding]:
        """Findings for one article (errors and warnings); ``[]`` when it is fine."""
        return self.render_article(article).findings

    def render_article(self, article: ArticleInput) -> RenderedArticle:
        """Render one article in memory: Markdown, HTML, metadata, citations, findings.

        The same input on the same day gives the same result, so recent results are
        kept: a CMS that validates a draft and then previews it renders it once. The
        caller gets its own copy, which it may change freely.
        """
        key = _cache_key(article, self.today)
        if key is None:
            return self._render_uncached(article)
        return self._renders.get_or_make(key, lambda: self._render_uncached(article)).copy()

    def render_all(
        self,
        *,
        drafts: bool = False,
        future: bool = False,
        use_cache: bool = True,
        workers: int | None = None,
        save_cache: bool = True,
        now: dt.datetime | None = None,
    ) -> dict[str, RenderedArticle]:
        """Every article to publish, rendered and checked, newest first.

        For a project on disk, unchanged articles come from the content-hash cache in
        ``.pressgen-cache/``; the rest are rendered on all cores when there are many.
        ``self.stats`` says how many were rendered and how many came from the cache.
        """
        chosen = self.content.sorted_articles(drafts=drafts, future=future, now=now)
        results, stats = render_all(
            self.renderer,
            [key for key, _ in chosen],
            self.today,
            cache_root=self.root if use_cache else None,
            save_cache=save_cache,
            workers=workers,
        )
        self.stats = dataclasses.asdict(stats)
        return results

    # ------------------------------------------------------------ input
    def _render_uncached(self, article: ArticleInput) -> RenderedArticle:
        obj, key, findings = self._article_from(article)
        if obj is None:
            return RenderedArticle(slug=key, markdown="", metadata={}, findings=findings)
        rendered = checked_render(self.renderer, obj, key or "article", self.today)
        rendered.findings = dedupe(findings + rendered.findings)
        return rendered

    def _article_from(self, article: ArticleInput) -> tuple[Article | None, str, list[Finding]]:
        """The article, its key and the findings of reading it (an unknown key is one)."""
        if isinstance(article, Article):
            return article, article_slug(article), []
        if isinstance(article, str):
            found = self.content.articles.get(article)
            if found is None:
                known = ", ".join(sorted(self.content.articles)[:10]) or "none yet"
                return (
                    None,
                    article,
                    [
                        Finding(
                            code=codes.USAGE,
                            message=f"there is no article '{article}'",
                            hint=f"known articles: {known}",
                        )
                    ],
                )
            return found, article, []
        obj, findings = build(Article, article, file=None, pointer=(), locate=lambda _p: None)
        if obj is None:
            return None, "", findings
        slug = article_slug(obj)
        if not slug:
            findings.append(
                Finding(
                    code=codes.EMPTY_SLUG,
                    path="/title",
                    message="no web address can be made from this title",
                    hint="add a 'slug' with lower-case words joined by '-'",
                )
            )
        return obj, slug, findings


def _cache_key(article: Any, today: dt.date) -> Hashable | None:
    """A key for the render cache, or None when the input cannot be keyed reliably."""
    if isinstance(article, str):
        return ("slug", article, today)
    if isinstance(article, dict):
        try:
            text = json.dumps(article, sort_keys=True, default=str)
        except (TypeError, ValueError):
            return None
        return ("dict", digest_text(text), today)
    return None


__all__ = ["Pressroom", "RenderedArticle"]
