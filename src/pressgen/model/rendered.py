"""The result of rendering one article: a value that render makes and check, build,
publish and export read (so that render and check never import each other)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from ..findings import Finding
from ..html import markdown_to_html


@dataclass
class Citation:
    """One numbered source in an article's Sources list, with the facts cited from it."""

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
    """The result of rendering one article; nothing is written to disk.

    ``texts`` holds the reader-visible texts (title, summary, body after citation)
    for the rendered-article rules; the build drops them once the rules have run.
    """

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

    def copy(self) -> RenderedArticle:
        """A deep copy: what a caller changes never reaches a cached result.

        The parts are JSON-like (dicts, lists, strings, numbers) or immutable, so a
        plain recursive copy does (several times faster than ``copy.deepcopy``).
        """
        twin = RenderedArticle(
            slug=self.slug,
            markdown=self.markdown,
            metadata=_copied(self.metadata),
            citations=[dataclasses.replace(c, facts=_copied(c.facts)) for c in self.citations],
            findings=list(self.findings),  # findings are frozen
            texts=dict(self.texts),
            jsonld=_copied(self.jsonld),
        )
        if "html" in self.__dict__:
            twin.__dict__["html"] = self.__dict__["html"]
        return twin


J = TypeVar("J")


def _copied(value: J) -> J:
    if isinstance(value, dict):
        return {k: _copied(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, list):
        return [_copied(v) for v in value]  # type: ignore[return-value]
    return value
