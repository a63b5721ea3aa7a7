"""A fast path for text whose only template syntax is the documented placeholders.

That is ``{{ fact.ID }}``, ``{{ fact.ID.FIELD }}``, ``{{ fragment.ID }}`` and
``{{ company.FIELD }}``, each field one that :mod:`.bodies` allows.

Most article bodies are prose with a few citations. Compiling each one with Jinja
costs more than everything else in a render; substituting the placeholders gives
the same output. Text with any other template syntax goes to Jinja, and so does a
placeholder this path cannot resolve (it raises :class:`NeedsJinja`), so that
errors are reported exactly as Jinja reports them.
"""

from __future__ import annotations

import re
from typing import Any

from ..html import markdown_text
from .bodies import company_fields
from .citations import any_fact_field

_PLACEHOLDER = re.compile(
    r"\{\{ ?(fact|fragment|company)\.([A-Za-z][A-Za-z0-9_]*)(?:\.([a-z][a-z_]*))? ?\}\}"
)
_TEMPLATE_SYNTAX = re.compile(r"\{[{%#]")


class NeedsJinja(Exception):
    """This text must be rendered by Jinja after all."""


class SimpleTemplate:
    """Literal text and placeholders, rendered by attribute lookups on the context."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[str | tuple[str, str, str | None]]):
        self.parts = parts

    def render(self, context: dict[str, Any]) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
                continue
            kind, name, attribute = part
            try:
                value = getattr(context[kind], name)
                if attribute is not None:
                    value = getattr(value, attribute)
            except AttributeError:
                raise NeedsJinja from None
            # As Jinja's finalize prints it: Markdown as it is, text escaped.
            if hasattr(value, "__html__"):
                out.append(value.__html__())
            else:
                out.append(markdown_text(value) if isinstance(value, str) else str(value))
        return "".join(out)


def _documented(kind: str, name: str, field: str | None) -> bool:
    if kind == "fact":
        return field is None or field in any_fact_field()
    if kind == "company":
        return field is None and name in company_fields()
    return field is None  # a fragment has no fields


def parse_simple(source: str) -> SimpleTemplate | None:
    """A SimpleTemplate for ``source``, or None if it needs Jinja."""
    parts: list[str | tuple[str, str, str | None]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(source):
        kind, name, field = match.groups()
        if not _documented(kind, name, field):
            return None  # Jinja's path checks it and says what is allowed
        parts.append(source[position : match.start()])
        parts.append((kind, name, field))
        position = match.end()
    parts.append(source[position:])
    for part in parts:
        if isinstance(part, str) and (
            _TEMPLATE_SYNTAX.search(part) or ("}}" in part and "{" in part)
        ):
            return None
    return SimpleTemplate(parts)
