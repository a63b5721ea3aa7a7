"""Confinement: files are read only from inside their folder of the project, only if
they are ordinary files, and never more than the size limit."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressgen import codes
from pressgen.load.confined import Area

SECRET = b"root:x:0:0:the-secret-line\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """content/ with ordinary files, a link that stays inside and links that leave it;
    a secret file next to content/, outside it."""
    (tmp_path / "secret.txt").write_bytes(SECRET)
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    (content / "images" / "logo.png").write_bytes(b"\x89PNG logo")
    (content / "a.md").write_text("inside\n")
    (content / "images" / "alias.png").symlink_to("logo.png")
    (content / "images" / "up.png").symlink_to("../a.md")
    (content / "out.md").symlink_to(tmp_path / "secret.txt")
    (content / "rel-out.md").symlink_to("../secret.txt")
    (content / "passwd.md").symlink_to("/etc/passwd")
    (content / "chain.md").symlink_to("out.md")
    (content / "zero.png").symlink_to("/dev/zero")
    (content / "folder-link").symlink_to(tmp_path)
    (content / "loop").symlink_to(".")
    return tmp_path


def test_ordinary_files_and_links_that_stay_inside_are_read(tree: Path) -> None:
    area = Area.of(tree / "content", "content")
    assert area.read_bytes(tree / "content/a.md") == (b"inside\n", None)
    assert area.read_bytes("images/alias.png") == (b"\x89PNG logo", None)
    assert area.read_bytes("images/up.png") == (b"inside\n", None)  # ../ that stays inside


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("out.md", None),
        ("rel-out.md", "../secret.txt"),
        ("passwd.md", "/etc/passwd"),
        ("chain.md", "out.md"),  # a link to a link that leaves
        ("zero.png", "/dev/zero"),  # refused as outside before anything is opened
    ],
)
def test_links_that_leave_are_refused_without_quoting_them(
    tree: Path, name: str, written: str | None
) -> None:
    data, finding = Area.of(tree / "content", "content").read_bytes(name)
    assert data is None and finding is not None
    assert finding.code == codes.OUTSIDE_PROJECT
    assert finding.file == f"content/{name}"
    assert "outside content/" in finding.message and finding.hint
    assert "the-secret-line" not in finding.message + finding.hint  # never the contents
    if written:
        assert f"('{written}')" in finding.message  # the link as written...
        assert str(tree) not in finding.message + finding.hint  # ...not where it resolves


@pytest.mark.parametrize("path", ["../secret.txt", "images/../../secret.txt", "/etc/passwd"])
def test_paths_that_leave_by_dots_or_root_are_refused(tree: Path, path: str) -> None:
    data, finding = Area.of(tree / "content", "content").read_bytes(path)
    assert data is None and finding is not None
    assert finding.code == codes.OUTSIDE_PROJECT
    assert "leads outside content/" in finding.message


def test_a_named_pipe_is_refused_at_once(tree: Path) -> None:
    pipe = tree / "content" / "pipe.md"
    os.mkfifo(pipe)
    result: list[object] = []
    reader = threading.Thread(
        target=lambda: result.append(Area.of(tree / "content").read_bytes(pipe)), daemon=True
    )
    reader.start()
    reader.join(timeout=5)
    assert result, "reading a named pipe blocked"
    data, finding = result[0]  # type: ignore[misc]
    assert data is None and finding.code == codes.NOT_A_FILE
    assert "a named pipe" in finding.message


def test_a_device_and_a_folder_are_not_files(tree: Path) -> None:
    _, device = Area.of("/dev").read_bytes("null")
    assert device is not None and device.code == codes.NOT_A_FILE
    assert "a device" in device.message
    _, folder = Area.of(tree / "content", "content").read_bytes("images")
    assert folder is not None and folder.code == codes.NOT_A_FILE
    assert "a folder" in folder.message


def test_the_size_limit_holds_even_when_the_size_is_not_known(tree: Path) -> None:
    _, big = Area.of(tree / "content").read_bytes("a.md", limit=3)
    assert big is not None and big.code == codes.FILE_TOO_LARGE
    # /proc files say they are 0 bytes long: the read itself stops at the limit.
    _, grown = Area.of("/proc/self").read_bytes("status", limit=10)
    assert grown is not None and grown.code == codes.FILE_TOO_LARGE
    assert "the limit is 10" in grown.message


def test_a_missing_file_is_unreadable(tree: Path) -> None:
    _, finding = Area.of(tree / "content", "content").read_bytes("nope.md")
    assert finding is not None and finding.code == codes.FILE_UNREADABLE


def test_walking_reports_linked_folders_and_never_enters_them(tree: Path) -> None:
    area = Area.of(tree / "content", "content")
    found, findings = area.walk(".", ["*.md", "*.png", "*.txt"])
    assert all(str(p).startswith(str(tree / "content")) for p in found)
    assert not any("secret" in p.name for p in found)
    assert sorted(f.file for f in findings) == ["content/folder-link", "content/loop"]
    assert all(f.code == codes.LINKED_FOLDER and f.hint for f in findings)


def test_refused_entries_name_every_problem_once(tree: Path) -> None:
    refused = Area.of(tree / "content", "content").refused_entries()
    assert sorted((f.file, f.code) for f in refused) == [
        ("content/chain.md", codes.OUTSIDE_PROJECT),
        ("content/folder-link", codes.LINKED_FOLDER),
        ("content/loop", codes.LINKED_FOLDER),
        ("content/out.md", codes.OUTSIDE_PROJECT),
        ("content/passwd.md", codes.OUTSIDE_PROJECT),
        ("content/rel-out.md", codes.OUTSIDE_PROJECT),
        ("content/zero.png", codes.OUTSIDE_PROJECT),
    ]


def test_the_area_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    """A site owner's layout (content/ → elsewhere), as Hugo allows for its root folders."""
    real = tmp_path / "real-content"
    real.mkdir()
    (real / "a.md").write_text("x")
    (tmp_path / "content").symlink_to(real)
    area = Area.of(tmp_path / "content", "content")
    assert area.read_bytes("a.md") == (b"x", None)
    assert area.refused_entries() == []


COMPONENTS = st.sampled_from(
    [
        "..",
        ".",
        "",
        "content",
        "images",
        "logo.png",
        "alias.png",
        "up.png",
        "out.md",
        "passwd.md",
        "chain.md",
        "folder-link",
        "loop",
        "secret.txt",
        "a.md",
        "etc",
        "passwd",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(COMPONENTS, min_size=1, max_size=8), absolute=st.booleans())
def test_no_path_reads_anything_from_outside(tree: Path, parts: list[str], absolute: bool) -> None:
    """Whatever path is asked for, what is read is a file inside content/, or nothing."""
    path = ("/" if absolute else "") + "/".join(parts)
    area = Area.of(tree / "content", "content")
    data, finding = area.read_bytes(path)
    assert (data is None) != (finding is None)
    if data is not None:
        assert data != SECRET and b"root:" not in data
        # The area resolves '..' by the name (content/link/.. is content/), as a URL
        # would, and reads that: its real path must be inside.
        real = os.path.realpath(os.path.normpath(os.path.join(tree / "content", path)))
        assert real.startswith(str(tree / "content") + os.sep)
    else:
        assert finding is not None and finding.hint
        assert b"root:" not in finding.message.encode()
