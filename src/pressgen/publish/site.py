"""The site folder on disk: built in a staging folder next to it, swapped in atomically.

MkDocs empties its ``site_dir`` before writing and ``--strict`` aborts only at the
end, so building in place could leave a half-written site. A build writes into a
staging folder instead, and :func:`swap` replaces the site only when it succeeded;
a failed or killed build leaves the previous site exactly as it was.

**Whose folders.** Staging happens in one dedicated folder next to the site,
``.pressgen-staging/``, marked as pressgen's by the file ``README.txt`` in it. Each
build works in ``.pressgen-staging/job-<pid>-<start>-<random>/`` (the process id
and its start time, so that a recycled process id is not taken for a live build).
Leftovers are removed only inside that marked folder, only in job folders of
processes that are gone — never anything else next to the site, whatever its
name (a user's ``.site-notes`` stays). A folder named ``.pressgen-staging`` that
is not marked and not empty is the user's: the build stops with PG910.

**No window without the site.** On Linux the new site and the old one trade places
in one ``renameat2(RENAME_EXCHANGE)`` system call (through ctypes): ``site/`` is the
old site, then the new one, and never missing. Where that call does not exist (other
systems, old kernels, file systems without it) the fallback is two renames: the old
site into the job folder, the new one into place — a window of microseconds in
which ``site/`` is missing. A build killed inside that window leaves the old site
in its job folder, and the next build puts it back (PG914) before anything else.

**Faults are findings.** A site folder that cannot be replaced (read-only, on another
file system) is PG907, a site folder that would replace the project's own files
(``--site-dir content``, a folder that is not a site) PG909, each with a hint.

This is publish logic, not command logic: it knows nothing of click or of MkDocs,
and any caller that produces a site (``pressgen build``, a CMS's publish hook) needs
the same guarantee. ``pressgen.commands.build`` drives MkDocs and calls it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import codes
from ..errors import PressgenError
from ..findings import Finding, Severity
from ..urls import SITEMAP

WORK_FOLDER = ".pressgen-staging"
MARK_FILE = "README.txt"
MARK = "pressgen staging folder"
MARK_TEXT = (
    f"{MARK}: `pressgen build` builds the site in a job folder here and swaps it in\n"
    "when the build succeeds. Job folders of builds that were interrupted are removed\n"
    "by the next build. You may delete this folder when no build is running.\n"
)
JOB_PREFIX = "job-"
BUILD_FOLDER = "site"
PREVIOUS_FOLDER = "previous"
LEGACY_PREFIX = ".site-"  # pressgen 0.1 staged in .site-XXXX folders holding this file
LEGACY_OWNER_FILE = ".pressgen-build-pid"
SITE_FILES = ("index.html", "404.html", SITEMAP)  # a folder holding one is a site

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV}


@dataclass
class Staging:
    """One build's job folder: ``site`` is where MkDocs writes; ``findings`` are the
    warnings of cleaning up after interrupted builds."""

    job: Path
    findings: list[Finding] = field(default_factory=list)

    @property
    def site(self) -> Path:
        return self.job / BUILD_FOLDER


def site_problem(code: str, target: Path, message: str, hint: str) -> PressgenError:
    return PressgenError([Finding(code=code, file=str(target), message=message, hint=hint)])


def unsafe_target(
    target: Path, keep: Sequence[Path], not_inside: Sequence[Path] = ()
) -> Finding | None:
    """A PG909 finding if replacing ``target`` would throw away files that are not a
    site: a file, a folder that is or holds one of the ``keep`` paths (the project,
    ``content/``, ``mkdocs.yml``), a folder inside one of ``not_inside`` (``content/``,
    ``templates/``), or a folder of other files."""
    target = Path(os.path.abspath(target))
    for path in map(Path, map(os.path.abspath, keep)):
        if path.is_relative_to(target):
            return _unsafe(target, f"would replace your own files ({path.name})")
    for path in map(Path, map(os.path.abspath, not_inside)):
        if target.is_relative_to(path):
            return _unsafe(target, f"would sit inside your own files ({path.name}/)")
    if os.path.lexists(target) and not target.is_dir():
        return Finding(
            code=codes.SITE_DIR_UNSAFE,
            file=str(target),
            message=f"{target} is a file, not a site folder; pressgen does not replace it",
            hint="move the file away, or give another --site-dir",
        )
    if (
        target.is_dir()
        and any(target.iterdir())
        and not any((target / name).is_file() for name in SITE_FILES)
    ):
        return Finding(
            code=codes.SITE_DIR_UNSAFE,
            file=str(target),
            message=f"{target} holds files but is not a built site (no index.html); "
            "pressgen replaces the whole site folder, so it does not build there",
            hint="give a new or empty folder to --site-dir, or move those files away",
        )
    return None


def _unsafe(target: Path, what: str) -> Finding:
    return Finding(
        code=codes.SITE_DIR_UNSAFE,
        file=str(target),
        message=f"the site folder {target} {what}",
        hint="build into a folder of its own: leave out --site-dir (site/ in the project) "
        "or give a new folder, e.g. --site-dir ../press-site",
    )


def staging_folder(target: Path) -> Staging:
    """A fresh job folder next to ``target`` to build into; interrupted builds' leftovers
    are removed first (and a site they had moved away is put back)."""
    work = target.parent / WORK_FOLDER
    findings = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _claim(work, target)
        findings = recover(target)
        job = work / f"{JOB_PREFIX}{os.getpid()}-{_started(os.getpid())}-{secrets.token_hex(4)}"
        job.mkdir()
        (job / BUILD_FOLDER).mkdir()
    except OSError as exc:
        raise _not_writable(target, exc) from None
    return Staging(job, findings)


def _claim(work: Path, target: Path) -> None:
    """Make sure ``work`` is pressgen's staging folder: create and mark it, or check
    its mark; a user's folder of that name is never used (PG910)."""
    mark = work / MARK_FILE
    if not os.path.lexists(work):
        with contextlib.suppress(FileExistsError):
            work.mkdir()
    if work.is_symlink() or not work.is_dir() or (not _marked(mark) and any(work.iterdir())):
        raise PressgenError(
            [
                Finding(
                    code=codes.STAGING_IN_THE_WAY,
                    file=str(work),
                    message=f"{work.name} next to the site folder is not pressgen's "
                    "staging folder (it has no pressgen README.txt), so pressgen does not "
                    "build in it",
                    hint=f"rename your folder {work.name}, or build elsewhere with --site-dir",
                )
            ]
        )
    if not _marked(mark):
        mark.write_text(MARK_TEXT, encoding="utf-8")


