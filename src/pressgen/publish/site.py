"""The site folder on disk: built in a staging folder next to it, swapped in by two renames.

MkDocs empties its ``site_dir`` before writing and ``--strict`` aborts only at the
end, so building in place could leave a half-written site. A build writes into
:func:`staging_folder` instead, and :func:`swap` replaces the site only when it
succeeded; a failed or killed build leaves the previous site exactly as it was.

This is publish logic, not command logic: it is about how the published site is
replaced on disk, knows nothing of click or of the command line, and any caller
that produces a site (``pressgen build``, a CMS's publish hook) needs the same
guarantee. ``pressgen.commands.build`` drives MkDocs and calls it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

STAGING_PREFIX = ".site-"
OWNER_FILE = ".pressgen-build-pid"


def staging_folder(target: Path) -> Path:
    """A fresh folder next to ``target`` to build into, marked with this process's id.

    Staging folders left by killed builds are removed first.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target.parent)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.parent))
    (staging / OWNER_FILE).write_text(str(os.getpid()))
    return staging


def remove_stale_staging(folder: Path) -> list[Path]:
    """Delete staging folders left by builds that were killed (their process is gone)."""
    removed = []
    for candidate in folder.glob(f"{STAGING_PREFIX}*"):
        owner = candidate / OWNER_FILE  # MkDocs keeps hidden files when it cleans
        try:
            pid = int(owner.read_text().strip())
            os.kill(pid, 0)
            continue  # its build is still running
        except (OSError, ValueError):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def discard(staging: Path) -> None:
    """Throw away a staging folder whose build failed."""
    shutil.rmtree(staging, ignore_errors=True)


def swap(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``: two renames, never a half-written site."""
    (staging / OWNER_FILE).unlink(missing_ok=True)
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}old-", dir=target.parent))
        (old / OWNER_FILE).write_text(str(os.getpid()))
        os.rename(target, old / "site")
    os.rename(staging, target)
    os.chmod(target, 0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
