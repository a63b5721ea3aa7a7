"""The site swap (pressgen.publish.site): staging in pressgen's own marked folder, never
touching a user's folder, no moment without the site, faults as located findings."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressgen.errors import PressgenError
from pressgen.publish import site as site_module
from pressgen.publish.site import (
    MARK_FILE,
    WORK_FOLDER,
    discard,
    recover,
    staging_folder,
    swap,
    unsafe_target,
)


def make_site(folder: Path, text: str) -> Path:
    (folder / "news").mkdir(parents=True)
    (folder / "index.html").write_text(text)
    (folder / "news" / "index.html").write_text(text + " news")
    return folder


def build(target: Path, text: str) -> None:
    """What `pressgen build` does around MkDocs: stage, write, swap, discard."""
    staging = staging_folder(target)
    try:
        make_site(staging.site, text)
        swap(staging, target)
    finally:
        discard(staging)


def dead_pid() -> int:
    """The id of a process that has just ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_build_replaces_the_site_and_leaves_only_the_marked_folder(tmp_path: Path) -> None:
    target = tmp_path / "site"
    build(target, "one")
    build(target, "two")
    assert (target / "index.html").read_text() == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == [WORK_FOLDER, "site"]
    assert [p.name for p in (tmp_path / WORK_FOLDER).iterdir()] == [MARK_FILE]


def test_users_folders_next_to_the_site_are_never_touched(tmp_path: Path) -> None:
    """The reported loss: a user's `.site-notes` was deleted as a 'stale staging folder'."""
    mine = {
        ".site-notes/plan.md": "my notes",
        ".site-old-x/site/keep.txt": "not pressgen's",
        "job-1-2-abcd/keep.txt": "a job-like name outside pressgen's folder",
        ".pressgen-staging-backup/keep.txt": "a similar name",
    }
    for name, text in mine.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    build(tmp_path / "site", "one")
    build(tmp_path / "site", "two")
    for name, text in mine.items():
        assert (tmp_path / name).read_text() == text


def test_a_users_folder_named_like_the_staging_folder_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / WORK_FOLDER).mkdir()
    (tmp_path / WORK_FOLDER / "diary.txt").write_text("mine")
    with pytest.raises(PressgenError) as caught:
        staging_folder(tmp_path / "site")
    [finding] = caught.value.findings
    assert finding.code == "PG910" and finding.hint and WORK_FOLDER in finding.file
    assert (tmp_path / WORK_FOLDER / "diary.txt").read_text() == "mine"
    assert [p.name for p in (tmp_path / WORK_FOLDER).iterdir()] == ["diary.txt"]


def test_leftovers_of_dead_builds_go_and_live_builds_stay(tmp_path: Path) -> None:
    target = tmp_path / "site"
    build(target, "one")
    work = tmp_path / WORK_FOLDER
    pid = dead_pid()
    dead = work / f"job-{pid}-0-aaaa"
    recycled = work / f"job-{os.getpid()}-1-bbbb"  # our pid, another start time
    live = staging_folder(target).job
    stray = work / "not-a-job"
    for folder in (dead, recycled, stray):
        (folder / "site").mkdir(parents=True)
    assert recover(target) == []
    assert not dead.exists() and not recycled.exists()
    assert live.exists() and stray.exists()
    discard(staging_folder(target))


def test_a_site_moved_away_by_a_killed_fallback_swap_is_put_back(tmp_path: Path) -> None:
    target = tmp_path / "site"
    build(target, "one")
    job = tmp_path / WORK_FOLDER / f"job-{dead_pid()}-0-cccc"
    (job / "previous").mkdir(parents=True)
    os.rename(target, job / "previous" / "site")  # killed between the two renames
    [finding] = recover(target)
    assert finding.code == "PG914" and finding.severity == "warning" and finding.hint
    assert (target / "index.html").read_text() == "one"
    assert not job.exists()


def test_legacy_staging_folders_are_recognised_by_their_owner_file(tmp_path: Path) -> None:
    pid = dead_pid()
    legacy = tmp_path / ".site-abc123"
    legacy.mkdir()
    (legacy / ".pressgen-build-pid").write_text(str(pid))
    user = tmp_path / ".site-notes"
    user.mkdir()
    (user / "notes.md").write_text("mine")
    recover(tmp_path / "site")
    assert not legacy.exists()
    assert (user / "notes.md").read_text() == "mine"


def test_the_swap_never_leaves_the_site_missing(tmp_path: Path) -> None:
    """A reader polling site/ during many swaps always finds it (renameat2 exchange)."""
    target = tmp_path / "site"
    build(target, "first")
    missing = []
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            if not (target / "index.html").exists():
                missing.append(1)

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        for n in range(150):
            build(target, f"build {n}")
    finally:
        stop.set()
        watcher.join()
    assert (target / "index.html").read_text() == "build 149"
    assert missing == []


