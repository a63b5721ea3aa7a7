"""How a command stops: the click side of :mod:`pressgen.errors`, and the one place
findings are printed before an exit.

Findings are printed with rich markup **off**: a message or file name may quote content
(``[/x]``, ``[bold]``) and must print exactly as written.
"""

from __future__ import annotations

import traceback
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

import click

from .. import codes
from ..errors import ExitCode, PressgenError
from ..findings import Finding

if TYPE_CHECKING:  # rich is imported only when something is printed
    from rich.console import Console


class FindingsExit(PressgenError, click.ClickException):
    """Stop a command: print its findings, then ``note`` if any, and exit with ``exit_code``.

    Raised by ``pressgen.commands``; click calls :meth:`show` and exits, so printing and
    exiting happen here only.
    """

    def __init__(
        self, findings: Iterable[Finding], exit_code: int = ExitCode.CONTENT, *, note: str = ""
    ):
        super().__init__(findings)
        self.exit_code = int(exit_code)  # type: ignore[misc]  # click declares a ClassVar
        self.note = note

    def format_message(self) -> str:
        return "\n".join([*(str(f) for f in self.findings), self.note]).strip()

    def show(self, file: IO[str] | None = None) -> None:
        console = _console(file)
        print_findings(self.findings, console)
        if self.note:
            console.print(self.note)


class InternalError(FindingsExit):
    """An exception pressgen did not expect: a bug, never a problem of the content.

    Shown as one PG999 finding asking for a report; the traceback only with ``--debug``
    (or ``PRESSGEN_DEBUG=1``), printed to stderr before the finding.
    """

    def __init__(self, original: BaseException, *, debug: bool = False):
        self.original = original
        self.debug = debug
        detail = f"{type(original).__name__}: {original}".rstrip(": ")
        super().__init__(
            [
                Finding(
                    code=codes.INTERNAL_ERROR,
                    message=f"internal error ({detail})",
                    hint="this is a bug in pressgen, not in your content: please report it "
                    "with the traceback that 'pressgen --debug ...' prints",
                )
            ],
            ExitCode.INTERNAL,
        )

    def show(self, file: IO[str] | None = None) -> None:
        if self.debug:
            click.echo(
                "".join(traceback.format_exception(self.original)).rstrip(), file=file, err=True
            )
        super().show(file)


def print_findings(findings: Sequence[Finding], console: Console | None = None) -> None:
    """All findings at once, grouped by file, errors first within each file (to stderr).

    Text is printed literally: styles are applied to :class:`rich.text.Text` spans, never
    by parsing markup or emoji codes out of a message.
    """
    from rich.text import Text

    if not findings:
        return
    console = console or _console()
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file or "<input>"].append(finding)
    for file in sorted(by_file):
        console.print(Text(file, style="bold"))
        for f in sorted(by_file[file], key=lambda f: (not f.is_error, f.line or 0, f.code)):
            where = f"line {f.line}" if f.line is not None else "file"
            field = f" ({f.path})" if f.path else ""
            console.print(
                Text.assemble(
                    "  ",
                    (f"{f.severity} {f.code}", "red" if f.is_error else "yellow"),
                    f" {where}{field}: {f.message}",
                )
            )
            if f.hint:
                console.print(Text(f"      fix: {f.hint}"))
    errors = sum(f.is_error for f in findings)
    console.print(
        Text(f"{errors} error(s), {len(findings) - errors} warning(s) in {len(by_file)} file(s)")
    )


def _console(file: IO[str] | None = None) -> Console:
    """A console for diagnostics: stderr (unless ``file``), no markup, emoji or highlighting."""
    from rich.console import Console

    return Console(
        file=file, stderr=file is None, highlight=False, soft_wrap=True, markup=False, emoji=False
    )
