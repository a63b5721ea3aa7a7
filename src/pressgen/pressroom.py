"""The Pressroom: the whole validated content of one site, and the API to render it.

Built from a folder (:meth:`Pressroom.from_path`) or from plain dicts
(:meth:`Pressroom.from_data`, for a CMS). It owns its settings and its Jinja
environment; it writes nothing to disk and holds no global state, so one
instance can be shared between threads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import json
import multiprocessing as mp
import os
import re
from collections.abc import Callable, Hashable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from jinja2 import Template
from pydantic import TypeAdapter
from slugify import slugify

from . import __version__, codes
from .check import (
    check_article,
    check_pressroom,
    check_rules,
    check_unused_facts,
    load_rule_sets,
)
from .digests import digest, digest_bytes, digest_text
from .findings import Finding, PressgenError
from .i18n import builtin_labels
from .load.project import RawContent, Record, raw_from_data, read_project
from .load.writer import article_to_text
from .load.yamlsafe import YamlProblem, parse_yaml, problem_to_finding
from .lru import BoundedCache
from .model import (
    Article,
    Company,
    Editor,
    Fact,
    FactBase,
    Fragment,
    Origin,
    Settings,
    Source,
    Topic,
)
from .model.validate import build
from .render.article import RenderedArticle, render_article
from .render.environment import PressroomEnvironment, compile_text, make_environment
from .render.simple import parse_simple
from .render_cache import RenderCache, dependency_digests

_FACT_ADAPTER: TypeAdapter[Any] = TypeAdapter(Fact)
COMPILED_CACHE_SIZE = 4096  # bodies, summaries and fragments of a large press room
RENDER_CACHE_SIZE = 256  # recent CMS drafts: validate then preview the same draft once
_NO_SIMPLE = object()  # cached "this text needs Jinja"
PARALLEL_MIN = 200  # below this, starting worker processes costs more than it saves
_FORKED_ROOM: Pressroom | None = None  # what forked workers render (see _render_many)


_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")


def article_slug(article: Article) -> str:
    """The article's slug: its own, or one made from the title.

    Chinese titles are transliterated (鄧悅醫藥 → deng-yue-yi-yao) and end with six
    characters of the title's digest: homophones transliterate alike, and two
    different titles must never share an address. The same title always gives the
    same slug.
    """
    if article.slug:
        return article.slug
    if _CJK.search(article.title):
        words = slugify(article.title, max_length=60, word_boundary=True)
        tail = digest_text(article.title)[:6]
        return f"{words}-{tail}" if words else f"article-{tail}"
    return slugify(article.title, max_length=80, word_boundary=True)


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
        self.findings: list[Finding] = list(raw.findings)
        self._records: dict[int, Record] = {}
        self._compiled: BoundedCache[Template] = BoundedCache(COMPILED_CACHE_SIZE)
        self._renders: BoundedCache[RenderedArticle] = BoundedCache(RENDER_CACHE_SIZE)
        self._display_names: dict[str, str] = {}
        self._record_index: dict[tuple[str, str], Record] = {}
        self._digests: dict[tuple[str, str], str | None] = {}
        self._global: tuple[dt.date, str] | None = None
        self._labels: dict[str, dict[str, Any]] = {}
        self._link_index: tuple[dict[str, dict[str, str]], dict[str, list[str]]] | None = None
        self.stats: dict[str, int] = {}
        self.view_cache: dict[tuple[str, str, int], Any] = {}  # formatted facts, see view_of
        # Ids of objects that exist but failed validation: not reported again as unknown.
        self.broken: dict[str, set[str]] = {
            "editor": set(),
            "source": set(),
            "fact": set(),
            "fragment": set(),
            "article": set(),
        }

        self.settings: Settings = self._one(Settings, raw.settings) or Settings()
        self.company: Company | None = self._one(Company, raw.company)
        self.editors: dict[str, Editor] = self._many(Editor, raw.editors, "editor")
        self.sources: dict[str, Source] = self._many(Source, raw.sources, "source")
        self.facts: dict[str, FactBase] = self._many(_FACT_ADAPTER, raw.facts, "fact")
        self.fragments: dict[str, Fragment] = self._many(Fragment, raw.fragments, "fragment")
        self.topics: dict[str, Topic] | None = None
        if raw.topics is not None:
            self.topics = {}
            for record in raw.topics:
                topic = self._validate(Topic, record)
                if topic is not None:
                    self.topics[topic.name.lower()] = topic
        self.articles: dict[str, Article] = {}
        self._slugs_lower: dict[str, str] = {}  # case-insensitive duplicate check in O(1)
        # Originals first: a translation without a slug takes its original's.
        validated = [(record, self._validate(Article, record)) for record in raw.articles]
        for record, article in validated:
            if article is None and isinstance(record.data, dict):
                # An article with errors: not reported again as a missing original.
                candidate = record.data.get("slug") or slugify(str(record.data.get("title", "")))
                self.broken["article"].add(str(candidate))
        for record, article in validated:
            if article is not None and article.translation_of is None:
                self._add_article(record, article)
        for record, article in validated:
            if article is not None and article.translation_of is not None:
                self._add_article(record, article)
        self.rule_sets, rule_findings = load_rule_sets(self.settings.rule_sets, self.root)
        self.findings.extend(rule_findings)
        self._fixed_today = today
        self.environment: PressroomEnvironment = make_environment(
            self.template_dirs, self.settings.locale
        )
        for lang in self.settings.languages:
            self.labels(lang)  # a broken label table is reported now, not mid-render
        self.findings.extend(check_pressroom(self, self.today))

    # ----------------------------------------------------------------- building
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

    def _validate(self, model: Any, record: Record) -> Any:
        body_line = record.document.body_line if record.document else 1
        obj, findings = build(
            model, record.data, file=record.file, pointer=record.pointer, locate=record.line_of
        )
        self.findings.extend(findings)
        if obj is not None:
            obj._origin = dataclasses.replace(obj.origin, body_line=body_line)
            self._records[id(obj)] = record
        return obj

    def _one(self, model: Any, record: Record | None) -> Any:
        return None if record is None else self._validate(model, record)

    def _many(self, model: Any, records: list[Record], what: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for record in records:
            obj = self._validate(model, record)
            if obj is None:
                if isinstance(record.data, dict) and isinstance(record.data.get("id"), str):
                    self.broken[what].add(record.data["id"])
                continue
            key = self._key_of(obj)
            if key in out:
                first = out[key].origin
                first_line = self.line_of(out[key], ())
                self.findings.append(
                    Finding(
                        code=codes.DUPLICATE_ID,
                        file=record.file,
                        line=self.line_of(obj, ("id",)),
                        path="/" + "/".join(map(str, (*record.pointer, "id"))),
                        message=f"the {what} id '{obj.id}' is already used at "
                        f"{first.file or 'input'}:{first_line}",
                        hint=f"give each {what} its own id",
                    )
                )
                continue
            out[key] = obj
            self._record_index[(what, key)] = record
        return out

    def _key_of(self, obj: Any) -> str:
        """An object's key: its id, with '@lang' for a fragment in another language."""
        lang = getattr(obj, "lang", None)
        if isinstance(obj, Fragment) and lang and lang != self.settings.main_language:
            return f"{obj.id}@{lang}"
        return obj.id

    def fragment_for(self, fragment_id: str, lang: str | None) -> Fragment | None:
        """A fragment in a language (the main language's version is the plain id)."""
        if lang and lang != self.settings.main_language:
            return self.fragments.get(f"{fragment_id}@{lang}")
        return self.fragments.get(fragment_id)

    def labels(self, lang: str | None) -> dict[str, Any]:
        """The label table of a language: the project's templates/i18n/<tag>.yml over pressgen's."""
        tag = lang or self.settings.main_language
        table = self._labels.get(tag)
        if table is None:
            table = dict(builtin_labels(tag))
            for folder in self.template_dirs:
                path = folder / "i18n" / f"{tag}.yml"
                if path.is_file():
                    table.update(self._label_file(path))
            self._labels[tag] = table
        return table

    def _label_file(self, path: Path) -> dict[str, Any]:
        """A project's label table; a broken one is reported and left out."""
        shown = self.display_template(str(path))
        try:
            data = parse_yaml(path.read_text("utf-8")).data
        except YamlProblem as problem:
            self.findings.append(problem_to_finding(problem, shown, 1))
            return {}
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str | dict) for k, v in data.items()
        ):
            self.findings.append(
                Finding(
                    code=codes.INVALID_VALUE,
                    file=shown,
                    message="a label table must map names to texts, e.g. sources: Sources",
                    hint="copy pressgen's own table from src/pressgen/templates/i18n/ and edit it",
                )
            )
            return {}
        return data

    def label_function(self, lang: str | None) -> Callable[..., str]:
        """``label('about', company=...)`` for templates: a label, filled in."""
        table = self.labels(lang)

        def label(key: str, **values: Any) -> str:
            text = table.get(key)
            if not isinstance(text, str):
                raise KeyError(f"no label '{key}' in templates/i18n/{lang}.yml")
            return text.format(**values) if values else text

        return label

    def lang_of(self, article: Article) -> str:
        """The article's language tag (the site's main language when not given)."""
        return article.lang or self.settings.main_language

    def _add_article(self, record: Record, article: Article) -> None:
        slug = article.slug
        if slug is None and article.translation_of is not None:
            original = self.articles.get(article.translation_of)
            slug = article_slug(original) if original is not None else None
        slug = slug or article_slug(article)
        if slug:
            slug = self.settings.folder_for(article.lang) + slug
        if not slug:
            self.findings.append(
                Finding(
                    code=codes.EMPTY_SLUG,
                    file=record.file,
                    line=self.line_of(article, ("title",)),
                    path="/title",
                    message="no web address can be made from this title",
                    hint="add a 'slug:' field with lower-case words joined by '-'",
                )
            )
            return
        clash = self._slugs_lower.get(slug.lower())
        if (
            clash is not None
            and article.translation_of is not None
            and (self.articles[clash].translation_of == article.translation_of)
        ):
            self.findings.append(
                Finding(
                    code=codes.TRANSLATION_CONFLICT,
                    file=record.file,
                    line=self.line_of(article, ("translation_of",)),
                    path="/translation_of",
                    message=f"{self.articles[clash].origin.file} already translates "
                    f"'{article.translation_of}' into {self.lang_of(article)}",
                    hint="each original has at most one translation per language; check 'lang:'",
                )
            )
            return
        if clash is not None:
            other = self.articles[clash].origin
            self.findings.append(
                Finding(
                    code=codes.DUPLICATE_SLUG,
                    file=record.file,
                    line=self.line_of(article, ("title",)),
                    path="/slug",
                    message=f"the address '{slug}' is already used by {other.file}",
                    hint="add a 'slug:' field with a different address to one of the two articles",
                )
            )
            return
        self._slugs_lower[slug.lower()] = slug
        self.articles[slug] = article

    # ----------------------------------------------------------------- queries
    @property
    def today(self) -> dt.date:
        """The date expiry is judged against: fixed if given, else today in the room's zone."""
        return self._fixed_today or dt.datetime.now(self.settings.zone).date()

    def line_of(self, obj: Any, path: tuple[Any, ...]) -> int | None:
        record = self._records.get(id(obj))
        if record is None:
            return None
        return record.line_of((*record.pointer, *path))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    def article_url(self, article: Article, key: str | None = None) -> str:
        """Site-relative URL of an article: news/2025/11/slug/ (zh-hant/news/... etc.)."""
        when = article.published_at(self.settings.zone)
        slug = (key or article_slug(article)).rsplit("/", 1)[-1]
        return f"{self.settings.folder_for(article.lang)}news/{when:%Y}/{when:%m}/{slug}/"

    def translations_of(self, key: str) -> dict[str, str]:
        """The keys of an article's versions by language, the article itself included."""
        article = self.articles[key]
        original = article.translation_of if article.translation_of in self.articles else key
        versions = {self.lang_of(self.articles[original]): original}
        for lang, other in self._links()[0].get(original, {}).items():
            versions.setdefault(lang, other)
        return versions

    def corrected_by(self, key: str) -> list[str]:
        """The keys of the releases that correct and replace this one."""
        return self._links()[1].get(key, [])

    def _links(self) -> tuple[dict[str, dict[str, str]], dict[str, list[str]]]:
        """Translations by original and corrections by corrected release, indexed once
        (the articles do not change after loading)."""
        if self._link_index is None:
            translations: dict[str, dict[str, str]] = {}
            corrections: dict[str, list[str]] = {}
            for key, article in self.articles.items():
                if article.translation_of is not None:
                    found = translations.setdefault(article.translation_of, {})
                    found.setdefault(self.lang_of(article), key)
                if article.corrects is not None:
                    corrections.setdefault(article.corrects, []).append(key)
            self._link_index = (translations, corrections)
        return self._link_index

    def withheld(
        self, *, drafts: bool = False, now: dt.datetime | None = None
    ) -> list[tuple[str, str, dt.datetime | None]]:
        """Articles not published now: (key, reason, until when) — drafts, future, embargoed."""
        now = now or dt.datetime.now(self.settings.zone)
        out: list[tuple[str, str, dt.datetime | None]] = []
        for key, a in self.articles.items():
            if a.draft and not drafts:
                out.append((key, "draft", None))
            elif a.embargo is not None and a.embargo > now:
                out.append((key, "embargoed", a.visible_from(self.settings.zone)))
            elif a.published_at(self.settings.zone) > now:
                out.append((key, "scheduled", a.published_at(self.settings.zone)))
        return sorted(out, key=lambda item: (item[2] is None, item[2] or now, item[0]))

    def sorted_articles(
        self, *, drafts: bool = False, future: bool = False, now: dt.datetime | None = None
    ) -> list[tuple[str, Article]]:
        """Articles to publish, newest first.

        Drafts are left out unless ``drafts``; articles dated in the future or still
        under embargo are left out unless ``future``.
        """
        now = now or dt.datetime.now(self.settings.zone)
        chosen = [
            (slug, a)
            for slug, a in self.articles.items()
            if (drafts or not a.draft) and (future or a.visible_from(self.settings.zone) <= now)
        ]
        return sorted(
            chosen,
            key=lambda item: (item[1].published_at(self.settings.zone), item[0]),
            reverse=True,
        )

    def display_template(self, filename: str) -> str:
        """How a template file is named in findings: project-relative, or pressgen's own."""
        shown = self._display_names.get(filename)
        if shown is None:
            shown = self._display_names.setdefault(filename, self._display(filename))
        return shown

    def _display(self, filename: str) -> str:
        path = Path(filename)
        if self.root is not None:
            try:
                return path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                pass
        if "site-packages" in path.parts or "pressgen" in path.parts:
            return f"pressgen:templates/{path.name}"
        return filename

    def compiled_text(self, source: str, name: str, *, jinja: bool = False) -> Any:
        """A body or fragment ready to render, made once (bounded cache by name and content).

        Text whose only template syntax is fact and fragment placeholders gets the fast
        :class:`~pressgen.render.simple.SimpleTemplate`; anything else is compiled by Jinja.
        """
        content = digest_text(source)
        if not jinja:
            simple = self._compiled.get_or_make(
                ("simple", name, content), lambda: parse_simple(source) or _NO_SIMPLE
            )
            if simple is not _NO_SIMPLE:
                return simple
        return self._compiled.get_or_make(
            ("jinja", name, content), lambda: compile_text(self.environment, source, name)
        )

    # ----------------------------------------------------------------- API
    def check(self) -> list[Finding]:
        """Every finding: loading, model, cross-file rules, and each article rendered.

        Drafts and future articles are checked too. Renders go through the same cache
        as the site build, so `pressgen build` does not render anything twice.
        """
        findings = list(self.findings)
        for result in self.render_all(drafts=True, future=True, save_cache=False).values():
            findings.extend(result.findings)
        return _dedupe(findings)

    def _checked_render(self, article: Article, slug: str) -> RenderedArticle:
        """Render and apply every per-article rule: the one path for CLI, site and CMS."""
        rendered = render_article(self, article, slug)
        findings = check_article(self, article, self.today) + rendered.findings
        findings += check_rules(self, article, rendered)
        findings += check_unused_facts(self, article, rendered)
        rendered.texts = {}  # read by the rules above only; not kept (memory)
        rendered.findings = _dedupe(findings)
        return rendered

    def _article_from(
        self, article: dict[str, Any] | str | Article
    ) -> tuple[Article | None, str, list[Finding]]:
        if isinstance(article, Article):
            return article, article_slug(article), []
        if isinstance(article, str):
            found = self.articles.get(article)
            if found is None:
                raise PressgenError(
                    [
                        Finding(
                            code=codes.USAGE,
                            message=f"there is no article '{article}'",
                            hint=f"known articles: {', '.join(sorted(self.articles)[:10])}",
                        )
                    ]
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

    def to_front_matter(self, article: dict[str, Any] | Article) -> str:
        """The article as a ``content/articles/*.md`` file (keys in a stable order).

        Raises :class:`PressgenError` with the findings if the article is not valid.
        """
        obj, _, findings = self._article_from(article)
        if obj is None or any(f.is_error for f in findings):
            raise PressgenError(findings)
        return article_to_text(obj)

    def validate_article(self, article: dict[str, Any] | str | Article) -> list[Finding]:
        """Findings for one article (errors and warnings); ``[]`` when it is fine."""
        return self.render_article(article).findings

    def render_article(self, article: dict[str, Any] | str | Article) -> RenderedArticle:
        """Render one article in memory: Markdown, HTML, metadata, citations, findings.

        The same input on the same day gives the same result, so recent results are
        kept: a CMS that validates a draft and then previews it renders it once.
        """
        key = _cache_key(article, self.today)
        result = (
            self._renders.get_or_make(key, lambda: self._render_uncached(article))
            if key is not None
            else self._render_uncached(article)
        )
        return dataclasses.replace(result, findings=list(result.findings))

    def _render_uncached(self, article: dict[str, Any] | str | Article) -> RenderedArticle:
        obj, slug, findings = self._article_from(article)
        if obj is None:
            return RenderedArticle(slug="", markdown="", metadata={}, findings=findings)
        rendered = self._checked_render(obj, slug or "article")
        rendered.findings = _dedupe(findings + rendered.findings)
        return rendered

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
        chosen = self.sorted_articles(drafts=drafts, future=future, now=now)
        cache = RenderCache(self.root) if use_cache and self.root is not None else None
        keys = {slug: self._article_key(slug) for slug, _ in chosen}
        results: dict[str, RenderedArticle] = {}
        todo = []
        for slug, _ in chosen:
            hit = cache.get(slug, keys[slug], self._dependency_digest) if cache else None
            if hit is not None:
                results[slug] = hit
            else:
                todo.append(slug)
        for slug, result in self._render_many(todo, workers):
            results[slug] = result
            if cache is not None:
                cache.put(slug, keys[slug], dependency_digests(self, result.metadata), result)
        if cache is not None and save_cache:
            cache.prune(set(self.articles))
            with contextlib.suppress(OSError):  # a read-only project still builds
                cache.save()
        self.stats = {"rendered": len(todo), "from_cache": len(chosen) - len(todo)}
        return {slug: results[slug] for slug, _ in chosen}

    def _render_many(
        self, slugs: list[str], workers: int | None
    ) -> Iterable[tuple[str, RenderedArticle]]:
        """Render articles, on several processes when there are enough to pay for it."""
        count = workers if workers is not None else min(os.cpu_count() or 1, 4)
        if count < 2 or len(slugs) < PARALLEL_MIN or "fork" not in mp.get_all_start_methods():
            return _render_slugs(self, slugs)
        global _FORKED_ROOM
        _FORKED_ROOM = self  # inherited by the forked workers, never pickled
        chunks = [slugs[n::count] for n in range(count)]
        try:
            with ProcessPoolExecutor(count, mp_context=mp.get_context("fork")) as pool:
                parts = list(pool.map(_render_in_worker, chunks))
        finally:
            _FORKED_ROOM = None
        return [pair for part in parts for pair in part]

    def object_digest(self, kind: str, ident: str) -> str | None:
        """A digest of one fact, source or fragment as written (None if it does not exist)."""
        key = (kind, ident)
        if key not in self._digests:
            record = self._record_index.get(key)
            self._digests[key] = None if record is None else digest(record.data)
        return self._digests[key]

    def _dependency_digest(self, name: str) -> str | None:
        kind, _, ident = name.partition(":")
        return self.object_digest(kind, ident)

    def _article_key(self, slug: str) -> str:
        article = self.articles[slug]
        record = self._records.get(id(article))
        if record is not None and record.document is not None and record.document.source_digest:
            own = record.document.source_digest  # the file as written: cheap to hash
        else:
            own = digest(record.data if record else article.model_dump())
        return digest([slug, own, self._global_key()])

    def _global_key(self) -> str:
        """Everything that can change every article: settings, people, templates, rules, day."""
        if self._global is None or self._global[0] != self.today:
            templates = []
            for folder in [*self.template_dirs, Path(__file__).parent / "templates"]:
                if folder.is_dir():
                    templates += [
                        (
                            p.relative_to(folder).as_posix(),
                            digest_bytes(p.read_bytes()),
                        )
                        for p in sorted(folder.rglob("*"))
                        if p.is_file()
                    ]
            self._global = (
                self.today,
                digest(
                    [
                        __version__,
                        _code_digest(),
                        self.today,
                        self.settings.model_dump(),
                        self.company.model_dump() if self.company else None,
                        [e.model_dump() for e in self.editors.values()],
                        [t.model_dump() for t in (self.topics or {}).values()],
                        [r.model_dump() for r in self.rule_sets],
                        templates,
                    ]
                ),
            )
        return self._global[1]


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of pressgen's own code: a changed rule or formatter re-renders everything,
    even without a new version number (an edited install, a development checkout)."""
    package = Path(__file__).parent
    return digest([digest_bytes(p.read_bytes()) for p in sorted(package.rglob("*.py"))])


def _render_slugs(room: Pressroom, slugs: list[str]) -> list[tuple[str, RenderedArticle]]:
    return [(slug, room._checked_render(room.articles[slug], slug)) for slug in slugs]


def _render_in_worker(slugs: list[str]) -> list[tuple[str, RenderedArticle]]:
    assert _FORKED_ROOM is not None, "only called in a forked worker"
    return _render_slugs(_FORKED_ROOM, slugs)


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


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in findings:
        key = (f.code, f.file, f.line, f.path, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


__all__ = ["Origin", "Pressroom", "RenderedArticle"]