def test_without_exchange_the_two_rename_fallback_still_swaps(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(site_module, "_exchange", lambda first, second: False)
    target = tmp_path / "site"
    build(target, "one")
    build(target, "two")
    assert (target / "index.html").read_text() == "two"
    assert [p.name for p in (tmp_path / WORK_FOLDER).iterdir()] == [MARK_FILE]


@pytest.mark.parametrize("number", [errno.ENOSYS, errno.EINVAL])
def test_exchange_reports_unsupported_instead_of_failing(
    tmp_path: Path, monkeypatch, number: int
) -> None:
    class FailingCall:  # stands for libc's renameat2, failing with ``number``
        def __call__(self, *args: object) -> int:
            return -1

    class FakeLibc:
        renameat2 = FailingCall()

    monkeypatch.setattr(site_module.ctypes, "CDLL", lambda *a, **k: FakeLibc())
    monkeypatch.setattr(site_module.ctypes, "get_errno", lambda: number)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert site_module._exchange(tmp_path / "a", tmp_path / "b") is False
    build(tmp_path / "site", "one")
    build(tmp_path / "site", "two")
    assert (tmp_path / "site" / "index.html").read_text() == "two"


def test_a_swap_that_is_refused_is_a_located_finding_and_keeps_the_site(
    tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "site"
    build(target, "one")

    def refuse(*args: object) -> bool:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(site_module, "_exchange", refuse)
    staging = staging_folder(target)
    make_site(staging.site, "two")
    with pytest.raises(PressgenError) as caught:
        swap(staging, target)
    discard(staging)
    [finding] = caught.value.findings
    assert finding.code == "PG907" and finding.file == str(target)
    assert "Permission denied" in finding.message and "writable" in finding.hint
    assert (target / "index.html").read_text() == "one"


def test_a_fallback_swap_that_fails_halfway_puts_the_old_site_back(
    tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "site"
    build(target, "one")
    monkeypatch.setattr(site_module, "_exchange", lambda first, second: False)
    real = site_module._rename

    def second_fails(source: Path, destination: Path) -> None:
        if destination == target and source.parent.name.startswith("job-"):
            raise OSError(errno.EIO, "Input/output error")
        real(source, destination)

    monkeypatch.setattr(site_module, "_rename", second_fails)
    staging = staging_folder(target)
    make_site(staging.site, "two")
    with pytest.raises(PressgenError):
        swap(staging, target)
    discard(staging)
    assert (target / "index.html").read_text() == "one"


def test_a_parent_that_cannot_be_written_is_a_finding(tmp_path: Path, monkeypatch) -> None:
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(PressgenError) as caught:
        staging_folder(tmp_path / "site")
    assert caught.value.findings[0].code == "PG907"


@pytest.mark.parametrize(
    ("target", "unsafe"),
    [
        ("project", True),
        (".", True),  # an ancestor of the project
        ("project/content", True),
        ("project/content/site", True),
        ("project/templates/out", True),
        ("project/mkdocs.yml", True),
        ("project/notes.txt", True),  # a file
        ("project/docs-of-mine", True),  # a folder of other files
        ("project/site", False),
        ("project/empty", False),
        ("project/built", False),  # holds index.html: a site
        ("elsewhere/new", False),
    ],
)
def test_unsafe_site_folders(tmp_path: Path, target: str, unsafe: bool) -> None:
    project = tmp_path / "project"
    for name in ("content/articles", "templates", "empty", "built", "docs-of-mine"):
        (project / name).mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n")
    (project / "notes.txt").write_text("mine")
    (project / "built" / "index.html").write_text("<p>site</p>")
    (project / "docs-of-mine" / "cv.odt").write_text("mine")
    found = unsafe_target(
        tmp_path / target,
        keep=[project, project / "content", project / "templates", project / "mkdocs.yml"],
        not_inside=[project / "content", project / "templates"],
    )
    assert (found is not None) == unsafe
    if found is not None:
        assert found.code == "PG909" and found.hint and found.file


NAMES = st.sampled_from(
    [".site-notes", ".site-", ".site-old-1", "site2", "job-1-1-a", ".pressgen", "x.md"]
) | st.text(st.sampled_from("abcjob.-_site0123"), min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(names=st.sets(NAMES.filter(lambda n: n not in {".", "..", "site", WORK_FOLDER}), max_size=6))
def test_whatever_a_user_keeps_next_to_the_site_survives_builds(
    tmp_path_factory: pytest.TempPathFactory, names: set[str]
) -> None:
    root = tmp_path_factory.mktemp("room")
    for i, name in enumerate(sorted(names)):
        folder = root / name
        folder.mkdir()
        (folder / "keep.txt").write_text(f"mine {i}")
        (folder / ".pressgen-build-pid").write_text(str(os.getpid()))  # even this
    build(root / "site", "one")
    build(root / "site", "two")
    for i, name in enumerate(sorted(names)):
        assert (root / name / "keep.txt").read_text() == f"mine {i}"
