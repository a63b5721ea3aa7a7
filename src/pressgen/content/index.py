"""Content: the validated index of one press room, and the questions it answers.

Built once by :func:`pressgen.content.build.build_content` from loaded records;
after that nothing is added or changed, nothing is rendered and nothing is read
from disk, so one ``Content`` can be shared by threads and forked workers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..digests import digest
from ..findings import Finding, Location, json_pointer
from ..load.project import Record
from ..model import Article, Company, Editor, FactBase, Fragment, Settings, Source, Topic
from ..model.rules import RuleSet
from ..urls import article_url

Withheld = tuple[str, str, dt.datetime | None]


def location_of(record: Record, *path: Any) -> Location:
    """Where a field of a record was written: its file, line and JSON pointer."""
    full = (*record.pointer, *path)
    return Location(record.file, record.line_of(full), json_pointer(full))


def fragment_key(settings: Settings, fragment_id: str, lang: str | None) -> str:
    """A fragment's key: its id, with '@lang' for a version in another language."""
    if lang and lang != settings.main_language:
        return f"{fragment_id}@{lang}"
    return fragment_id


@dataclass(frozen=True, eq=False)
class Content:
    """Everything one press room holds, validated, by id and by key.

    ``articles`` are keyed by their address key (``slug``, ``zh-hant/slug``);
    ``fragments`` by id, and ``id@lang`` for a version in another language;
    ``broken`` names the ids that exist but failed validation, so that they are
    not reported a second time as unknown.
    """

    settings: Settings
    company: Company | None
    editors: Mapping[str, Editor]
    sources: Mapping[str, Source]
    facts: Mapping[str, FactBase]
    fragments: Mapping[str, Fragment]
    topics: Mapping[str, Topic] | None
    articles: Mapping[str, Article]
    rule_sets: tuple[RuleSet, ...]
    findings: tuple[Finding, ...]
    broken: Mapping[str, frozenset[str]]
    root: Path | None = None
    records: Mapping[int, Record] = field(default_factory=dict, repr=False)
    records_by_id: Mapping[tuple[str, str], Record] = field(default_factory=dict, repr=False)
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict, repr=False)
    corrections: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _digests: dict[tuple[str, str], str | None] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------ locations
    def record_of(self, obj: Any) -> Record | None:
        return self.records.get(id(obj))

    def line_of(self, obj: Any, path: tuple[Any, ...] = ()) -> int | None:
        record = self.records.get(id(obj))
        return None if record is None else record.line_of((*record.pointer, *path))

    def locate(self, obj: Any, *path: Any) -> Location:
        """Where a field of a content object was written: file, line and JSON pointer.

        The pointer starts from the record's own pointer, so it is right for a file
        (``/corrects``) and for a CMS payload (``/articles/1/corrects``) alike.
        """
        record = self.records.get(id(obj))
        if record is None:
            origin = getattr(obj, "origin", None)
            pointer = tuple(getattr(origin, "pointer", ()))
            return Location(getattr(origin, "file", None), None, json_pointer((*pointer, *path)))
        return location_of(record, *path)

    # ------------------------------------------------------------ queries
    def lang_of(self, article: Article) -> str:
        """The article's language tag (the site's main language when not given)."""
        return article.lang or self.settings.main_language

    def fragment_for(self, fragment_id: str, lang: str | None) -> Fragment | None:
        """A fragment in a language (the main language's version is the plain id)."""
        return self.fragments.get(fragment_key(self.settings, fragment_id, lang))

    def article_url(self, article: Article, key: str | None = None) -> str:
        return article_url(self.settings, article, key)

    def translations_of(self, key: str) -> dict[str, str]:
        """The keys of an article's versions by language, the article itself included."""
        article = self.articles[key]
        original = article.translation_of or key
        if original not in self.articles:
            original = key
        versions = {self.lang_of(self.articles[original]): original}
        for lang, other in self.translations.get(original, {}).items():
            versions.setdefault(lang, other)
        return versions

    def corrected_by(self, key: str) -> list[str]:
        """The keys of the releases that correct and replace this one."""
        return list(self.corrections.get(key, ()))

    def now(self) -> dt.datetime:
        return dt.datetime.now(self.settings.zone)

    def withheld(self, *, drafts: bool = False, now: dt.datetime | None = None) -> list[Withheld]:
        """Articles not published now: (key, reason, until when) — drafts, future, embargoed."""
        now = now or self.now()
        zone = self.settings.zone
        out: list[Withheld] = []
        for key, a in self.articles.items():
            if a.draft and not drafts:
                out.append((key, "draft", None))
            elif a.embargo is not None and a.embargo > now:
                out.append((key, "embargoed", a.visible_from(zone)))
            elif a.published_at(zone) > now:
                out.append((key, "scheduled", a.published_at(zone)))
        return sorted(out, key=lambda item: (item[2] is None, item[2] or now, item[0]))

    def sorted_articles(
        self, *, drafts: bool = False, future: bool = False, now: dt.datetime | None = None
    ) -> list[tuple[str, Article]]:
        """Articles to publish, newest first.

        Drafts are left out unless ``drafts``; articles dated in the future or still
        under embargo are left out unless ``future``.
        """
        now = now or self.now()
        zone = self.settings.zone
        chosen = [
            (key, a)
            for key, a in self.articles.items()
            if (drafts or not a.draft) and (future or a.visible_from(zone) <= now)
        ]
        return sorted(chosen, key=lambda item: (item[1].published_at(zone), item[0]), reverse=True)

    def object_digest(self, kind: str, ident: str) -> str | None:
        """A digest of one fact, source, fragment or article as written (None if absent)."""
        key = (kind, ident)
        if key not in self._digests:
            record = self.records_by_id.get(key)
            self._digests[key] = None if record is None else digest(record.data)
        return self._digests[key]
