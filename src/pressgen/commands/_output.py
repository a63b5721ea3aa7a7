"""What every verb shares: the consoles, stopping on errors, reporting a created file.

The consoles never interpret rich markup or emoji codes: what pressgen prints may
quote content (``[bold]``, ``:tag:``), and it must appear exactly as written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from ..errors import ExitCode, PressgenError
from ..findings import Finding
from .errors import FindingsExit, print_findings

out = Console(highlight=False, soft_wrap=True, markup=False, emoji=False)
err = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def stop_on_errors(findings: Sequence[Finding], exit_code: int = ExitCode.CONTENT) -> None:
    """Stop with the findings if any is an error; otherwise print the warnings, if any."""
    if any(f.is_error for f in findings):
        raise FindingsExit(findings, exit_code)
    print_findings(findings, err)


def created(make: Callable[[], Path], project: Path, next_step: str) -> None:
    """Run what creates a file; say where it is and what to do next (exit 2 if refused)."""
    try:
        path = make()
    except PressgenError as exc:
        raise FindingsExit(exc.findings, ExitCode.USAGE) from exc
    out.print(f"created {path.relative_to(project.resolve()) if path.is_absolute() else path}")
    out.print(next_step)