def _marked(mark: Path) -> bool:
    try:
        with mark.open("rb") as handle:
            return handle.read(len(MARK)) == MARK.encode()
    except OSError:
        return False


def recover(target: Path) -> list[Finding]:
    """Clean up after builds that were killed: put back a site one of them had moved
    away (the fallback swap's window), then delete their job folders.

    Only job folders inside the marked staging folder whose process is gone are
    touched, plus pressgen 0.1's ``.site-*`` folders that hold its owner file."""
    found: list[Finding] = []
    work = target.parent / WORK_FOLDER
    if _marked(work / MARK_FILE):
        for job in sorted(work.glob(f"{JOB_PREFIX}*")):
            if not job.is_dir() or job.is_symlink() or _job_alive(job.name):
                continue
            previous = job / PREVIOUS_FOLDER / target.name
            if previous.is_dir() and not os.path.lexists(target):
                os.rename(previous, target)
                found.append(
                    _recovered(
                        target,
                        f"{target.name}/ was put back from a build that was "
                        "interrupted while it swapped the site",
                    )
                )
            shutil.rmtree(job, ignore_errors=True)
    for legacy in target.parent.glob(f"{LEGACY_PREFIX}*"):
        owner = legacy / LEGACY_OWNER_FILE
        if legacy.is_symlink() or not owner.is_file():
            continue  # not pressgen's: never touched, whatever its name
        try:
            pid = int(owner.read_text().strip())
        except (OSError, ValueError):
            continue
        if _pid_alive(pid):
            continue
        if legacy.name.startswith(f"{LEGACY_PREFIX}old-") and not os.path.lexists(target):
            with contextlib.suppress(OSError):
                os.rename(legacy / BUILD_FOLDER, target)  # 0.1 was killed mid-swap
        shutil.rmtree(legacy, ignore_errors=True)
    return found


def _recovered(target: Path, message: str) -> Finding:
    return Finding(
        code=codes.BUILD_RECOVERED,
        severity=Severity.WARNING,
        file=str(target),
        message=message,
        hint="nothing to fix: the previous build was stopped before it finished; "
        "this build replaces the site as usual",
    )


def _job_alive(name: str) -> bool:
    """Is the build that made job folder ``job-<pid>-<start>-<random>`` still running?"""
    parts = name[len(JOB_PREFIX) :].split("-")
    if len(parts) != 3 or not parts[0].isdigit():
        return True  # not a name pressgen makes: leave it alone
    pid = int(parts[0])
    if not _pid_alive(pid):
        return False
    return parts[1] in {"0", _started(pid)}  # the same process, not a recycled pid


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists; we may not signal it
    return True


def _started(pid: int) -> str:
    """When a process started (clock ticks since boot, from /proc), or "0" if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return "0"


def discard(staging: Staging) -> None:
    """Throw away a job folder: a failed build, or the old site after a swap."""
    shutil.rmtree(staging.job, ignore_errors=True)


def swap(staging: Staging, target: Path) -> None:
    """Put the built site in place of ``target``, never leaving ``target`` missing
    (where the system can exchange two folders) and never half-written."""
    new = staging.site
    try:
        if not os.path.lexists(target):
            _rename(new, target)
        elif _exchange(new, target):
            pass  # the old site is now in the job folder, which is discarded
        else:
            previous = staging.job / PREVIOUS_FOLDER
            previous.mkdir()
            _rename(target, previous / target.name)
            try:
                _rename(new, target)
            except OSError:
                _rename(previous / target.name, target)
                raise
    except OSError as exc:
        raise _not_writable(target, exc) from None


def _rename(source: Path, destination: Path) -> None:
    os.rename(source, destination)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2`` with ``RENAME_EXCHANGE``).

    False where the system or the file system cannot (then the caller falls back);
    an OSError for a real failure such as a permission."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False  # a C library without renameat2 (glibc < 2.28, musl < 1.2.?)
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    number = ctypes.get_errno()
    if number in _UNSUPPORTED:
        return False
    raise OSError(number, os.strerror(number), str(second))


def _not_writable(target: Path, exc: OSError) -> PressgenError:
    reason = exc.strerror or str(exc)
    return site_problem(
        codes.SITE_NOT_WRITABLE,
        target,
        f"the site folder {target} cannot be written or replaced: {reason}",
        f"make {target.name}/ and the folder around it writable for you (chmod -R u+w), "
        "or build into another folder with --site-dir",
    )
