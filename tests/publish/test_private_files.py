"""What editors write as sources of pages is never published as it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import build_project, write

pytestmark = [pytest.mark.site, pytest.mark.slow]

RULES = """id: house
title: House style
rules:
  - id: no-miracle
    patterns: ["miracle"]
    reason: not a word for medicines
"""


def test_rule_sets_facts_and_articles_stay_out_of_the_site(project: Path, tmp_path: Path) -> None:
    write(project / "content" / "rules" / "house.yml", RULES)
    settings = project / "content" / "settings.yml"
    settings.write_text(
        settings.read_text("utf-8") + "rule_sets: [hk-public, house]\n", encoding="utf-8"
    )
    result = build_project(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert not [p for p in published if p.startswith(("rules/", "facts/", "articles/"))]
    assert not [p for p in published if p.endswith((".yml", ".yaml"))]
