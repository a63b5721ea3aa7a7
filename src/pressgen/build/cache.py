"""A content-hash cache of rendered articles, so that a build re-renders only what changed.

Stored as JSON under ``.pressgen-cache/`` (git-ignored), with the pressgen version
and a checksum: a cache that is corrupt, unreadable or from another version is
ignored and rebuilt, never trusted. JSON, not pickle, so that a tampered cache
file cannot run code.

An entry is valid when the article's own text, everything that affects every
article (settings, company, editors, templates, rule sets, tags, the date) and
the digest of each fact, source and fragment it used are all unchanged.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..digests import digest_bytes
from ..findings import Finding, Severity
from ..model import Citation, RenderedArticle
from ..version import __version__

CACHE_DIR = ".pressgen-cache"
FORMAT = 1


class RenderCache:
    """Rendered articles of one project, keyed by slug, with what each depended on."""

    def __init__(self, root: Path):
        self.path = root / CACHE_DIR / f"renders-{FORMAT}.json"
        self.entries: dict[str, dict[str, Any]] = {}
        self.dirty = False
        self.loaded_ok = False
        self._load()

    def _load(self) -> None:
        """Header line (version, format, checksum of the rest), then the entries as JSON."""
        try:
            header_line, _, body = self.path.read_bytes().partition(b"\n")
            header = json.loads(header_line)
            if header.get("version") != __version__ or header.get("format") != FORMAT:
                return
            if header.get("checksum") != digest_bytes(body):
                return
            entries = json.loads(body)
            if isinstance(entries, dict):
                self.entries = entries
                self.loaded_ok = True
        except (OSError, ValueError, AttributeError):
            self.entries = {}

    def save(self) -> None:
        if not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps(self.entries, ensure_ascii=False).encode("utf-8")
        header = {
            "version": __version__,
            "format": FORMAT,
            "checksum": digest_bytes(body),
        }
        handle, temp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(json.dumps(header).encode() + b"\n" + body)
        os.replace(temp, self.path)  # atomic: a killed build leaves the old cache
        self.dirty = False

    def get(
        self, slug: str, key: str, current: Callable[[str], str | None]
    ) -> RenderedArticle | None:
        """The cached render, if its key and every dependency's digest still match."""
        entry = self.entries.get(slug)
        if not isinstance(entry, dict) or entry.get("key") != key:
            return None
        deps = entry.get("deps")
        if not isinstance(deps, dict) or any(current(n) != v for n, v in deps.items()):
            return None
        try:
            return _from_json(entry["result"])
        except (KeyError, TypeError, ValueError, AttributeError):
            return None  # an entry of the wrong shape is rebuilt, never trusted

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
