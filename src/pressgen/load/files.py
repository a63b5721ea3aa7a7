"""Creating files in a press room: never overwriting what a person wrote.

``pressgen new``, ``pressgen translate`` and ``pressgen export -o`` write through here.
"""

from __future__ import annotations

from pathlib import Path

from .. import codes
from ..errors import PressgenError
from ..findings import Finding


def create_file(path: Path, text: str, *, shown: str, message: str, hint: str) -> None:
    """Write a new file; if it exists, raise a finding instead: nothing a user wrote is
    ever overwritten (exclusive create, so no race between a check and the write)."""
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise PressgenError(
            [Finding(code=codes.USAGE, file=shown, message=message, hint=hint)]
        ) from None
