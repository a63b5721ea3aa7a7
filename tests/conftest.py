"""Shared fixtures: throw-away copies of the example project that tests may edit, the
tests' fixed clock, and the example site built once per run.

Every test runs at a fixed moment: TODAY (the date expiry and the age of figures are
judged against) and NOW (the moment builds and exports happen at). Tests pass them
explicitly where the API takes them; ``_today_is_fixed`` (autouse) covers the places
that read a project without a ``today=`` (the CLI's check, the MkDocs plugin), and
``pinned_python`` does the same for pressgen run in a subprocess.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pressgen import Pressroom

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
NOW = "2026-11-22T12:00:00+08:00"  # the moment the shared site is built "at"
NOW_DT = dt.datetime.fromisoformat(NOW)

sys.path.insert(0, str(REPO / "benchmarks"))
from generate import generate  # noqa: E402  (benchmarks/ is not a package)


@pytest.fixture(autouse=True)
def _today_is_fixed() -> Iterator[None]:
    """``Pressroom.from_path(path)`` without ``today=`` judges dates at TODAY, not the
    clock: the CLI's ``check`` and the MkDocs plugin take no date, and the example's
    fragments expire on 2027-06-30."""
    original = Pressroom.from_path.__func__  # type: ignore[attr-defined]

    @functools.wraps(original)
    def from_path(cls, path, **options):  # type: ignore[no-untyped-def]
        return original(cls, path, **{**options, "today": options.get("today") or TODAY})

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Pressroom, "from_path", classmethod(from_path))
        yield


_PIN_TODAY = """\
import datetime, runpy, sys
from pressgen import Pressroom
_read = Pressroom.from_path.__func__
_TODAY = datetime.date.fromisoformat({today!r})
def _from_path(cls, path, **options):
    return _read(cls, path, **{{**options, "today": options.get("today") or _TODAY}})
Pressroom.from_path = classmethod(_from_path)
sys.argv[0] = {module!r}
runpy.run_module({module!r}, run_name="__main__", alter_sys=True)
"""


def pinned_python(module: str, *args: str, today: dt.date = TODAY) -> list[str]:
    """The command line of ``python -m <module> <args>`` in which, as in this process,
    a project read without ``today=`` is judged at ``today`` (see ``_today_is_fixed``)."""
    code = _PIN_TODAY.format(today=today.isoformat(), module=module)
    return [sys.executable, "-c", code, *args]


def copy_example(target: Path) -> Path:
    """A copy of the example press room (content/, templates/, mkdocs.yml) at ``target``."""
    target.mkdir(parents=True)
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "templates", target / "templates")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example press room (content/, templates/, mkdocs.yml)."""
    return copy_example(tmp_path / "project")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# The smallest company and editor a press room given as data (CMS tests) needs.
CMS_EDITOR = {"id": "ed", "name": "Ed", "email": "ed@example.com", "telephone": "+852 1234 5678"}
CMS_COMPANY = {
    "name": "Example Ltd",
    "headquarters": "Hong Kong",
    "website": "https://example.com",
    "description": "An example.",
    "boilerplate": "about",
}

ARTICLE = """---
type: market-update
title: {title}
date: 2025-11-28T09:00:00+08:00
dateline: Hong Kong
editor: deng_yue
tags: [exports]
summary: A short summary.
facts: [cn_pharma_exports_jan_oct_2025]
---
Exports reached {{{{ fact.cn_pharma_exports_jan_oct_2025.full }}}}.
"""


def build_project(project: Path, site: Path, now: str = NOW) -> subprocess.CompletedProcess[str]:
    """A real, strict MkDocs build of ``project`` as if it were ``now`` (and that day)."""
    today = dt.datetime.fromisoformat(now).date()
    return subprocess.run(
        pinned_python("mkdocs", "build", "--strict", "-q", "-d", str(site), today=today),
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PRESSGEN_NOW": now, "NO_MKDOCS_2_WARNING": "1"},
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example press room in three languages, built once per test run at NOW.

    Shared by every test that uses it: read it, never write into it."""
    root = tmp_path_factory.mktemp("built")
    project = copy_example(root / "project")
    result = build_project(project, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session")
def _generated_rooms(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Synthetic press rooms (benchmarks/generate.py), each generated once per run and
    never touched: tests get copies (``generated_room``)."""
    return {}


@pytest.fixture
def generated_room(
    _generated_rooms: dict[int, Path], tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> Callable[[int], Path]:
    """``generated_room(n)``: a fresh copy of a synthetic press room of ``n`` articles."""

    def make(articles: int) -> Path:
        if articles not in _generated_rooms:
            base = tmp_path_factory.mktemp(f"generated-{articles}")
            _generated_rooms[articles] = generate(base / "room", articles)
        copy = tmp_path / f"room-{articles}"
        shutil.copytree(_generated_rooms[articles], copy)
        return copy

    return make


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Enforce the markers documented in tests/README.md: a test that reads the built
    example site is marked ``site``; a browser test is marked ``slow`` too."""
    unmarked = []
    for item in items:
        reads_site = "built_site" in getattr(item, "fixturenames", ())
        if (reads_site and not item.get_closest_marker("site")) or (
            item.get_closest_marker("browser") and not item.get_closest_marker("slow")
        ):
            unmarked.append(item.nodeid)
    if unmarked:
        raise pytest.UsageError(
            "mark these tests (see tests/README.md): @pytest.mark.site for a built site, "
            "@pytest.mark.slow with @pytest.mark.browser:\n  " + "\n  ".join(unmarked)
        )
