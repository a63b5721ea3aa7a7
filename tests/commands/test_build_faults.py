"""`pressgen build` loses nothing: killed at every stage boundary, the previous site stays
intact and complete, the next build succeeds and cleans up after the killed one (never
after a user); a site folder it cannot or must not replace is a located finding."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import NOW, pinned_python, write
from pressgen.build.cache import CACHE_DIR, KIND
from pressgen.build.cache_files import read_entry
from pressgen.cli import main
from pressgen.publish.site import WORK_FOLDER

RELEASE = "content/articles/2025-11-27-dengyuemed-single-export-desk.md"

# Each stage: where the child process is killed (SIGKILL, no clean-up of any kind), by
# wrapping one function of pressgen, MkDocs or os in the child before `pressgen build`.
KILL_HOOK = """
import os, signal, sys
STAGE = {stage!r}

def _die():
    os.kill(os.getpid(), signal.SIGKILL)

def _wrap(owner, name, *, before=False, nth=1):
    original = getattr(owner, name)
    calls = []
    def wrapper(*args, **kwargs):
        calls.append(1)
        if before and len(calls) >= nth:
            _die()
        result = original(*args, **kwargs)
        if not before and len(calls) >= nth:
            _die()
        return result
    setattr(owner, name, wrapper)

def _die_on_replace(marker):
    real = os.replace
    def replace(source, destination, **kwargs):
        if marker in str(destination):
            _die()  # the temp file is written and synced; the rename never happens
        return real(source, destination, **kwargs)
    os.replace = replace

import mkdocs.commands.build as mkdocs_build
import pressgen.commands.build as command
import pressgen.pressroom as pressroom
import pressgen.publish.pdf as pdf
import pressgen.publish.site as site
from pressgen.build.cache import KIND
render_all = sys.modules["pressgen.build.render_all"]  # the package exports a function so named

if STAGE == "after-load":
    _wrap(pressroom, "read_project")
elif STAGE == "after-check":
    _wrap(pressroom, "check_content")
elif STAGE == "mid-render":
    _wrap(render_all, "checked_render", before=True)
elif STAGE == "render-cache-write":
    _die_on_replace(KIND)
elif STAGE == "after-render":
    _wrap(pressroom.Pressroom, "render_all")
elif STAGE == "mid-pdf":
    _wrap(pdf, "render_pdf")
elif STAGE == "pdf-cache-write":
    _die_on_replace(".pdf")
elif STAGE == "mid-mkdocs":
    _wrap(mkdocs_build, "_build_page", before=True, nth=5)
elif STAGE == "before-swap":
    _wrap(command, "swap", before=True)
elif STAGE == "mid-swap-fallback":
    site._exchange = lambda first, second: False
    _wrap(site, "_rename")  # the old site moved away, the new one not yet in place
elif STAGE == "mid-swap-exchange":
    _wrap(site, "_exchange")
elif STAGE == "after-swap":
    _wrap(command, "discard", before=True)
"""

# In order: each killed run is also the next build of the one before it.
STAGES = [
    ("after-load", "old"),
    ("after-check", "old"),
    ("mid-render", "old"),
    ("render-cache-write", "old"),
    ("after-render", "old"),
    ("mid-pdf", "old"),
    ("pdf-cache-write", "old"),
    ("mid-mkdocs", "old"),
    ("before-swap", "old"),
    ("mid-swap-fallback", "moved"),  # only without renameat2: the next run puts it back
    ("after-load", "old"),
    ("mid-swap-exchange", "new"),
    ("after-swap", "new"),
]


def site_digest(site: Path) -> str:
    """Every file's path and bytes."""
    total = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        total.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return total.hexdigest()


def run_build(project: Path, stage: str | None = None) -> subprocess.CompletedProcess[str]:
    command = pinned_python("pressgen.cli", "build", "-p", str(project), "--now", NOW)
    if stage is not None:
        command[2] = KILL_HOOK.format(stage=stage) + command[2]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1790000000"}
    return subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)


def jobs(project: Path) -> list[Path]:
    return sorted((project / WORK_FOLDER).glob("job-*"))


def assert_caches_whole(project: Path) -> None:
    cache = project / CACHE_DIR
    if (cache / f"{KIND}.json").exists():
        read_entry(cache / f"{KIND}.json", KIND)
    for path in (cache / "pdf").glob("*.pdf"):
        data = read_entry(path, "pdf")
        assert data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


