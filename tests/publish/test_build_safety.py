"""Builds that lose nothing: killed builds, failed builds, repeatable output."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import NOW, REPO, pinned_python, write
from pressgen.commands.build import build_site

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import letters

pytestmark = [pytest.mark.site, pytest.mark.slow]  # each test builds the site, some twice

ARTICLE = """---
type: market-update
title: Export note {letters}
date: 2025-10-01T09:00:00+08:00
dateline: Hong Kong
editor: deng_yue
tags: [exports]
summary: Exports reached {{{{ fact.cn_pharma_exports_jan_oct_2025 }}}}.
facts: [cn_pharma_exports_jan_oct_2025]
---
Exports reached {{{{ fact.cn_pharma_exports_jan_oct_2025.full }}}}.
"""


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_kill_9_during_build_leaves_previous_site_intact(project: Path) -> None:
    assert build_site(project, now=NOW).ok
    before = tree_digest(project / "site")
    for n in range(400):  # enough pages that the build is still running when killed
        write(
            project / f"content/articles/note-{letters(n)}.md", ARTICLE.format(letters=letters(n))
        )
    build = subprocess.Popen(
        pinned_python("pressgen.cli", "build", "-p", str(project), "--now", NOW),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    staged: list[Path] = []
    while time.monotonic() < deadline and build.poll() is None:
        staged = [p for p in project.glob(".pressgen-staging/job-*/site") if (p / "news").is_dir()]
        if staged:
            break
        time.sleep(0.02)
    assert staged, "the build finished before it could be killed"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    assert build.returncode == -signal.SIGKILL
    assert tree_digest(project / "site") == before
    # The next build cleans up what the killed one left and succeeds.
    assert build_site(project, now=NOW).ok
    assert not list(project.glob(".site-*"))
    assert not list(project.glob(".pressgen-staging/job-*"))
    assert (project / "site/news/2025/10/export-note-a/index.html").is_file()


def test_same_input_gives_byte_identical_site(project: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert build_site(project, site_dir=project / "one", now=NOW).ok
    assert build_site(project, site_dir=project / "two", now=NOW).ok
    assert tree_digest(project / "one") == tree_digest(project / "two")


def test_bad_content_changes_nothing_on_disk(project: Path) -> None:
    assert build_site(project, now=NOW).ok
    path = project / "content/editors.yml"
    path.write_text(path.read_text().replace("deng_yue", "deng yue"))
    before = tree_digest(project)
    result = build_site(project, now=NOW)
    assert not result.ok
    assert tree_digest(project) == before
