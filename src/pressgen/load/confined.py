"""Confinement: a project's files are read only from inside the project.

As in Hugo's security model, content sees a virtual file system made of the
project's own folders (an :class:`Area`: ``content/``, each template folder), and
a build that would need anything outside fails with a finding that says what is
wrong and how to fix it. The rules, in one place:

- A path that leaves its area by ``..`` or by being absolute is refused before the
  file system is asked anything about it.
- A **symbolic link** is followed only if its real path (every link on the way
  resolved) stays inside the area: ``content/images/logo.png → brand/logo-2026.png``
  is fine; ``content/images/x.png → /etc/passwd`` or ``→ ../../../secret`` is a
  located error (PG115), never followed. Inside the area a link can reach nothing a
  content writer could not copy there by hand, so following it costs no safety.
  The area's own folder may itself be a link (a site owner's layout, as Hugo allows
  for its root folders): its target is then the area.
- A **linked folder** inside an area is not followed (PG117): a folder link can make
  a walk endless (a link to its own parent, or to ``/proc/self/root``) and would let
  one link bring a whole tree in.
- Only **regular files** are read (PG116): a named pipe, a device (``/dev/zero``), a
  socket or a folder is refused. Files are opened with ``O_NONBLOCK`` (a pipe never
  blocks the open), checked again on the open descriptor, and read with a size limit
  (at most ``limit + 1`` bytes are ever read).
- No message quotes a refused file's contents, nor the real path a link resolves
  to: a finding names the file, the link as it is written and the area it leaves.

Races (a file swapped between the check and the read) are closed as far as cheap:
the descriptor that is read is the one that was checked (``O_NOFOLLOW`` on the
resolved path, device and inode compared).
"""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import codes
from ..findings import Finding

MAX_FILE_BYTES = 1_000_000  # text a person writes: an article, a fact file, a template
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


