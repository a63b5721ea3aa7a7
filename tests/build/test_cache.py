"""The render cache (pressgen.build.cache): a damaged file or an entry of the wrong shape is
thrown away with a PG906 warning and rendered again, never trusted and never a TypeError."""

from __future__ import annotations

import copy
import json
import logging
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW_DT, TODAY, copy_example
from pressgen import Pressroom
from pressgen.build.cache import CACHE_DIR, KIND
from pressgen.build.cache_files import read_entry, write_entry

Entry = dict[str, Any]


def render(project: Path) -> tuple[Pressroom, dict[str, Any]]:
    room = Pressroom.from_path(project, today=TODAY)
    return room, room.render_all(now=NOW_DT)


def cache_path(project: Path) -> Path:
    return project / CACHE_DIR / f"{KIND}.json"


def rewrite(project: Path, change: Callable[[dict[str, Entry]], None]) -> None:
    """Change the cache's entries and sign it again: a well-formed file, a bad entry."""
    path = cache_path(project)
    entries = json.loads(read_entry(path, KIND))
    change(entries)
    write_entry(path, KIND, json.dumps(entries).encode())


def usable(result: Any) -> None:
    """What the site does with a rendered article must work."""
    assert isinstance(result.markdown, str) and isinstance(result.html, str)
    assert isinstance(result.metadata["title"], str)
    assert all(f.hint is not None for f in result.findings)
    _ = [c.to_dict() for c in result.citations]


@pytest.fixture
def rendered(project: Path) -> dict[str, str]:
    _, results = render(project)
    return {key: r.markdown for key, r in results.items()}


def first(entries: dict[str, Entry]) -> Entry:
    return entries[sorted(entries)[0]]


WRONG_SHAPES: dict[str, Callable[[Entry], None]] = {
    "entry is a list": lambda e: e.update({"key": ["x"]}),
    "no deps": lambda e: e.pop("deps"),
    "deps a list": lambda e: e.update(deps=["fact:x"]),
    "dep digest a number": lambda e: e["deps"].update({"fact:x": 5}),
    "metadata a list": lambda e: e["result"].update(metadata=[1, 2]),
    "title a number": lambda e: e["result"]["metadata"].update(title=5),
    "facts a number": lambda e: e["result"]["metadata"].update(facts=5),
    "fragments of numbers": lambda e: e["result"]["metadata"].update(fragments=[1]),
    "markdown null": lambda e: e["result"].update(markdown=None),
    "jsonld a list": lambda e: e["result"].update(jsonld=[]),
    "findings a dict": lambda e: e["result"].update(findings={"code": "PG101"}),
    "finding without hint": lambda e: e["result"].update(
        findings=[{"code": "PG101", "severity": "error", "message": "m"}]
    ),
    "finding severity unknown": lambda e: e["result"].update(
        findings=[
            {
                "code": "PG101",
                "severity": "fatal",
                "message": "m",
                "hint": "h",
                "file": None,
                "line": None,
                "path": "",
            }
        ]
    ),
    "finding line text": lambda e: e["result"].update(
        findings=[
            {
                "code": "PG101",
                "severity": "error",
                "message": "m",
                "hint": "h",
                "file": None,
                "line": "7",
                "path": "",
            }
        ]
    ),
    "citation extra field": lambda e: e["result"].update(
        citations=[
            {
                "number": 1,
                "source_id": "s",
                "source": "S",
                "url": None,
                "published": None,
                "facts": [],
                "evil": 1,
            }
        ]
    ),
    "citation facts of numbers": lambda e: e["result"].update(
        citations=[
            {
                "number": 1,
                "source_id": "s",
                "source": "S",
                "url": None,
                "published": None,
                "facts": [{"id": 1}],
            }
        ]
    ),
    "result extra field": lambda e: e["result"].update(html="<script>"),
    "result missing slug": lambda e: e["result"].pop("slug"),
}


@pytest.mark.parametrize("shape", WRONG_SHAPES)
def test_an_entry_of_the_wrong_shape_is_discarded_with_a_warning(
    project: Path, rendered: dict[str, str], shape: str, caplog
) -> None:
    damaged = sorted(json.loads(read_entry(cache_path(project), KIND)))[0]
    rewrite(project, lambda entries: WRONG_SHAPES[shape](first(entries)))
    with caplog.at_level(logging.WARNING, logger="pressgen.cache"):
        room, results = render(project)
    assert room.stats == {"rendered": 1, "from_cache": len(rendered) - 1}
    assert {k: r.markdown for k, r in results.items()} == rendered
    for result in results.values():
        usable(result)
    [record] = caplog.records
    assert record.finding.code == "PG906" and damaged in record.finding.message
    # the cache was written again, whole: the next build renders nothing
    again, _ = render(project)
    assert again.stats["rendered"] == 0


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # a killed writer (before atomic writes)
        lambda data: data[:-1],
        lambda data: b"\x00" * 64,
        lambda data: data.replace(b"Hong Kong", b"Hong Kang", 1),  # changed by hand
    ],
)
def test_a_damaged_cache_file_is_rebuilt_with_a_warning(
    project: Path, rendered: dict[str, str], damage, caplog
) -> None:
    path = cache_path(project)
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level(logging.WARNING, logger="pressgen.cache"):
        room, results = render(project)
    assert room.stats["from_cache"] == 0
    assert {k: r.markdown for k, r in results.items()} == rendered
    [record] = caplog.records
    assert record.finding.code == "PG906" and record.finding.file.startswith(CACHE_DIR)
    assert read_entry(path, KIND)  # rewritten whole
    again, _ = render(project)
    assert again.stats["rendered"] == 0


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(
    project: Path, rendered: dict[str, str], monkeypatch
) -> None:
    from pressgen.build import cache as cache_module

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cache_module, "write_entry", full)
    article = next((project / "content/articles").glob("2025-07-15-*.md"))
    article.write_text(article.read_text() + "\nMore.\n")
    room, results = render(project)
    assert room.stats["rendered"] == 1 and len(results) == len(rendered)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def cached_room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example with a full render cache, made once: examples work on copies."""
    project = copy_example(tmp_path_factory.mktemp("cached") / "project")
    render(project)
    return project


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_value_anywhere_in_an_entry_never_breaks_a_build(
    cached_room: Path, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    project = tmp_path_factory.mktemp("room") / "project"
    shutil.copytree(cached_room, project)
    entries = json.loads(read_entry(cache_path(project), KIND))
    original = copy.deepcopy(entries)
    node: Any = first(entries)
    while isinstance(node, dict | list) and node and data.draw(st.booleans()):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        key = data.draw(st.sampled_from(keys))
        if not isinstance(node[key], dict | list) or data.draw(st.booleans()):
            node[key] = data.draw(JSON)
            break
        node = node[key]
    write_entry(cache_path(project), KIND, json.dumps(entries).encode())
    room, results = render(project)  # never raises
    for result in results.values():
        usable(result)
    if entries == original:
        assert room.stats["rendered"] == 0
