"""The Jinja environment of a press room: sandboxed, strict, with overridable templates.

One environment per press room (never module-global): a CMS can hold several
press rooms in one process. Templates in the project's ``templates/`` folder
override the defaults shipped in the package, file by file, like Material's
``custom_dir``.
"""

from __future__ import annotations

import operator
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    Template,
)
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import formatting as fmt

MAX_OUTPUT_CHARS = 2_000_000
MAX_SEQUENCE = 100_000


class PressroomEnvironment(ImmutableSandboxedEnvironment):
    """Sandboxed and immutable; arithmetic that could blow up memory is bounded."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("exponent too large in a template")
        if operator_name == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(count, int)
                    and (len(seq) * count > MAX_SEQUENCE)
                ):
                    raise SecurityError("a repeated string or list would be too long")
        if (
            operator_name == "+"
            and isinstance(left, str | list | tuple)
            and isinstance(right, type(left))
            and len(left) + len(right) > MAX_OUTPUT_CHARS
        ):
            raise SecurityError("a joined string would be too long")
        return {"*": operator.mul, "**": operator.pow, "+": operator.add}[operator_name](
            left, right
        )


def make_environment(template_dirs: list[Path], locale: str) -> PressroomEnvironment:
    """Build the environment: project templates first, then the package defaults."""
    loaders: list[Any] = [FileSystemLoader([str(d) for d in template_dirs if d.is_dir()])]
    loaders.append(PackageLoader("pressgen", "templates"))
    env = PressroomEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=False,  # output is Markdown; fact views escape their own text
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(
        ap_date=lambda value: fmt.format_ap_date(value, locale),
        long_date=lambda value: fmt.format_long_date(value, locale),
        dateline=lambda city, value: fmt.format_dateline(city, value, locale),
        money=lambda value, currency="USD", scale=None, display="symbol": fmt.format_money(
            value, scale, currency, locale, display
        ),
        percent=lambda value: fmt.format_percentage(value, locale),
        change=lambda value, basis="year on year", unit="percent": fmt.format_change(
            value, unit, basis, locale
        ),
        number=lambda value, scale=None: fmt.format_amount(value, scale, locale),
    )
    return env


def compile_text(env: PressroomEnvironment, source: str, name: str) -> Template:
    """Compile an article body or fragment (user text) as a template with a useful name."""
    code = env.compile(source, name=name, filename=name)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def render_limited(template: Template, context: dict[str, Any]) -> str:
    """Render, refusing output larger than :data:`MAX_OUTPUT_CHARS`."""
    parts: list[str] = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise SecurityError(f"the output is larger than {MAX_OUTPUT_CHARS:,} characters")
        parts.append(chunk)
    return "".join(parts)
