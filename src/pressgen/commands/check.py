"""``pressgen check``: check all content and print every finding with its file and line."""

from __future__ import annotations

from pathlib import Path

from ..pressroom import Pressroom
from ._output import out, stop_on_errors


def check(project: Path) -> None:
    """Say what was checked, or stop with the findings (exit 1 if any is an error)."""
    room = Pressroom.from_path(project)
    findings = room.check()
    if not findings:
        out.print(
            f"ok: {len(room.articles)} article(s), {len(room.facts)} fact(s), "
            f"{len(room.sources)} source(s), {len(room.fragments)} fragment(s) checked"
        )
        return
    stop_on_errors(findings)
    out.print("ok (with warnings)")
