"""Cache files that a killed build, a full disk or a stray edit cannot turn into wrong output.

Every cache of pressgen (rendered articles, PDFs) goes through two functions:

- :func:`write_atomic` writes a temporary file in the same folder, flushes and
  ``fsync``-s it, renames it over the old file and ``fsync``-s the folder: a reader
  sees the old file or the new one, never half of one, whenever the process dies.
- :func:`read_entry` reads a file written by :func:`write_entry` and verifies it: a
  header line (what it is, pressgen's version, the length and checksum of the
  payload), then the payload. A file that is truncated, changed, of another kind or
  version, or unreadable raises :class:`CacheDamaged` with the reason.

A damaged file is thrown away with :func:`discard`, which also logs a PG906 warning
(logger ``pressgen.cache``; ``pressgen build`` prints it with the other findings):
the cache is rebuilt, never trusted, and never stops a build.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
from pathlib import Path

from .. import codes
from ..digests import digest_bytes
from ..findings import Finding, Severity
from ..version import __version__

LOG = logging.getLogger("pressgen.cache")
TEMP_SUFFIX = ".tmp"
MAX_HEADER_BYTES = 4096


class CacheDamaged(ValueError):
    """A cache file that must not be trusted; ``reason`` says why, in plain words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step: temp file, fsync, rename, fsync folder.

    The temporary file is named after the writing process (``.name.<pid>.<random>.tmp``)
    so that :func:`remove_stale_temps` can tell a dead writer's leftovers from a live one's.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TEMP_SUFFIX}"
    try:
        with open(temp, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_folder(path.parent)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (a no-op where folders cannot be opened, e.g. Windows)."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def remove_stale_temps(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Delete temporary files of :func:`write_atomic` whose writer is gone (a killed
    build), in ``folder`` (and the folders inside it, if ``recursive``)."""
    removed: list[Path] = []
    if not folder.is_dir() or folder.is_symlink():
        return removed
    pattern = f"**/.*{TEMP_SUFFIX}" if recursive else f".*{TEMP_SUFFIX}"
    for temp in folder.glob(pattern):
        parts = temp.name.split(".")
        # ".<name...>.<pid>.<random>.tmp": the pid is the third part from the end
        if len(parts) < 5 or not parts[-3].isdigit() or not temp.is_file():
            continue
        if _alive(int(parts[-3])):
            continue
        with contextlib.suppress(OSError):
            temp.unlink()
            removed.append(temp)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, we may not signal it
    return True


def write_entry(path: Path, kind: str, payload: bytes) -> None:
    """Write a verified cache file: a header line, then ``payload`` (atomically)."""
    header = {
        "pressgen": kind,
        "version": __version__,
        "length": len(payload),
        "checksum": digest_bytes(payload),
    }
    write_atomic(path, json.dumps(header, sort_keys=True).encode() + b"\n" + payload)


def read_entry(path: Path, kind: str) -> bytes:
    """The payload of a cache file written by :func:`write_entry`, verified.

    Raises :class:`FileNotFoundError` when there is no such file (a cache miss) and
    :class:`CacheDamaged` when there is one that must not be trusted.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise  # a miss, not damage
    except OSError as exc:
        raise CacheDamaged(f"it cannot be read ({exc.strerror or exc})") from None
    header_line, newline, payload = data.partition(b"\n")
    if not newline or len(header_line) > MAX_HEADER_BYTES:
        raise CacheDamaged("it has no header (it is cut short or not a pressgen cache file)")
    try:
        header = json.loads(header_line)
    except ValueError:
        raise CacheDamaged("its header is not readable") from None
    if not isinstance(header, dict) or header.get("pressgen") != kind:
        raise CacheDamaged(f"it is not a {kind} cache file")
    if header.get("version") != __version__:
        raise CacheDamaged(f"it was written by pressgen {header.get('version')}")
    if header.get("length") != len(payload):
        raise CacheDamaged(
            f"it is cut short or padded ({len(payload)} bytes, {header.get('length')} expected)"
        )
    if header.get("checksum") != digest_bytes(payload):
        raise CacheDamaged("its checksum does not match (the file was changed or damaged)")
    return payload


def damaged_finding(shown: str, reason: str) -> Finding:
    """The PG906 warning for a cache file (or entry) that was thrown away."""
    return Finding(
        code=codes.CACHE_DISCARDED,
        severity=Severity.WARNING,
        file=shown,
        message=f"a cache file was thrown away and rebuilt: {reason}",
        hint="nothing to fix in your content: pressgen rebuilt what it needed. If this "
        "comes back on every build, check the disk, or delete the folder .pressgen-cache",
    )


def discard(path: Path, shown: str, reason: str, *, delete: bool = True) -> Finding:
    """Throw away a damaged cache file and log (and return) its PG906 warning."""
    if delete:
        with contextlib.suppress(OSError):
            path.unlink()
    finding = damaged_finding(shown, reason)
    LOG.warning("%s", finding, extra={"finding": finding})
    return finding


__all__ = [
    "CacheDamaged",
    "discard",
    "read_entry",
    "remove_stale_temps",
    "write_atomic",
    "write_entry",
]