@dataclass(frozen=True, slots=True)
class Area:
    """A folder of the project that files may be read from, and how findings name it."""

    folder: str  # absolute and normalised, as the project names it (…/project/content)
    real: str  # the same folder with every link resolved: the boundary
    shown: str  # how findings name the folder: "content", "templates"

    @classmethod
    def of(cls, folder: Path | str, shown: str | None = None) -> Area:
        absolute = os.path.normpath(os.path.abspath(folder))
        return cls(absolute, os.path.realpath(absolute), shown or absolute)

    # ---------------------------------------------------------------- naming
    def name_of(self, path: Path | str) -> str:
        """How a finding names ``path``: ``content/images/x.png`` (never a real path)."""
        full = self._lexical(path)
        if _inside(full, self.folder):
            rest = os.path.relpath(full, self.folder)
            return self.shown if rest == "." else f"{self.shown}/{Path(rest).as_posix()}"
        return str(path)

    def _lexical(self, path: Path | str) -> str:
        return os.path.normpath(os.path.join(self.folder, path))

    # ---------------------------------------------------------------- checks
    def check(
        self, path: Path | str, shown: str | None = None
    ) -> tuple[str | None, Finding | None]:
        """The real path of a regular file inside the area, or the finding that refuses it.

        ``path`` is absolute or relative to the area. Nothing is opened.
        """
        if "\x00" in str(path):  # no file system has such a name
            return None, Finding(
                code=codes.FILE_UNREADABLE,
                file=self.shown,
                message=f"{str(path)!r} is not a file name: it holds a NUL character",
                hint="write the file's name without control characters, e.g. images/chart.png",
            )
        full = self._lexical(path)
        shown = shown or self.name_of(path)
        if not _inside(full, self.folder):
            return None, Finding(
                code=codes.OUTSIDE_PROJECT,
                file=shown,
                message=f"'{path}' leads outside {self.shown}/",
                hint=f"use a path inside {self.shown}/, written from there without '..' "
                "or a leading '/', e.g. images/chart.png",
            )
        real = self._without_links(full)
        if real is None:  # a link on the way: resolve them all
            real = os.path.realpath(full)
            if not _inside(real, self.real):
                return None, self._outside(full, shown)
        try:
            info = os.stat(real)
        except OSError as exc:
            return None, _unreadable(shown, exc)
        kind = _kind(info.st_mode)
        if kind is not None:
            return None, Finding(
                code=codes.NOT_A_FILE,
                file=shown,
                message=f"this is {kind}, not a file; pressgen reads only ordinary files",
                hint="replace it with an ordinary file, or delete it",
            )
        return real, None

    def _without_links(self, full: str) -> str | None:
        """The real path of ``full`` if no part of it below the area's folder is a link
        (the common case, checked with one ``lstat`` per part); None otherwise."""
        rest = os.path.relpath(full, self.folder)
        if rest == ".":
            return self.real
        current = self.folder
        for part in rest.split(os.sep):
            current = os.path.join(current, part)
            try:
                if stat.S_ISLNK(os.lstat(current).st_mode):
                    return None
            except OSError:
                return None  # missing: let realpath and stat say so
        return os.path.join(self.real, rest)

    def _outside(self, full: str, shown: str) -> Finding:
        if os.path.islink(full):
            what = f"is a link ('{os.readlink(full)}') that leads outside {self.shown}/"
        else:
            what = f"is reached through a linked folder that leads outside {self.shown}/"
        return Finding(
            code=codes.OUTSIDE_PROJECT,
            file=shown,
            message=f"this file {what}; pressgen does not read or publish files from outside "
            "the project",
            hint=f"replace the link with a copy of the file itself at {shown}, or delete the link",
        )

    # ---------------------------------------------------------------- reading
    def read_bytes(
        self, path: Path | str, shown: str | None = None, *, limit: int = MAX_FILE_BYTES
    ) -> tuple[bytes | None, Finding | None]:
        """The bytes of a regular file inside the area (at most ``limit``), or a finding."""
        shown = shown or self.name_of(path)
        real, refused = self.check(path, shown)
        if real is None:
            return None, refused
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
        flags |= getattr(os, "O_CLOEXEC", 0)
        try:
            handle = os.open(real, flags)
        except OSError as exc:
            return None, _unreadable(shown, exc)
        try:
            info = os.fstat(handle)
            kind = _kind(info.st_mode)
            if kind is not None:  # swapped since the check
                return None, Finding(
                    code=codes.NOT_A_FILE,
                    file=shown,
                    message=f"this is {kind}, not a file; pressgen reads only ordinary files",
                    hint="replace it with an ordinary file, or delete it",
                )
            if info.st_size > limit:
                return None, too_large(shown, info.st_size, limit)
            chunks: list[bytes] = []
            size = 0
            while size <= limit:
                chunk = os.read(handle, min(1 << 20, limit + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            if size > limit:  # it grew while being read
                return None, too_large(shown, size, limit)
            return b"".join(chunks), None
        except OSError as exc:
            return None, _unreadable(shown, exc)
        finally:
            os.close(handle)

    # ---------------------------------------------------------------- walking
    def walk(self, under: str, patterns: Iterable[str]) -> tuple[list[Path], list[Finding]]:
        """Every entry under ``under`` (a folder of the area) whose name matches one of
        ``patterns``, sorted; linked folders are reported (PG117), never entered.

        Files are listed, not checked: reading them (:meth:`read_bytes`) checks them.
        """
        return self._walk(under, tuple(patterns), check=False)

    def refused_entries(self) -> list[Finding]:
        """Every entry of the area that would be refused if read: links that leave it,
        linked folders, pipes, devices and sockets (one walk, nothing opened)."""
        return self._walk(".", (), check=True)[1]

    def _walk(
        self, under: str, patterns: tuple[str, ...], *, check: bool
    ) -> tuple[list[Path], list[Finding]]:
        start = self._lexical(under)
        found: list[Path] = []
        findings: list[Finding] = []
        if not _inside(start, self.folder) or not os.path.isdir(start):
            return found, findings
        if start != self.folder and (
            os.path.islink(start) or not _inside(os.path.realpath(start), self.real)
        ):
            return found, [self._linked_folder(start)]
        for folder, dirnames, filenames in os.walk(start, followlinks=False):
            dirnames.sort()
            for name in dirnames:
                if os.path.islink(os.path.join(folder, name)):
                    findings.append(self._linked_folder(os.path.join(folder, name)))
            for name in sorted(filenames):
                path = os.path.join(folder, name)
                if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
                    found.append(Path(path))
                if check and not _plain_file(path):  # an ordinary file needs no more
                    refused = self.check(path)[1]
                    if refused is not None and refused.code != codes.FILE_UNREADABLE:
                        findings.append(refused)
        return sorted(found), findings

    def _linked_folder(self, path: str) -> Finding:
        target = os.readlink(path) if os.path.islink(path) else "another folder"
        return Finding(
            code=codes.LINKED_FOLDER,
            file=self.name_of(path),
            message=f"this folder is a link to '{target}'; pressgen does not follow "
            "linked folders, so nothing in it is read or published",
            hint="copy the files into this folder instead of linking to a folder, "
            "or delete the link",
        )


def _plain_file(path: str) -> bool:
    """An ordinary file that is not a link (its folder was reached without links)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _kind(mode: int) -> str | None:
    """What a non-regular file is, in plain words; None for an ordinary file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not an ordinary file")


def too_large(shown: str, size: int, limit: int) -> Finding:
    return Finding(
        code=codes.FILE_TOO_LARGE,
        file=shown,
        line=None,
        message=f"the file is {size:,} bytes; the limit is {limit:,}",
        hint="split it into smaller files (one article or one group of facts per file)",
    )


def _unreadable(shown: str, exc: OSError) -> Finding:
    return Finding(
        code=codes.FILE_UNREADABLE,
        file=shown,
        message=f"cannot read the file: {exc.strerror or exc}",
        hint="check that the file exists and is readable",
    )
