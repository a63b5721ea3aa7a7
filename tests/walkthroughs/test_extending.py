"""The three walkthroughs of ARCHITECTURE.md, kept working: a new check (PG328), a new
kind of fact (statement) and a new output file (JSON Feed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CMS_COMPANY as COMPANY
from conftest import CMS_EDITOR as EDITOR
from conftest import TODAY, build_project
from pressgen import Pressroom, codes
from pressgen.check.headlines import headline_fits
from pressgen.check.registry import ARTICLE_RULES_BEFORE_RENDER
from pressgen.model import FACT_KINDS, Statement
from pressgen.schema import SCHEMA_TYPES

STATEMENT = {
    "kind": "statement",
    "id": "nmpa_rwd_guideline",
    "source": "nmpa",
    "who": "China's National Medical Products Administration",
    "what": "issued guidelines on using real-world data in drug approvals",
    "date": "2025-10-08",
    "jurisdiction": "China",
    "translations": {
        "zh-Hant-HK": {
            "who": "國家藥監局",
            "what": "發佈真實世界數據指導原則",
            "jurisdiction": "中國",
        }
    },
}


def _room(title: str, body: str, facts: list[str], lang: str | None = None) -> Pressroom:
    article = {
        "type": "market-update",
        "title": title,
        "date": "2025-11-27",
        "dateline": "Hong Kong",
        "editor": "ed",
        "summary": "A summary.",
        "facts": facts,
        "body": body,
    }
    if lang:
        article["lang"] = lang
    return Pressroom.from_data(
        {
            "settings": {"languages": ["en", "zh-Hant-HK"]},
            "company": COMPANY,
            "editors": [EDITOR],
            "sources": [{"id": "nmpa", "name": "National Medical Products Administration"}],
            "facts": [STATEMENT],
            "fragments": [
                {"id": "about", "title": "About", "body": "About us."},
                {"id": "about", "title": "關於", "lang": "zh-Hant-HK", "body": "關於我們。"},
            ],
            "articles": [article],
        },
        today=TODAY,
    )


# 1. A new check: one function in check/headlines.py, one line in check/registry.py.
def test_a_long_headline_is_a_located_warning() -> None:
    room = _room("A" * 111, "Text.", [])
    found = [
        f for f in room.validate_article(next(iter(room.articles))) if f.code == codes.LONG_HEADLINE
    ]
    assert [(f.severity, f.path) for f in found] == [("warning", "/articles/0/title")]
    assert headline_fits in ARTICLE_RULES_BEFORE_RENDER


def test_a_headline_of_110_characters_passes() -> None:
    room = _room("A" * 110, "Text.", [])
    codes_found = {f.code for f in room.validate_article(next(iter(room.articles)))}
    assert codes.LONG_HEADLINE not in codes_found


# 2. A new kind of fact: the model in model/facts.py, its view in render/citations.py,
#    its wording in the three label tables.
def test_a_statement_is_citable_in_every_field_and_listed_in_sources() -> None:
    body = (
        "{{ fact.nmpa_rwd_guideline }}. Who: {{ fact.nmpa_rwd_guideline.who }}; "
        "where: {{ fact.nmpa_rwd_guideline.jurisdiction }}; "
        "when: {{ fact.nmpa_rwd_guideline.date }}."
    )
    room = _room("Regulator moves on real-world data", body, ["nmpa_rwd_guideline"])
    result = room.render_article(next(iter(room.articles)))
    assert result.ok, result.findings
    assert (
        "China's National Medical Products Administration issued guidelines on using "
        "real-world data in drug approvals on October 8, 2025." in result.markdown
    )
    assert "where: China; when: October 8, 2025." in result.markdown
    assert [c.source_id for c in result.citations] == ["nmpa"]


def test_a_statement_speaks_the_article_language() -> None:
    room = _room(
        "監管動向", "{{ fact.nmpa_rwd_guideline }}。", ["nmpa_rwd_guideline"], "zh-Hant-HK"
    )
    result = room.render_article(next(iter(room.articles)))
    assert "國家藥監局於2025年10月8日發佈真實世界數據指導原則" in result.markdown


def test_the_new_kind_is_in_the_schema_and_round_trips() -> None:
    assert SCHEMA_TYPES["statement"] is FACT_KINDS["statement"] is Statement
    fact = Statement.model_validate(STATEMENT)
    assert Statement.model_validate(fact.model_dump()) == fact


# 3. A new output file: its address in urls.py, its writer in publish/feeds.py, its
#    <link> in publish/mkdocs_plugin.py.
@pytest.mark.site
@pytest.mark.slow
def test_each_language_gets_a_json_feed(project: Path, tmp_path: Path) -> None:
    result = build_project(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for folder in ("", "zh-hant/", "zh-hans/"):
        feed = json.loads((tmp_path / "site" / f"{folder}feed.json").read_text("utf-8"))
        assert feed["version"] == "https://jsonfeed.org/version/1.1"
        assert feed["feed_url"].endswith(f"/{folder}feed.json")
        assert feed["items"], folder
        for item in feed["items"]:
            page = item["url"].split("/", 3)[3]
            assert (tmp_path / "site" / page / "index.html").is_file()
    home = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert 'type="application/feed+json"' in home
