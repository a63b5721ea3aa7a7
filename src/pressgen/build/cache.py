"""A content-hash cache of rendered articles, so that a build re-renders only what changed.

Stored as JSON under ``.pressgen-cache/`` (git-ignored) through
:mod:`.cache_files`: written atomically (temp file, fsync, rename) and verified
when read (pressgen's version, length, checksum). A cache file that fails the
check is thrown away with a PG906 warning; so is an entry whose shape is not
exactly what :func:`_to_json` writes (a field missing, of the wrong type, an
unknown one), before anything downstream can trip over it. JSON, not pickle, so
that a tampered cache file cannot run code.

An entry is valid when the article's own text and file, everything that affects
every article (settings, company, editors, templates, rule sets, tags, assets,
the date) and the digest of each fact, source, fragment and corrected release it
used are all unchanged (:mod:`.keys`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity
from ..model import Citation, RenderedArticle
from .cache_files import CacheDamaged, discard, read_entry, remove_stale_temps, write_entry

CACHE_DIR = ".pressgen-cache"
FORMAT = 2
KIND = f"renders-{FORMAT}"

# Metadata that pressgen reads back from a cached render, and the JSON types it
# must have; other keys may hold any JSON value.
_TEXT = (str,)
_MAYBE_TEXT = (str, type(None))
METADATA_TYPES: dict[str, tuple[type, ...]] = {
    "slug": _TEXT,
    "lang": _TEXT,
    "type": _TEXT,
    "title": _TEXT,
    "description": _TEXT,
    "url": _TEXT,
    "date": _TEXT,
    "corrects": _MAYBE_TEXT,
    "translation_of": _MAYBE_TEXT,
    "subtitle": _MAYBE_TEXT,
    "draft": (bool,),
}
METADATA_TEXT_LISTS = ("facts", "cited_facts", "fragments", "tags", "sources")
FINDING_FIELDS = {"code", "severity", "message", "hint", "file", "line", "path"}
CITATION_FIELDS = {"number", "source_id", "source", "url", "published", "facts"}
RESULT_FIELDS = {"slug", "markdown", "metadata", "citations", "findings", "jsonld"}


class RenderCache:
    """Rendered articles of one project, keyed by article key, with what each depended on."""

    def __init__(self, root: Path):
        self.path = root / CACHE_DIR / f"{KIND}.json"
        self.shown = f"{CACHE_DIR}/{self.path.name}"
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        self.loaded_ok = False
        self.findings: list[Finding] = []  # PG906 warnings: what was thrown away
        self._load()

    def _load(self) -> None:
        remove_stale_temps(self.path.parent, recursive=True)  # a killed build's temp files
        try:
            payload = read_entry(self.path, KIND)
            entries = json.loads(payload)
            if not isinstance(entries, dict):
                raise CacheDamaged("it does not hold a table of entries")
        except FileNotFoundError:
            return  # no cache yet
        except CacheDamaged as exc:
            self._discard_file(exc.reason)
            return
        except (ValueError, RecursionError):
            self._discard_file("its entries are not readable JSON")
            return
        self.entries = entries
        self.loaded_ok = True

    def _discard_file(self, reason: str) -> None:
        self.findings.append(discard(self.path, self.shown, reason))
        self.dirty = True  # write a good one at the end of the build

    def save(self) -> None:
        """Write the cache if it changed (atomically); leftovers of killed writers go."""
        if not self.dirty:
            return
        try:
            payload = json.dumps(self.entries, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate in some text: escape everything
            payload = json.dumps(self.entries).encode("ascii")
        write_entry(self.path, KIND, payload)
        self.dirty = False

    def get(
        self, slug: str, key: str, current: Callable[[str], str | None]
    ) -> RenderedArticle | None:
        """The cached render, if its key and every dependency's digest still match."""
        entry = self.entries.get(slug)
        if entry is None:
            return None
        try:
            deps = _checked_entry(entry)
            if entry["key"] != key or any(current(n) != v for n, v in deps.items()):
                return None
            return _from_json(entry["result"])
        except CacheDamaged as exc:
            reason = f"the entry of '{slug}' {exc.reason}"
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            reason = f"the entry of '{slug}' has the wrong shape ({type(exc).__name__})"
        del self.entries[slug]
        self.dirty = True
        self.findings.append(discard(self.path, self.shown, reason, delete=False))
        return None

    def put(
        self, slug: str, key: str, deps: dict[str, str | None], result: RenderedArticle
    ) -> None:
        self.entries[slug] = {"key": key, "deps": deps, "result": _to_json(result)}
        self.dirty = True

    def prune(self, keep: set[str]) -> None:
        for slug in set(self.entries) - keep:
            del self.entries[slug]
            self.dirty = True


