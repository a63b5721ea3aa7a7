"""``pressgen export``: one article as a newswire takes it (plain text or IPTC ninjs)."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import codes
from ..errors import ExitCode, PressgenError
from ..export import export_article
from ..findings import Finding
from ..load.files import create_file
from ..model import parse_now
from ..pressroom import Pressroom
from ._output import err, out, stop_on_errors
from .errors import FindingsExit, print_findings


def export(
    project: Path, key: str, fmt_name: str, *, output: Path | None = None, now: str | None = None
) -> None:
    """Print the export, or write it to ``output`` (which must not exist yet)."""
    room = Pressroom.from_path(project)
    stop_on_errors(room.errors)
    try:
        moment = parse_now(now, room.settings.zone)
    except ValueError:
        raise FindingsExit(
            [
                Finding(
                    code=codes.USAGE,
                    message=f"--now '{now}' is not a date and time with a time zone",
                    hint="write it like 2026-01-15T09:00+08:00",
                )
            ],
            ExitCode.CONTENT,
        ) from None
    try:
        result = export_article(room, key, fmt_name, now=moment)  # type: ignore[arg-type]
    except PressgenError as exc:
        raise FindingsExit(exc.findings, ExitCode.CONTENT) from exc
    print_findings([f for f in result.findings if not f.is_error], err)
    if output is None:
        sys.stdout.write(result.content)
        return
    try:
        create_file(
            output,
            result.content,
            shown=str(output),
            message=f"{output} already exists; pressgen never overwrites a file",
            hint="choose another --output name or remove the old file first",
        )
    except PressgenError as exc:
        raise FindingsExit(exc.findings, ExitCode.CONTENT) from exc
    except OSError as exc:
        raise FindingsExit([_not_writable(output, exc)], ExitCode.USAGE) from None
    out.print(f"wrote {output}")


def _not_writable(output: Path, exc: OSError) -> Finding:
    """PG908: the --output file cannot be made (no such folder, a file in the way, no
    permission, a full disk), said in plain words."""
    folder = output.parent if str(output.parent) not in {"", "."} else Path(".")
    if not folder.exists():
        problem, hint = (
            f"the folder {folder} does not exist",
            f"create the folder first (mkdir -p {folder}) or choose another --output",
        )
    elif not folder.is_dir():
        problem, hint = (
            f"{folder} is a file, not a folder",
            "choose an --output inside a folder",
        )
    elif output.is_dir():
        problem, hint = (
            f"{output} is a folder",
            "give a file name, e.g. --output release.txt",
        )
    else:
        problem, hint = (
            exc.strerror or str(exc),
            f"choose an --output in a folder you can write to, or make {folder} writable",
        )
    return Finding(
        code=codes.OUTPUT_NOT_WRITABLE,
        file=str(output),
        message=f"cannot write {output}: {problem}",
        hint=hint,
    )
