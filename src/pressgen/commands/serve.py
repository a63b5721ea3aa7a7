"""``pressgen serve``: preview the site with MkDocs' live-reloading server."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import ExitCode
from ..pressroom import Pressroom
from .errors import FindingsExit


def serve(project: Path, *, dev_addr: str, drafts: bool = False) -> None:
    """Serve ``project``; refuse to start while the content has errors."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    room = Pressroom.from_path(project)
    if room.errors:
        raise FindingsExit(room.errors, ExitCode.CONTENT)
    if drafts:
        os.environ["PRESSGEN_DRAFTS"] = "1"
    mkdocs_serve(config_file=str(project / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
