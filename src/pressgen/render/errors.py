"""Turning Jinja exceptions into located findings (file and line of the user's file)."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from .. import codes
from ..findings import Finding, Location
from .citations import CitationProblem
from .environment import OutputLimitError, TemplateRefused
from .time_limit import RenderTimeout


@dataclass(frozen=True)
class SourceName:
    """How a compiled template's name maps back to a file line."""

    file: str
    line_of_first: int | Callable[[], int | None] = 1  # a number, or how to find it

    @property
    def first_line(self) -> int:
        """File line of the template's line 1 (looked up only when an error needs it)."""
        value = self.line_of_first
        return (value() or 1) if callable(value) else value


def _frame_line(
    exc: BaseException, names: dict[str, SourceName], display: Callable[[str], str]
) -> tuple[SourceName, int] | None:
    """The innermost template frame: Jinja rewrites frames to template file and line."""
    found = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        name = frame.f_code.co_filename
        if name in names:
            found = (names[name], lineno)
        elif name.endswith(".j2"):
            found = (SourceName(display(name)), lineno)
    return found


def finding_from_exception(
    exc: Exception,
    names: dict[str, SourceName],
    default: SourceName,
    display: Callable[[str], str] = str,
) -> Finding:
    """A finding for any exception raised while rendering user templates."""
    if isinstance(exc, CitationProblem | TemplateRefused):
        return exc.finding
    where = _frame_line(exc, names, display)
    if isinstance(exc, TemplateSyntaxError):
        src = names.get(exc.filename or "") or names.get(exc.name or "")
        if src is None:
            src = SourceName(display(exc.filename)) if exc.filename else default
        return Finding(
            code=codes.TEMPLATE_SYNTAX,
            file=src.file,
            line=(exc.lineno or 1) + src.first_line - 1,
            message=f"template syntax error: {exc.message}",
            hint="check that every '{{' has its '}}' and every '{%' its '%}'",
        )
    line: int | None = None
    src = default
    if where is not None:
        src, line = where[0], where[1] + where[0].first_line - 1
    # The sandbox reports an unsafe attribute as undefined; it is a refusal all the same.
    refused = isinstance(exc, UndefinedError) and "unsafe" in str(exc)
    for kind, code, describe, hint in _RUNTIME_ERRORS:
        if (kind is SecurityError) if refused else isinstance(exc, kind):
            return Finding(code=code, file=src.file, line=line, message=describe(exc), hint=hint)
    raise AssertionError("unreachable: Exception is the last entry")  # pragma: no cover


# Runtime exceptions in the order they are tried: (type, code, message, hint).
_RUNTIME_ERRORS: list[tuple[type[Exception], str, Callable[[Exception], str], str]] = [
    (
        OutputLimitError,
        codes.OUTPUT_TOO_LARGE,
        lambda e: f"too much output: {e}",
        "look for a loop or repetition that runs away",
    ),
    (
        RenderTimeout,
        codes.RENDER_TIMEOUT,
        lambda e: "rendering took longer than the time limit (render_timeout_s in settings.yml)",
        "look for loops inside loops; a page should render in milliseconds",
    ),
    (
        MemoryError,
        codes.RENDER_MEMORY,
        lambda e: "rendering needed more memory than a page may use",
        "look for text or lists that grow without bound (a huge width, repetition or number)",
    ),
    (
        OverflowError,
        codes.OUTPUT_TOO_LARGE,
        lambda e: f"a number or range is too large: {e}",
        "use smaller numbers",
    ),
    (
        RecursionError,
        codes.RENDER_FAILED,
        lambda e: "templates or fragments call each other without end",
        "check that no macro or fragment includes itself",
    ),
    (
        UndefinedError,
        codes.UNDEFINED,
        lambda e: f"{getattr(e, 'message', e)} (a misspelt name in {{{{ }}}}?)",
        "facts are written {{ fact.ID }} and fragments {{ fragment.ID }}; check the spelling",
    ),
    (
        SecurityError,
        codes.SANDBOX,
        lambda e: f"not allowed in a template: {e}",
        "templates may only format content; remove this expression",
    ),
    (
        TemplateNotFound,
        codes.TEMPLATE_NOT_FOUND,
        lambda e: f"the template '{getattr(e, 'name', e)}' does not exist",
        "check the name against templates/ and the defaults of pressgen",
    ),
    (
        Exception,
        codes.RENDER_FAILED,
        lambda e: f"rendering failed: {type(e).__name__}: {e}",
        "check the expression on this line",
    ),
]


def limit_finding(
    kind: str,
    seconds: float,
    memory_mb: int,
    where: Location,
    status: int | None = None,
) -> Finding:
    """The finding for a render stopped by its worker process's limits (see
    :func:`pressgen.build.workers.map_limited`), at the file it last entered."""
    if kind == "time":
        return where.finding(
            codes.RENDER_TIMEOUT,
            f"rendering did not finish within {seconds:g} seconds and was stopped "
            "(render_timeout_s in settings.yml)",
            "look for loops inside loops or huge numbers (9**9**9); a page renders in milliseconds",
        )
    if kind == "memory":
        return where.finding(
            codes.RENDER_MEMORY,
            f"rendering needed more than {memory_mb} MB of memory and was stopped",
            "look for text or lists that grow without bound (a huge width, repetition or number)",
        )
    return where.finding(
        codes.RENDER_CRASHED,
        f"the render process stopped unexpectedly (exit status {status})",
        "look for templates or fragments that include each other without end; if the "
        "text is ordinary, report this as a bug in pressgen",
    )
