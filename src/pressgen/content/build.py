"""Building the Content index from loaded records: validate, index, give every article a key."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError
from slugify import slugify

from .. import codes
from ..findings import Finding, Location
from ..load.project import RawContent, Record
from ..load.rule_sets import read_rule_sets
from ..model import Article, Company, Editor, Fact, FactBase, Fragment, Settings, Source, Topic
from ..model.rules import RuleSet
from ..model.validate import build
from ..urls import article_key, article_slug, tag_slug
from .index import Content, fragment_key, location_of

_FACT_ADAPTER: TypeAdapter[Any] = TypeAdapter(Fact)
KINDS = ("editor", "source", "fact", "fragment", "article")


class _Builder:
    """One pass over the records; collects objects, their records and findings."""

    def __init__(self, raw: RawContent):
        self.findings: list[Finding] = list(raw.findings)
        self.records: dict[int, Record] = {}
        self.by_id: dict[tuple[str, str], Record] = {}
        self.broken: dict[str, set[str]] = {kind: set() for kind in KINDS}
        self.settings: Settings = Settings()

    def validate(self, model: Any, record: Record) -> Any:
        body_line = record.document.body_line if record.document else 1
        obj, findings = build(
            model,
            record.data,
            file=record.file,
            pointer=record.pointer,
            locate=record.line_of,
            body_line=body_line if record.document else None,
        )
        self.findings.extend(findings)
        if obj is not None:
            obj._origin = dataclasses.replace(obj.origin, body_line=body_line)
            self.records[id(obj)] = record
        return obj

    def locate(self, obj: Any, *path: Any) -> Location:
        return location_of(self.records[id(obj)], *path)

    def many(self, model: Any, records: list[Record], what: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for record in records:
            obj = self.validate(model, record)
            if obj is None:
                if isinstance(record.data, dict) and isinstance(record.data.get("id"), str):
                    self.broken[what].add(record.data["id"])
                continue
            key = self.key_of(obj)
            if key in out:
                first = self.locate(out[key])
                self.findings.append(
                    self.locate(obj, "id").finding(
                        codes.DUPLICATE_ID,
                        f"the {what} id '{obj.id}' is already used at "
                        + (f"{first.file}:{first.line}" if first.file else first.path),
                        f"give each {what} its own id",
                    )
                )
                continue
            out[key] = obj
            self.by_id[(what, key)] = record
        return out

    def key_of(self, obj: Any) -> str:
        """An object's key: its id, with '@lang' for a fragment in another language."""
        if isinstance(obj, Fragment):
            return fragment_key(self.settings, obj.id, obj.lang)
        return str(obj.id)

    def articles(self, records: list[Record]) -> dict[str, Article]:
        articles: dict[str, Article] = {}
        lower: dict[str, str] = {}  # case-insensitive duplicate check in O(1)
        validated = [(record, self.validate(Article, record)) for record in records]
        for record, article in validated:
            if article is None and isinstance(record.data, dict):
                # An article with errors: not reported again as a missing original.
                candidate = record.data.get("slug") or slugify(str(record.data.get("title", "")))
                self.broken["article"].add(str(candidate))
        # Originals first: a translation without a slug takes its original's.
        ordered = [pair for pair in validated if pair[1] is not None]
        ordered.sort(key=lambda pair: pair[1].translation_of is not None)
        for record, article in ordered:
            key = self.article_key(article, articles, lower)
            if key is not None:
                lower[key.lower()] = key
                articles[key] = article
                self.by_id[("article", key)] = record
        return articles

    def article_key(
        self, article: Article, articles: dict[str, Article], lower: dict[str, str]
    ) -> str | None:
        slug = article.slug
        if slug is None and article.translation_of is not None:
            original = articles.get(article.translation_of)
            slug = article_slug(original) if original is not None else None
        slug = slug or article_slug(article)
        if not slug:
            self.findings.append(
                self.locate(article, "title").finding(
                    codes.EMPTY_SLUG,
                    "no web address can be made from this title",
                    "add a 'slug:' field with lower-case words joined by '-'",
                )
            )
            return None
        key = article_key(self.settings, article, slug)
        clash = lower.get(key.lower())
        if clash is None:
            return key
        other = articles[clash]
        if article.translation_of is not None and other.translation_of == article.translation_of:
            self.findings.append(
                self.locate(article, "translation_of").finding(
                    codes.TRANSLATION_CONFLICT,
                    f"{other.origin.file} already translates '{article.translation_of}' into "
                    f"{article.lang or self.settings.main_language}",
                    "each original has at most one translation per language; check 'lang:'",
                )
            )
        else:
            at_title = self.locate(article, "title")  # a slug made from the title
            self.findings.append(
                Location(at_title.file, at_title.line, self.locate(article, "slug").path).finding(
                    codes.DUPLICATE_SLUG,
                    f"the address '{key}' is already used by "
                    f"{other.origin.file or 'another article'}",
                    "add a 'slug:' field with a different address to one of the two articles",
                )
            )
        return None

    def topics(self, records: list[Record]) -> dict[str, Topic]:
        """The topics of tags.yml by lower-case name; two that would share one topic page
        ('Exports' and 'exports', 'R&D' and 'R-D') are an error, the first one is kept."""
        topics: dict[str, Topic] = {}
        by_address: dict[str, Topic] = {}
        for record in records:
            topic = self.validate(Topic, record)
            if topic is None:
                continue
            first = by_address.setdefault(tag_slug(topic.name), topic)
            if first is not topic:
                at = self.locate(first, "name").line
                twice = topic.name == first.name  # perhaps typed two ways: stored in NFC
                self.findings.append(
                    self.locate(topic, "name").finding(
                        codes.TAG_CLASH,
                        f"the topic '{topic.name}' is listed twice (also on line {at})"
                        if twice
                        else f"the topic '{topic.name}' would share its page with "
                        f"'{first.name}' (line {at}): one topic written two ways, or two "
                        "names with the same address",
                        "remove one of the two from content/tags.yml"
                        if twice
                        else f"remove one of the two from content/tags.yml, or rename "
                        f"'{topic.name}' with other letters",
                    )
                )
                continue
            topics[topic.name.lower()] = topic
        return topics

    def rule_sets(self, root: Path | None) -> tuple[RuleSet, ...]:
        documents, findings = read_rule_sets(self.settings.rule_sets, root)
        self.findings.extend(findings)
        out = []
        for display, document in documents:
            rule_set, problems = build(
                RuleSet, document.data, file=display, pointer=(), locate=document.line_of
            )
            self.findings.extend(problems)
            if rule_set is not None:
                out.append(rule_set)
        return tuple(out)


