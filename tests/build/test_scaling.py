"""Scaling guards: per-article work is constant as the press room grows; nothing is redone.

These count operations instead of timing them (timings belong to benchmarks/run.py).
Each test gets its own copy of the generated press rooms (``generated_room``): they edit
articles and damage caches.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import NOW_DT, TODAY
from pressgen import Pressroom
from pressgen.build.cache import CACHE_DIR
from pressgen.load import documents
from pressgen.render import environment, placeholders


def count_work(project: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    counts = {"reads": 0, "jinja_renders": 0, "simple_renders": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            counts[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(documents, "read_text", counting("reads", documents.read_text))
    monkeypatch.setattr(
        environment, "render_limited", counting("jinja_renders", environment.render_limited)
    )
    monkeypatch.setattr(
        placeholders.SimpleTemplate,
        "render",
        counting("simple_renders", placeholders.SimpleTemplate.render),
    )
    import pressgen.render.article as article_module

    monkeypatch.setattr(
        article_module, "render_limited", counting("jinja_renders", environment.render_limited)
    )
    room = Pressroom.from_path(project)
    room.render_all(use_cache=False)
    monkeypatch.undo()
    return counts


def test_work_per_article_does_not_grow_with_the_press_room(generated_room, monkeypatch) -> None:
    small = count_work(generated_room(20), monkeypatch)
    large = count_work(generated_room(60), monkeypatch)
    # One read per article file, plus a fixed number of other files.
    assert small["reads"] - 20 == large["reads"] - 60
    # The same number of template renders per article, whatever the size (give or
    # take the fragments that a fifth of the generated articles include).
    for kind in ("jinja_renders", "simple_renders"):
        per_article_small, per_article_large = small[kind] / 20, large[kind] / 60
        assert abs(per_article_large - per_article_small) <= 0.15 * per_article_small, kind


def test_second_build_renders_nothing_and_edits_render_only_what_they_touch(
    generated_room,
) -> None:
    project = generated_room(60)
    first = Pressroom.from_path(project)
    first.render_all()
    again = Pressroom.from_path(project)
    again.render_all()
    assert again.stats == {"rendered": 0, "from_cache": 60}

    article = sorted((project / "content/articles").glob("*.md"))[7]
    article.write_text(article.read_text() + "\nOne more sentence.\n")
    edited = Pressroom.from_path(project)
    edited.render_all()
    assert edited.stats["rendered"] == 1

    facts = project / "content/facts/facts-000.yml"
    text = facts.read_text()
    value_at = text.index("    value: ")  # the first figure's own value line
    fact_id = text[:value_at].rsplit("- id: ", 1)[1].split("\n", 1)[0]
    citing = [s for s, a in edited.articles.items() if fact_id in a.facts]
    assert citing
    facts.write_text(text[:value_at] + "    value: 1" + text[value_at + len("    value: ") :])
    after_fact = Pressroom.from_path(project)
    after_fact.render_all()
    assert after_fact.stats["rendered"] == len(citing)


@pytest.mark.parametrize("damage", ["garbage", "other-version", "bad-checksum"])
def test_a_corrupt_or_foreign_cache_is_ignored(generated_room, damage: str) -> None:
    project = generated_room(20)
    room = Pressroom.from_path(project)
    expected = {s: r.markdown for s, r in room.render_all().items()}
    [cache_file] = (project / CACHE_DIR).glob("renders-*.json")
    header, _, body = cache_file.read_bytes().partition(b"\n")
    if damage == "garbage":
        cache_file.write_bytes(b"\x00not json at all")
    elif damage == "other-version":
        cache_file.write_bytes(header.replace(b'"version": "', b'"version": "9') + b"\n" + body)
    else:
        cache_file.write_bytes(header + b"\n" + body.replace(b"The figure was", b"The figure is"))
    reloaded = Pressroom.from_path(project)
    results = reloaded.render_all()
    assert reloaded.stats == {"rendered": 20, "from_cache": 0}
    assert {s: r.markdown for s, r in results.items()} == expected


def test_parallel_and_sequential_renders_agree(generated_room) -> None:
    room = Pressroom.from_path(generated_room(60))
    one = room.render_all(use_cache=False, workers=1)
    from pressgen.build import workers

    saved = workers.PARALLEL_MIN
    workers.PARALLEL_MIN = 10
    try:
        two = room.render_all(use_cache=False, workers=2)
    finally:
        workers.PARALLEL_MIN = saved
    assert [(s, r.markdown, r.metadata) for s, r in one.items()] == [
        (s, r.markdown, r.metadata) for s, r in two.items()
    ]


def test_render_cache_is_invalidated_by_a_change_in_pressgen_itself(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed rule or formatter must not be hidden behind cached results."""
    from pressgen.build import keys

    first = Pressroom.from_path(project, today=TODAY)
    first.render_all(now=NOW_DT)
    again = Pressroom.from_path(project, today=TODAY)
    again.render_all(now=NOW_DT)
    assert again.stats["rendered"] == 0
    monkeypatch.setattr(keys, "code_digest", lambda: "another pressgen")
    changed = Pressroom.from_path(project, today=TODAY)
    changed.render_all(now=NOW_DT)
    assert changed.stats["from_cache"] == 0 and changed.stats["rendered"] > 0


def test_a_render_that_failed_for_want_of_a_fragment_is_redone_once_it_exists(
    project: Path,
) -> None:
    fragment = project / "content" / "fragments" / "about-dengyuemed.zh-Hans-CN.md"
    kept = fragment.read_text("utf-8")
    fragment.unlink()
    broken = Pressroom.from_path(project, today=TODAY)
    failed = broken.render_all(now=NOW_DT)
    assert any(not r.ok for k, r in failed.items() if k.startswith("zh-hans/"))
    fragment.write_text(kept, encoding="utf-8")
    fixed = Pressroom.from_path(project, today=TODAY)
    results = fixed.render_all(now=NOW_DT)
    assert all(r.ok for r in results.values())
    assert fixed.stats["rendered"] >= 1
