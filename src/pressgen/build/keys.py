"""Cache keys: what a rendered article depends on, as digests.

An entry of the render cache is valid while the article's own text and file name,
everything that can change every article (settings, company, editors, topics, rule
sets, labels, templates, the assets in ``content/``, pressgen's own code, the day)
and each fact, source, fragment and corrected release it used are unchanged.

A dependency that a cached finding points into also covers where it is written
(see :class:`Dependencies`): a fact that moved within its file must not leave a
finding pointing at its old line.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..content import Content, fragment_key
from ..digests import digest, digest_bytes, digest_text
from ..findings import Finding
from ..load.confined import Area
from ..version import __version__

PACKAGE = Path(__file__).resolve().parent.parent


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of pressgen's own code: a changed rule or formatter re-renders everything,
    even without a new version number (an edited install, a development checkout)."""
    return digest([digest_bytes(p.read_bytes()) for p in sorted(PACKAGE.rglob("*.py"))])


def templates_digest(template_dirs: list[Path]) -> list[tuple[str, str]]:
    """(relative path, digest) of every template file, the project's and pressgen's,
    read through their folder's confinement (a refused file counts as refused)."""
    found = []
    for folder in [*template_dirs, PACKAGE / "templates"]:
        if folder.is_dir():
            area = Area.of(folder)
            for p in sorted(folder.rglob("*")):
                if p.is_file():
                    data, _ = area.read_bytes(p)
                    found.append(
                        (
                            p.relative_to(folder).as_posix(),
                            digest_bytes(b"\0refused" if data is None else data),
                        )
                    )
    return found


_MISSING = object()
LOCATED = "at "  # a dependency whose file and place matter (see Dependencies)
TEXT_SUFFIXES = frozenset({".md", ".yml", ".yaml"})


def assets_digest(root: Path | None) -> list[tuple[str, int, int]]:
    """Name, size and modification time of every file in ``content/`` that is not an
    article, fact or setting (images, downloads): a rule may check that an image
    exists, so adding, replacing or removing one re-checks every article."""
    if root is None:
        return []
    found = []
    folder = root / "content"
    for here, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if os.path.splitext(name)[1].lower() in TEXT_SUFFIXES:
                continue
            path = os.path.join(here, name)
            try:
                info = os.lstat(path)
            except OSError:
                continue
            found.append((os.path.relpath(path, folder), info.st_size, info.st_mtime_ns))
    return found


def global_key(content: Content, template_dirs: list[Path], today: dt.date) -> str:
    """Everything that can change every article (label tables are templates/i18n/ files)."""
    return digest(
        [
            __version__,
            code_digest(),
            today,
            content.settings.model_dump(),
            content.company.model_dump() if content.company else None,
            [e.model_dump() for e in content.editors.values()],
            [t.model_dump() for t in (content.topics or {}).values()],
            [r.model_dump() for r in content.rule_sets],
            templates_digest(template_dirs),
            assets_digest(content.root),
        ]
    )


def article_key(content: Content, key: str, everything: str) -> str:
    """The article's own text and file name (the file as written: cheap to hash) and
    the global key. The file name matters: findings about the article name it."""
    article = content.articles[key]
    record = content.record_of(article)
    if record is not None and record.document is not None and record.document.source_digest:
        own = record.document.source_digest
    else:
        own = digest(record.data if record else article.model_dump(mode="json"))
    return digest([key, own, record.file if record else None, everything])


class Dependencies:
    """Digests of what a render used (``fact:id``, ``source:id``, ``fragment:id``,
    ``article:key``), each made once per build.

    A dependency that a cached finding points into (the finding names its file, in
    ``file`` or in its message: "expired (content/facts/trade.yml:12)") is kept as
    ``at fact:id``, whose digest also covers that file's whole text: a fact that moved
    within its file, or a comment added above it, re-renders the article so that the
    finding's line is right. Other dependencies cover what they say only, so that a
    cache check reads no file and parses nothing.
    """

    def __init__(self, content: Content):
        self.content = content
        self._known: dict[str, str | None] = {}
        self._texts: dict[int, str] = {}

    def digest_of(self, name: str) -> str | None:
        """The digest of one dependency now (None when it does not exist)."""
        found = self._known.get(name, _MISSING)
        if found is _MISSING:
            located = name.startswith(LOCATED)
            kind, _, ident = name.removeprefix(LOCATED).partition(":")
            own = self.content.object_digest(kind, ident)
            if located and own is not None:
                own = digest([own, *self._where(kind, ident)])
            found = self._known[name] = own
        return found  # type: ignore[return-value]

    def _where(self, kind: str, ident: str) -> tuple[str | None, str | None]:
        """The file a dependency is written in, and a digest of that file's text."""
        record = self.content.records_by_id.get((kind, ident))
        document = record.document if record is not None else None
        if record is None or document is None:
            return (record.file if record else None), None
        text = self._texts.get(id(document))
        if text is None:
            text = document.source_digest or digest_text(document.yaml_text + document.body)
            self._texts[id(document)] = text
        return record.file, text

    def of_result(
        self, metadata: dict[str, Any], findings: Sequence[Finding] = ()
    ) -> dict[str, str | None]:
        """Every fact, source, fragment and corrected release a render used, with digests."""
        content = self.content
        names = []
        for fact_id in sorted({*metadata.get("facts", []), *metadata.get("cited_facts", [])}):
            names.append(f"fact:{fact_id}")
            fact = content.facts.get(fact_id)
            if fact is not None:
                names.append(f"source:{fact.source}")
        for fragment_id in metadata.get("fragments", []):
            names.append(
                f"fragment:{fragment_key(content.settings, fragment_id, metadata.get('lang'))}"
            )
        if metadata.get("corrects"):
            # The correction prints the corrected release's title and date.
            names.append(f"article:{metadata['corrects']}")
        if findings:
            named = {f.file for f in findings if f.file}
            told = "\n".join(f.message for f in findings)
            names = [self._pointed_at(name, named, told) for name in names]
        return {name: self.digest_of(name) for name in names}

    def _pointed_at(self, name: str, named: set[str], told: str) -> str:
        kind, _, ident = name.partition(":")
        record = self.content.records_by_id.get((kind, ident))
        if record is not None and record.file and (record.file in named or record.file in told):
            return LOCATED + name
        return name


def dependency_digests(content: Content, metadata: dict[str, Any]) -> dict[str, str | None]:
    """Digests of every fact, source, fragment and corrected release an article used."""
    return Dependencies(content).of_result(metadata)


def current_digest(content: Content) -> Any:
    """``name → digest now`` for the cache's dependency check (``fact:id`` etc.)."""
    return Dependencies(content).digest_of