def _links(
    articles: dict[str, Article], main_language: str
) -> tuple[dict[str, dict[str, str]], dict[str, tuple[str, ...]]]:
    """Translations by original and corrections by corrected release, indexed once."""
    translations: dict[str, dict[str, str]] = {}
    corrections: dict[str, list[str]] = {}
    for key, article in articles.items():
        if article.translation_of is not None:
            found = translations.setdefault(article.translation_of, {})
            found.setdefault(article.lang or main_language, key)
        if article.corrects is not None:
            corrections.setdefault(article.corrects, []).append(key)
    return translations, {k: tuple(v) for k, v in corrections.items()}


def _settings_without_errors(data: Any) -> Settings:
    """The settings that are right when others are wrong (their findings are reported
    already): a misspelt time zone must not also unpublish every language but the first."""
    kept = dict(data) if isinstance(data, dict) else {}
    for _ in range(len(kept) + 1):
        try:
            return Settings.model_validate(kept)
        except ValidationError as exc:
            wrong = {error["loc"][0] for error in exc.errors() if error["loc"]}
            if not wrong & set(kept):
                break
            kept = {key: value for key, value in kept.items() if key not in wrong}
    return Settings()


def build_content(raw: RawContent, *, root: Path | None = None) -> Content:
    """Validate every record and index the press room. Never raises for bad content."""
    b = _Builder(raw)
    if raw.settings is not None:
        b.settings = b.validate(Settings, raw.settings) or _settings_without_errors(
            raw.settings.data
        )
    company = b.validate(Company, raw.company) if raw.company is not None else None
    editors = b.many(Editor, raw.editors, "editor")
    sources = b.many(Source, raw.sources, "source")
    facts: dict[str, FactBase] = b.many(_FACT_ADAPTER, raw.facts, "fact")
    fragments = b.many(Fragment, raw.fragments, "fragment")
    topics = b.topics(raw.topics) if raw.topics is not None else None
    articles = b.articles(raw.articles)
    rule_sets = b.rule_sets(root)
    translations, corrections = _links(articles, b.settings.main_language)
    return Content(
        settings=b.settings,
        company=company,
        editors=editors,
        sources=sources,
        facts=facts,
        fragments=fragments,
        topics=topics,
        articles=articles,
        rule_sets=rule_sets,
        findings=tuple(b.findings),
        broken={kind: frozenset(ids) for kind, ids in b.broken.items()},
        root=root,
        records=b.records,
        records_by_id=b.by_id,
        translations=translations,
        corrections=corrections,
    )
