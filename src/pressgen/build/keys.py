"""Cache keys: what a rendered article depends on, as digests.

An entry of the render cache is valid while the article's own text, everything that
can change every article (settings, company, editors, topics, rule sets, labels,
templates, pressgen's own code, the day) and the digest of each fact, source,
fragment and corrected release it used are unchanged.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

from ..content import Content, fragment_key
from ..digests import digest, digest_bytes
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
        ]
    )


def article_key(content: Content, key: str, everything: str) -> str:
    """The article's own text (the file as written: cheap to hash) and the global key."""
    article = content.articles[key]
    record = content.record_of(article)
    if record is not None and record.document is not None and record.document.source_digest:
        own = record.document.source_digest
    else:
        own = digest(record.data if record else article.model_dump(mode="json"))
    return digest([key, own, everything])


def dependency_digests(content: Content, metadata: dict[str, Any]) -> dict[str, str | None]:
    """Digests of every fact, source, fragment and corrected release an article used."""
    deps: dict[str, str | None] = {}
    for fact_id in {*metadata.get("facts", []), *metadata.get("cited_facts", [])}:
        deps[f"fact:{fact_id}"] = content.object_digest("fact", fact_id)
        fact = content.facts.get(fact_id)
        if fact is not None:
            deps[f"source:{fact.source}"] = content.object_digest("source", fact.source)
    for fragment_id in metadata.get("fragments", []):
        name = fragment_key(content.settings, fragment_id, metadata.get("lang"))
        deps[f"fragment:{name}"] = content.object_digest("fragment", name)
    if metadata.get("corrects"):
        # The correction prints the corrected release's title and date.
        deps[f"article:{metadata['corrects']}"] = content.object_digest(
            "article", metadata["corrects"]
        )
    return deps


def current_digest(content: Content) -> Any:
    """``name → digest now`` for the cache's dependency check (``fact:id`` etc.)."""

    def current(name: str) -> str | None:
        kind, _, ident = name.partition(":")
        return content.object_digest(kind, ident)

    return current
