"""The Jinja environment of a press room: sandboxed, strict, bounded, overridable.

One environment per press room (never module-global): a CMS can hold several
press rooms in one process. Templates in the project's ``templates/`` folder
override the defaults shipped in the package, file by file, like Material's
``custom_dir``. Everything a template could use to exhaust memory is bounded
here, step by step — operators, filters, loops and, in :meth:`PressroomEnvironment.call`,
the string methods that build a huge text in C before anything could measure it.
These bounds give clear findings; the guarantee for code nobody here wrote
(:func:`project_templates`, opted-in bodies) is the limited worker process it runs in
(:mod:`pressgen.build.workers`: memory, time, SIGKILL).
"""

from __future__ import annotations

import functools
import operator
import os
import re
from collections.abc import Callable, MutableMapping
from pathlib import Path
from types import BuiltinMethodType, FunctionType, MethodType
from typing import Any

from jinja2 import (
    BaseLoader,
    Environment,
    PackageLoader,
    StrictUndefined,
    Template,
    TemplateNotFound,
    nodes,
    pass_context,
)
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path
from jinja2.nodes import Concat
from jinja2.sandbox import ImmutableSandboxedEnvironment
from pydantic import BaseModel

from .. import codes
from ..errors import PressgenError
from ..findings import Finding
from ..html import markdown_text
from ..labels import Wording
from ..load.confined import MAX_FILE_BYTES, Area

MAX_OUTPUT_CHARS = 2_000_000
MAX_SEQUENCE = 100_000
MAX_LOOP_ITEMS = 100_000
# A width or precision of 10,000 or more, or one given by an argument ('%*s', '{:>{}}').
_WIDE_FORMAT = re.compile(
    r"%[-+ #0]*(?:\d{5,}|\*)|%[-+ #0]*\d*\.(?:\d{5,}|\*)|\{[^{}]*:[^{}]*(?:\d{5,}|\{)"
)
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
_BINOPS = {"*": operator.mul, "**": operator.pow, "+": operator.add, "%": operator.mod}


class OutputLimitError(SecurityError):
    """A template tried to produce more text, or loop more, than a page ever needs."""


def _too_long(size: int) -> None:
    if size > MAX_OUTPUT_CHARS:
        raise OutputLimitError(f"the text would be longer than {MAX_OUTPUT_CHARS:,} characters")


def _refuse_wide_format(text: object) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text):
        raise OutputLimitError("a format width this large is not allowed")