@pytest.mark.site
@pytest.mark.slow
def test_a_build_killed_at_every_stage_boundary_loses_nothing(project: Path) -> None:
    notes = write(project / ".site-notes/plan.md", "the user's own notes")
    first = run_build(project)
    assert first.returncode == 0, first.stderr
    old = site_digest(project / "site")
    release = project / RELEASE
    release.write_text(release.read_text().replace("today opened", "this week opened"))

    seen = {}
    for stage, expected in STAGES:
        killed = run_build(project, stage)
        assert killed.returncode == -signal.SIGKILL, (stage, killed.stderr[-2000:])
        assert "Traceback" not in killed.stderr
        site = project / "site"
        if expected == "moved":
            assert not site.exists()  # the fallback's window; the site is in the job folder
            [job] = jobs(project)
            assert site_digest(job / "previous" / "site") == old
        else:
            seen[stage] = site_digest(site)
            if expected == "old":
                assert seen[stage] == old, stage
        assert len(jobs(project)) <= 1, stage  # each run removed the killed one's job
        assert notes.read_text() == "the user's own notes"
        assert_caches_whole(project)

    final = run_build(project)
    assert final.returncode == 0, final.stderr
    new = site_digest(project / "site")
    assert new != old
    assert seen["mid-swap-exchange"] == new and seen["after-swap"] == new  # complete sites
    assert jobs(project) == []
    assert not [p for p in (project / CACHE_DIR).rglob("*.tmp")]
    assert sorted(p.name for p in (project / WORK_FOLDER).iterdir()) == ["README.txt"]
    assert notes.read_text() == "the user's own notes"
    assert_caches_whole(project)
    assert "this week opened" in (project / "site/news/2025/11").joinpath(
        "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines/index.html"
    ).read_text("utf-8")


def cli_build(project: Path, *extra: str):
    return CliRunner().invoke(main, ["build", "-p", str(project), "--now", NOW, *extra])


@pytest.mark.site
@pytest.mark.slow
def test_a_read_only_site_folder_is_a_located_finding(project: Path) -> None:
    assert cli_build(project).exit_code == 0
    site = project / "site"
    before = site_digest(site)
    if os.geteuid() == 0:  # root ignores permissions; the immutable flag stops even root
        made = subprocess.run(["chattr", "+i", str(site)], capture_output=True)
        if made.returncode != 0:
            pytest.skip("running as root on a file system without chattr +i")
        undo = ["chattr", "-i", str(site)]
    else:
        site.chmod(0o555)
        undo = ["chmod", "755", str(site)]
    try:
        result = cli_build(project)
    finally:
        subprocess.run(undo, check=True)
    assert result.exit_code == 1, result.output
    assert "PG907" in result.output and "Traceback" not in result.output
    assert str(site) in result.output and "fix:" in result.output
    assert site_digest(site) == before
    assert jobs(project) == []


@pytest.mark.parametrize(
    ("site_dir", "code"),
    [
        ("content", "PG909"),
        (".", "PG909"),
        ("..", "PG909"),
        ("templates/out", "PG909"),
        ("my-documents", "PG909"),
    ],
)
def test_a_site_folder_that_would_replace_the_users_files_is_refused(
    project: Path, site_dir: str, code: str
) -> None:
    write(project / "my-documents/cv.txt", "mine")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = cli_build(project, "--site-dir", str(project / site_dir))
    assert result.exit_code == 1, result.output
    assert code in result.output and "fix:" in result.output
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_a_users_folder_with_the_staging_folders_name_is_refused(project: Path) -> None:
    diary = write(project / WORK_FOLDER / "diary.txt", "mine")
    result = cli_build(project)
    assert result.exit_code == 1 and "PG910" in result.output, result.output
    assert diary.read_text() == "mine" and not (project / "site").exists()


@pytest.mark.site
@pytest.mark.slow
def test_a_damaged_cache_is_a_warning_in_the_build_output(project: Path) -> None:
    assert cli_build(project).exit_code == 0
    cache = project / CACHE_DIR / f"{KIND}.json"
    cache.write_bytes(cache.read_bytes()[:100])
    result = cli_build(project)
    assert result.exit_code == 0, result.output
    assert "warning PG906" in result.output and f"{CACHE_DIR}/{KIND}.json" in result.output
    read_entry(cache, KIND)  # rebuilt whole


@pytest.mark.site
@pytest.mark.slow
def test_a_site_dir_elsewhere_is_built_and_swapped_there(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "elsewhere" / "press"
    for _ in range(2):
        result = cli_build(project, "--site-dir", str(out))
        assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file()
    assert sorted(p.name for p in out.parent.iterdir()) == [WORK_FOLDER, "press"]
    shutil.rmtree(out.parent)
