"""Findings are located from the record a value was read from (file, line, JSON pointer)."""

from __future__ import annotations

from pathlib import Path

from conftest import CMS_COMPANY as COMPANY
from conftest import CMS_EDITOR as EDITOR
from conftest import TODAY, write
from pressgen import Pressroom, codes


def _article(title: str, **extra: object) -> dict[str, object]:
    return {
        "type": "press-release",
        "title": title,
        "date": "2025-11-27",
        "dateline": "Hong Kong",
        "editor": "ed",
        "summary": "A summary.",
        "body": "Body text.",
        **extra,
    }


def _room(*articles: dict[str, object]) -> Pressroom:
    return Pressroom.from_data(
        {
            "company": COMPANY,
            "editors": [EDITOR],
            "fragments": [{"id": "about", "title": "About", "body": "About us."}],
            "articles": list(articles),
        },
        today=TODAY,
    )


def test_cross_file_findings_of_in_memory_articles_point_into_the_payload() -> None:
    room = _room(_article("First"), _article("Second", corrects="no-such-release"))
    found = [f for f in room.findings if f.code == codes.UNKNOWN_CORRECTED]
    assert [f.path for f in found] == ["/articles/1/corrects"]


def test_a_tie_in_that_does_not_exist_points_at_its_own_article() -> None:
    room = _room(_article("First"), _article("Second"), _article("Third", tie_in="missing"))
    found = [f for f in room.findings if f.code == codes.UNKNOWN_FRAGMENT]
    assert [f.path for f in found] == ["/articles/2/tie_in"]


def test_a_duplicate_slug_points_at_the_second_article() -> None:
    room = _room(_article("Same title"), _article("Same title"))
    found = [f for f in room.findings if f.code == codes.DUPLICATE_SLUG]
    assert [f.path for f in found] == ["/articles/1/slug"]


def test_the_same_check_on_a_file_names_the_file_line_and_field(project: Path) -> None:
    path = project / "content" / "articles" / "2025-11-28-bad-correction.md"
    write(
        path,
        "---\ntype: press-release\ntitle: A correction of nothing\ndate: 2025-11-28\n"
        "dateline: Hong Kong\neditor: deng_yue\nsummary: A summary.\n"
        "corrects: no-such-release\n---\nBody.\n",
    )
    room = Pressroom.from_path(project, today=TODAY)
    found = [f for f in room.findings if f.code == codes.UNKNOWN_CORRECTED]
    assert [(f.file, f.line, f.path) for f in found] == [
        ("content/articles/2025-11-28-bad-correction.md", 8, "/corrects")
    ]


def test_findings_raised_while_rendering_point_into_the_payload() -> None:
    figure = {
        "kind": "figure",
        "id": "exports",
        "source": "customs",
        "label": "Exports",
        "value": 91.17,
        "scale": "billion",
        "currency": "USD",
        "as_of": "2025-11-20",
    }
    room = Pressroom.from_data(
        {
            "company": COMPANY,
            "editors": [EDITOR],
            "sources": [{"id": "customs", "name": "Customs"}],
            "facts": [figure],
            "fragments": [{"id": "about", "title": "About", "body": "About us."}],
            "articles": [_article("First"), _article("Second", body="{{ fact.exports }}")],
        },
        today=TODAY,
    )
    findings = room.render_article(list(room.articles)[1]).findings
    assert [(f.code, f.file, f.path) for f in findings] == [
        (codes.UNDECLARED_FACT, None, "/articles/1/facts")
    ]
