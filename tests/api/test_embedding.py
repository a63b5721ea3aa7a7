"""The embedding contract: thread safety, round trip, JSON Schema of the content."""

from __future__ import annotations

import datetime as dt
import functools
import json
import threading
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

import pressgen
from conftest import REPO, TODAY
from pressgen import Pressroom
from pressgen.load.documents import parse_front_matter, read_document
from pressgen.model import Article


@pytest.fixture
def room() -> Pressroom:
    """A fresh Pressroom for each test: some replace its methods or fill its caches."""
    return Pressroom.from_path(REPO, today=TODAY)


def snapshot(result: pressgen.RenderedArticle, html: bool = True) -> str:
    return json.dumps(
        [
            result.markdown,
            result.html if html else "",
            result.metadata,
            result.jsonld,
            [c.to_dict() for c in result.citations],
            [f.to_dict() for f in result.findings],
        ],
        sort_keys=True,
    )


@pytest.mark.slow
def test_one_pressroom_renders_identically_from_8_threads(room: Pressroom) -> None:
    """8 threads x 500 renders of one shared Pressroom give byte-identical results.

    Every render is a distinct draft (trailing blank lines differ: a new cache key
    and a new compiled body, the same output), so none is served from the render cache.
    """
    drafts = [a.model_dump(mode="json") for a in room.articles.values()]
    expected = [snapshot(room.render_article(d)) for d in drafts]
    without_html = [snapshot(room.render_article(d), html=False) for d in drafts]
    mismatches: list[int] = []
    errors: list[BaseException] = []

    def worker(thread: int) -> None:
        try:
            for i in range(500):
                n = (i + thread) % len(drafts)
                draft = {**drafts[n], "body": drafts[n]["body"] + "\n" * (1 + thread * 500 + i)}
                # HTML (Markdown then nh3, one converter per thread) on every 10th render.
                with_html = i % 10 == 0
                got = snapshot(room.render_article(draft), html=with_html)
                if got != (expected if with_html else without_html)[n]:
                    mismatches.append(n)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and not mismatches


def test_validate_then_render_of_a_draft_renders_once(room: Pressroom, monkeypatch) -> None:
    calls = []
    from pressgen import pressroom

    original = pressroom.checked_render
    monkeypatch.setattr(pressroom, "checked_render", lambda *a: calls.append(1) or original(*a))
    draft = {**next(iter(room.articles.values())).model_dump(mode="json"), "slug": "draft-x"}
    findings = room.validate_article(draft)
    result = room.render_article(draft)
    assert calls == [1] and findings == result.findings
    result.findings.append("caller's own list")  # a caller changing its copy ...
    assert "caller's own list" not in room.render_article(draft).findings  # ... not the cache


@pytest.mark.parametrize("slug", sorted(Pressroom.from_path(REPO, today=TODAY).articles))
def test_to_front_matter_round_trips(room: Pressroom, slug: str) -> None:
    article = room.articles[slug]
    text = room.to_front_matter(article)
    document, findings = parse_front_matter(text, "roundtrip.md")
    assert not findings
    again = Article.model_validate({**document.data, "body": document.body})
    assert again.model_dump() == article.model_dump()
    assert room.to_front_matter(again) == text  # stable: same text every time


def test_to_front_matter_from_a_cms_dict_keeps_key_order_and_digits(room: Pressroom) -> None:
    data = {
        "body": "Text.\n",
        "summary": "S.",
        "title": "NO",
        "type": "press-release",
        "editor": "deng_yue",
        "dateline": "Hong Kong",
        "date": "2025-11-27T09:00:00+08:00",
    }
    text = room.to_front_matter(data)
    keys = [line.split(":")[0] for line in text.splitlines()[1:6]]
    assert keys == ["type", "title", "date", "dateline", "editor"]
    assert "title: 'NO'" in text  # quoted: a YAML 1.1 reader would make it false


def test_to_front_matter_refuses_invalid_articles(room: Pressroom) -> None:
    with pytest.raises(pressgen.PressgenError) as info:
        room.to_front_matter({"type": "brochure"})
    assert {f.path for f in info.value.findings} >= {"/type", "/title"}


def _json_ready(value):
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    schema = pressgen.json_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_example_content_validates_against_the_json_schema() -> None:
    content = REPO / "content"
    checked = 0
    for kind, file, key in [
        ("company", "company.yml", None),
        ("editor", "editors.yml", "editors"),
        ("source", "sources.yml", "sources"),
        ("settings", "settings.yml", None),
    ]:
        document, _ = read_document(content / file, file, front_matter=False)
        items = document.data[key] if key else [document.data]
        for item in items:
            validator(kind).validate(_json_ready(item))
            checked += 1
    for path in sorted((content / "facts").glob("*.yml")):
        document, _ = read_document(path, path.name, front_matter=False)
        for item in document.data["facts"]:
            validator("fact").validate(_json_ready(item))
            validator(item["kind"]).validate(_json_ready(item))
            checked += 1
    for kind, folder in [("fragment", "fragments"), ("article", "articles")]:
        for path in sorted((content / folder).glob("*.md")):
            document, _ = read_document(path, path.name, front_matter=True)
            validator(kind).validate(_json_ready({**document.data, "body": document.body}))
            checked += 1
    assert checked >= 40


def test_schema_rejects_what_the_model_rejects() -> None:
    errors = list(validator("article").iter_errors({"type": "brochure", "title": "x"}))
    assert {e.validator for e in errors} >= {"enum", "required"}


@pytest.mark.parametrize("kind", sorted(pressgen.schema.SCHEMA_TYPES))
def test_every_schema_field_is_explained(kind: str) -> None:
    schema = pressgen.json_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    models = [schema, *schema.get("$defs", {}).values()]
    for model in models:
        for name, field in model.get("properties", {}).items():
            assert field.get("description"), f"{kind}: '{name}' has no description"


def test_cli_schema_prints_json(capsys) -> None:
    from click.testing import CliRunner

    from pressgen.cli import main

    result = CliRunner().invoke(main, ["schema", "figure"])
    assert result.exit_code == 0
    assert json.loads(result.output)["properties"]["value"]["description"]


def test_rendering_writes_no_files(tmp_path: Path, room: Pressroom, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    for slug in room.articles:
        room.render_article(slug).html  # noqa: B018
    assert list(tmp_path.iterdir()) == []
