"""Cache files (pressgen.build.cache_files): written in one step, verified when read; any
damage is a CacheDamaged with a reason, never garbage and never another exception."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressgen.build.cache_files import (
    CacheDamaged,
    discard,
    read_entry,
    remove_stale_temps,
    write_atomic,
    write_entry,
)

PAYLOAD = b'{"a": "payload"}' * 100


def test_an_entry_reads_back_exactly(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "x.json"
    write_entry(path, "renders", PAYLOAD)
    assert read_entry(path, "renders") == PAYLOAD
    assert [p.name for p in path.parent.iterdir()] == ["x.json"]  # no temp file left


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "cut short"),
        (lambda data: data[:10], "no header"),
        (lambda data: b"", "no header"),
        (lambda data: data + b"more", "padded"),
        (lambda data: data[:-5] + b"XXXXX", "checksum"),
        (lambda data: b"\x00" * len(data), "no header"),
        (lambda data: os.urandom(300), "header"),
        (lambda data: data.replace(b'"renders"', b'"pdf"', 1), "not a renders cache"),
        (lambda data: data.replace(b'"version": "', b'"version": "0.0.0-', 1), "written by"),
    ],
)
def test_damage_is_detected_with_a_reason(tmp_path: Path, damage, reason: str) -> None:
    path = tmp_path / "x.json"
    write_entry(path, "renders", PAYLOAD)
    path.write_bytes(damage(path.read_bytes()))
    with pytest.raises(CacheDamaged) as caught:
        read_entry(path, "renders")
    assert reason in caught.value.reason


def test_a_missing_file_is_a_miss_not_damage(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_entry(tmp_path / "none.json", "renders")


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    payload=st.binary(max_size=2000),
    position=st.integers(min_value=0),
    new=st.binary(min_size=1, max_size=8),
    cut=st.booleans(),
)
def test_any_change_reads_back_unchanged_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, payload: bytes, position: int, new: bytes, cut: bool
) -> None:
    path = tmp_path_factory.mktemp("c") / "x.bin"
    write_entry(path, "pdf", payload)
    data = path.read_bytes()
    at = position % (len(data) + 1)
    changed = data[:at] if cut else data[:at] + new + data[at + len(new) :]
    path.write_bytes(changed)
    with contextlib.suppress(CacheDamaged):  # refused, or read back unchanged
        assert read_entry(path, "pdf") == payload


def test_a_writer_killed_mid_write_leaves_the_old_file(tmp_path: Path) -> None:
    """SIGKILL while the temp file is half written: the cache file is the old one, whole."""
    path = tmp_path / "x.json"
    write_entry(path, "renders", b"old" * 1000)
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from pressgen.build import cache_files
        real = os.fsync
        def die(fd):
            os.kill(os.getpid(), signal.SIGKILL)
        os.fsync = die  # killed after writing, before the rename
        cache_files.write_entry(Path({str(path)!r}), "renders", b"new" * 100000)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert read_entry(path, "renders") == b"old" * 1000
    leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1  # the dead writer's temp file ...
    assert remove_stale_temps(tmp_path) == leftovers  # ... is recognised and removed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]


def test_a_live_writers_temp_file_is_kept(tmp_path: Path) -> None:
    live = tmp_path / f".x.json.{os.getpid()}.abcd1234.tmp"
    live.write_bytes(b"being written")
    other = tmp_path / ".notes.tmp"  # not a name write_atomic makes
    other.write_bytes(b"mine")
    assert remove_stale_temps(tmp_path) == []
    assert live.exists() and other.exists()


def test_a_failed_write_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "x.json"
    write_atomic(path, b"old")

    def full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]
    assert path.read_bytes() == b"old"


def test_discard_deletes_and_logs_a_pg906_warning(tmp_path: Path, caplog) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"junk")
    with caplog.at_level("WARNING", logger="pressgen.cache"):
        finding = discard(path, ".pressgen-cache/x.json", "it is cut short")
    assert not path.exists()
    assert finding.code == "PG906" and not finding.is_error and finding.hint
    assert finding.file == ".pressgen-cache/x.json" and "cut short" in finding.message
    [record] = caplog.records
    assert record.finding == finding  # type: ignore[attr-defined]
    assert json.dumps(finding.to_dict())