class _GuardedCodeGenerator(CodeGenerator):
    """Compile ``a ~ b`` through the environment so that its size can be bounded."""

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.guarded_concat((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class PressroomEnvironment(ImmutableSandboxedEnvironment):
    """Sandboxed and immutable; anything that could blow up memory is bounded."""

    code_generator_class = _GuardedCodeGenerator
    intercepted_binops = frozenset(_BINOPS)
    # In a limited worker process only: told of every template entered (an include
    # too), so that a render killed there is reported on the right file.
    watch: Callable[[Template], None] | None = None

    def get_template(
        self,
        name: str | Template,
        parent: str | None = None,
        globals: MutableMapping[str, Any] | None = None,
    ) -> Template:
        template = super().get_template(name, parent, globals)
        if self.watch is not None:
            self.watch(template)
        return template

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if operator_name == "**" and isinstance(right, int) and abs(right) > 64:
            raise OutputLimitError("exponent too large in a template")
        if operator_name == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(count, int)
                    and len(seq) * count > MAX_SEQUENCE
                ):
                    raise OutputLimitError("a repeated string or list would be too long")
        if (
            operator_name == "+"
            and isinstance(left, str | list | tuple)
            and isinstance(right, type(left))
        ):
            _too_long(len(left) + len(right))
        if operator_name == "%":
            _refuse_wide_format(left)
        return _BINOPS[operator_name](left, right)

    def call(
        __self,
        __context: Any,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        """Refuse, before they run, the calls that would build a huge text in C (where no
        time limit can stop them): a padding width, a format width, a join or replace
        that multiplies, and the content models' own methods (model_dump_json(indent=))."""
        _refuse_bomb(__obj, args, kwargs)
        return super().call(__context, __obj, *args, **kwargs)

    def guarded_concat(self, parts: tuple[Any, ...]) -> str:
        texts = [str(part) for part in parts]
        _too_long(sum(map(len, texts)))
        return "".join(texts)


def _refuse_bomb(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    kind = type(function)  # (types first: most calls are label(...), checked in no time)
    if kind is FunctionType:  # the sandbox hands out str.format wrapped in a function
        method = function.__dict__.get("__wrapped__")
        if method is None:
            return
    elif kind is BuiltinMethodType or kind is MethodType:
        method = function
    else:
        return
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if isinstance(owner, BaseModel):
        raise SecurityError(f"calling '{name}' of the content is not allowed; print its fields")
    if not isinstance(owner, str):
        return
    numbers = [v for v in (*args, *kwargs.values()) if isinstance(v, int)]
    if name in _PADDING_METHODS and any(n > MAX_OUTPUT_CHARS for n in numbers):
        raise OutputLimitError(f"'{name}' to a width of {max(numbers):,} characters")
    if name == "expandtabs":
        _too_long(len(owner) + owner.count("\t") * max(numbers or [8]))
    if name in ("format", "format_map"):
        _refuse_wide_format(owner)
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        old, new = args[0], str(args[1])
        _too_long(len(owner) + (owner.count(old) if old else len(owner) + 1) * len(new))
    if name == "join" and args and hasattr(args[0], "__len__"):
        items = args[0]
        _too_long(len(owner) * max(len(items) - 1, 0) + sum(len(str(i)) for i in items))


def _guard_filter(name: str, function: Any) -> Any:
    """Refuse huge numeric arguments and oversized results, for any filter."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            if (
                isinstance(value, int)
                and not isinstance(value, bool)
                and (abs(value) > MAX_SEQUENCE)
            ):
                raise OutputLimitError(f"the number {value} is too large for |{name}")
        if name == "format":
            _refuse_wide_format(next((a for a in args if isinstance(a, str)), None))
        if name == "replace":
            texts = [str(a) for a in args if isinstance(a, str)][-3:]
            if len(texts) == 3:
                text, old, new = texts
                extra = text.count(old) * (len(new) - len(old)) if old else len(text) * len(new)
                _too_long(len(text) + extra)
        result = function(*args, **kwargs)
        if isinstance(result, str):
            _too_long(len(result))
        return result

    return guarded


class LoopBudget:
    """``range()`` for one render: at most :data:`MAX_LOOP_ITEMS` items in all."""

    def __init__(self) -> None:
        self.left = MAX_LOOP_ITEMS

    def __call__(self, *args: int) -> range:
        items = range(*args)
        self.left -= len(items)
        if self.left < 0:
            raise OutputLimitError(f"loops may run at most {MAX_LOOP_ITEMS:,} times per page")
        return items


class TemplateRefused(TemplateNotFound, PressgenError):
    """A project template that may not be read (a link out of its folder, a pipe, a
    device, too large, not UTF-8): its finding names the template file."""

    def __init__(self, name: str, finding: Finding):
        TemplateNotFound.__init__(self, name, finding.message)
        self.finding = finding
        self.findings = [finding]


def _unchanged(path: str, mtime: float) -> bool:
    return os.path.lexists(path) and os.path.getmtime(path) == mtime


class ConfinedLoader(BaseLoader):
    """The project's template folders first, each read only from inside itself
    (:mod:`pressgen.load.confined`), then pressgen's own templates.

    A template that exists in a project folder but may not be read is refused with
    :class:`TemplateRefused`; it never falls back to pressgen's own template of that
    name, so the refusal cannot pass unnoticed.
    """

    def __init__(self, template_dirs: list[Path]):
        self.areas = [Area.of(d, Path(d).name) for d in template_dirs if d.is_dir()]
        self.package = PackageLoader("pressgen", "templates")

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        pieces = split_template_path(template)  # refuses '..'
        for area in self.areas:
            path = os.path.join(area.folder, *pieces)
            if not os.path.lexists(path):
                continue
            data, refused = area.read_bytes(path, limit=MAX_FILE_BYTES)
            if data is None:
                assert refused is not None
                raise TemplateRefused(template, refused)
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError:
                raise TemplateRefused(
                    template,
                    Finding(
                        code=codes.NOT_UTF8,
                        file=area.name_of(path),
                        message="the template is not UTF-8 text",
                        hint="save the file with the encoding 'UTF-8'",
                    ),
                ) from None
            return source, path, functools.partial(_unchanged, path, os.path.getmtime(path))
        return self.package.get_source(environment, template)


ARCHETYPES = "archetypes/"


@pass_context
def markdown_finalize(context: Any, value: Any) -> Any:
    """What a template prints goes into Markdown as text, escaped, unless it is
    Markdown already (``__html__``: fact views, bodies, fragments, labels, tojson).

    Archetypes are the exception: they write the source file an editor starts from
    (front matter and Markdown to edit), not a page, and quote their own values."""
    if (context.name or "").startswith(ARCHETYPES):
        return value
    if hasattr(value, "__html__"):
        return value.__html__()
    if isinstance(value, str):
        return markdown_text(value)
    return value


def make_environment(template_dirs: list[Path], wording: Wording) -> PressroomEnvironment:
    """Build the environment: project templates first, then the package defaults.

    The formatting filters speak the press room's locale through its labels.
    """
    env = PressroomEnvironment(
        loader=ConfinedLoader(template_dirs),
        undefined=StrictUndefined,
        autoescape=False,  # output is Markdown: text is escaped by markdown_finalize
        finalize=markdown_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals.pop("lipsum", None)  # lipsum(n) can produce any amount of text
    env.filters.update(
        ap_date=wording.short_date,
        long_date=wording.long_date,
        dateline=wording.dateline,
        money=lambda value, currency="USD", scale=None, display="symbol": wording.money(
            value, scale, currency, display
        ),
        percent=wording.percent,
        change=lambda value, basis="year on year", unit="percent": wording.change(
            value, unit, basis
        ),
        number=lambda value, scale=None: wording.amount(value, scale),
    )
    env.filters = {name: _guard_filter(name, f) for name, f in env.filters.items()}
    return env


PACKAGE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_NOT_RENDERED_WITH_ARTICLES = ("i18n/", "archetypes/")


def package_templates() -> list[str]:
    """The names of pressgen's page templates and partials (not label tables or
    archetypes): what a page render loads by name."""
    return sorted(
        name
        for name in (
            p.relative_to(PACKAGE_TEMPLATES).as_posix() for p in PACKAGE_TEMPLATES.rglob("*.j2")
        )
        if not name.startswith(_NOT_RENDERED_WITH_ARTICLES)
    )


def project_templates(template_dirs: list[Path]) -> list[str]:
    """The project's templates that replace one of :func:`package_templates`: code nobody
    here wrote. (A link among them counts too: the loader refuses it when it is read.)"""
    return [
        name
        for folder in template_dirs
        for name in package_templates()
        if (folder / name).exists() or (folder / name).is_symlink()
    ]


def compile_text(env: PressroomEnvironment, source: str | nodes.Template, name: str) -> Template:
    """Compile an article body or fragment (its text, or its syntax tree already parsed)
    as a template with a useful name."""
    code = env.compile(source, name=name, filename=name)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def render_limited(template: Template, context: dict[str, Any]) -> str:
    """Render, refusing output larger than :data:`MAX_OUTPUT_CHARS`."""
    parts: list[str] = []
    size = 0
    for chunk in template.generate(context):
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise OutputLimitError(f"the output is larger than {MAX_OUTPUT_CHARS:,} characters")
        parts.append(chunk)
    return "".join(parts)
