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
        content = room.content
        out.print(
            f"ok: {len(content.articles)} article(s), {len(content.facts)} fact(s), "
            f"{len(content.sources)} source(s), {len(content.fragments)} fragment(s) checked"
        )
        return
    stop_on_errors(findings)
    out.print("ok (with warnings)")