def _to_json(result: RenderedArticle) -> dict[str, Any]:
    return {
        "slug": result.slug,
        "markdown": result.markdown,
        "metadata": result.metadata,
        "citations": [c.to_dict() for c in result.citations],
        "findings": [f.to_dict() for f in result.findings],
        "jsonld": result.jsonld,
    }


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise CacheDamaged(what)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _checked_entry(entry: Any) -> dict[str, Any]:
    """The entry's dependencies, after checking that the whole entry has the right shape."""
    _require(isinstance(entry, dict) and set(entry) == {"key", "deps", "result"}, "is not an entry")
    _require(isinstance(entry["key"], str), "has no key")
    deps = entry["deps"]
    _require(
        isinstance(deps, dict)
        and all(isinstance(k, str) and isinstance(v, str | None) for k, v in deps.items()),
        "has dependencies of the wrong shape",
    )
    result = entry["result"]
    _require(isinstance(result, dict) and set(result) == RESULT_FIELDS, "has no rendered article")
    _require(
        isinstance(result["slug"], str) and isinstance(result["markdown"], str),
        "has a slug or Markdown that is not text",
    )
    _require(isinstance(result["jsonld"], dict), "has JSON-LD that is not an object")
    metadata = result["metadata"]
    _require(isinstance(metadata, dict), "has metadata that is not an object")
    for name, types in METADATA_TYPES.items():
        _require(name not in metadata or isinstance(metadata[name], types), f"has a bad '{name}'")
    for name in METADATA_TEXT_LISTS:
        _require(name not in metadata or _is_text_list(metadata[name]), f"has a bad '{name}'")
    findings = result["findings"]
    _require(isinstance(findings, list), "has findings that are not a list")
    for f in findings:
        _require(
            isinstance(f, dict) and set(f) == FINDING_FIELDS, "has a finding of the wrong shape"
        )
        _require(
            all(isinstance(f[k], str) for k in ("code", "message", "hint", "path"))
            and f["severity"] in {s.value for s in Severity}
            and isinstance(f["file"], str | None)
            and (f["line"] is None or (isinstance(f["line"], int) and f["line"] >= 0)),
            "has a finding with a field of the wrong type",
        )
    citations = result["citations"]
    _require(isinstance(citations, list), "has citations that are not a list")
    for c in citations:
        _require(
            isinstance(c, dict) and set(c) == CITATION_FIELDS, "has a citation of the wrong shape"
        )
        _require(
            isinstance(c["number"], int)
            and isinstance(c["source_id"], str)
            and isinstance(c["source"], str)
            and isinstance(c["url"], str | None)
            and isinstance(c["published"], str | None)
            and isinstance(c["facts"], list)
            and all(
                isinstance(fact, dict) and all(isinstance(v, str) for v in fact.values())
                for fact in c["facts"]
            ),
            "has a citation with a field of the wrong type",
        )
    return deps


def _from_json(data: dict[str, Any]) -> RenderedArticle:
    findings = [Finding(**{**f, "severity": Severity(f["severity"])}) for f in data["findings"]]
    return RenderedArticle(
        slug=data["slug"],
        markdown=data["markdown"],
        metadata=data["metadata"],
        citations=[Citation(**c) for c in data["citations"]],
        findings=findings,
        jsonld=data["jsonld"],
    )


__all__ = ["CACHE_DIR", "RenderCache"]
