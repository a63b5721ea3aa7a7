"""A fast path for text whose only template syntax is fact and fragment placeholders.

That is ``{{ fact.ID }}``, ``{{ fact.ID.attr }}`` and ``{{ fragment.ID }}``.

Most article bodies are prose with a few citations. Compiling each one with Jinja
costs more than everything else in a render; substituting the placeholders gives
the same output. Text with any other template syntax goes to Jinja, and so does a
placeholder this path cannot resolve (it raises :class:`NeedsJinja`), so that
errors are reported exactly as Jinja reports them.
"""

from __future__ import annotations

import re
from typing import Any

_PLACEHOLDER = re.compile(
    r"\{\{ ?(fact|fragment)\.([A-Za-z][A-Za-z0-9_]*)(?:\.([a-z][a-z_]*))? ?\}\}"
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
            out.append(str(value))
        return "".join(out)


def parse_simple(source: str) -> SimpleTemplate | None:
    """A SimpleTemplate for ``source``, or None if it needs Jinja."""
    parts: list[str | tuple[str, str, str | None]] = []
    position = 0
    for match in _PLACEHOLDER.finditer(source):
        parts.append(source[position : match.start()])
        parts.append((match.group(1), match.group(2), match.group(3)))
        position = match.end()
    parts.append(source[position:])
    for part in parts:
        if isinstance(part, str) and (
            _TEMPLATE_SYNTAX.search(part) or ("}}" in part and "{" in part)
        ):
            return None
    return SimpleTemplate(parts)
