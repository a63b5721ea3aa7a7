"""One topic, one spelling, one page: tags written two ways are an error naming both."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from conftest import CMS_COMPANY, CMS_EDITOR, TODAY
from pressgen import Pressroom, codes
from pressgen.model.types import Tag
from pressgen.urls import tag_slug


def _article(slug: str, tags: list[str]) -> dict[str, object]:
    return {
        "type": "press-release",
        "title": f"Article {slug}",
        "slug": slug,
        "date": "2025-11-27",
        "dateline": "Hong Kong",
        "editor": "ed",
        "summary": "A summary.",
        "tags": tags,
        "body": "Body text.",
    }


def _clashes(*tag_lists: list[str], topics: list[str] | None = None) -> list:
    data: dict[str, object] = {
        "company": CMS_COMPANY,
        "editors": [CMS_EDITOR],
        "fragments": [{"id": "about", "title": "About", "body": "About us."}],
        "articles": [_article(f"a{i}", tags) for i, tags in enumerate(tag_lists)],
    }
    if topics is not None:
        data["tags"] = [{"name": name} for name in topics]
    room = Pressroom.from_data(data, today=TODAY)
    return [f for f in room.check() if f.code == codes.TAG_CLASH]


def test_one_spelling_everywhere_is_fine() -> None:
    assert _clashes(["exports", "cold chain"], ["exports"]) == []


def test_two_cases_of_one_tag_name_both_spellings() -> None:
    [finding] = _clashes(["exports"], ["Exports"])
    assert finding.path == "/articles/1/tags/0"
    assert "'Exports'" in finding.message and "'exports'" in finding.message
    assert finding.hint == "write it exactly as 'exports'"


def test_composed_and_decomposed_accents_are_one_tag() -> None:
    assert _clashes(["caf\u00e9"], ["cafe\u0301"]) == []  # both stored in NFC


def test_different_tags_with_one_address_are_an_error() -> None:
    [finding] = _clashes(["R&D"], ["R-D"])
    assert "tags/r-d/" in finding.message and "different words" in finding.message


def test_two_tags_of_one_article_with_one_address() -> None:
    [finding] = _clashes(["cold chain", "cold-chain"])
    assert finding.path == "/articles/0/tags/1"


def test_with_tags_yml_its_spelling_is_the_one() -> None:
    [finding] = _clashes(["Exports"], topics=["exports"])
    assert finding.hint == "write it as in content/tags.yml: 'exports'"


def test_topics_of_tags_yml_that_share_a_page(project: Path) -> None:
    tags = project / "content/tags.yml"
    tags.write_text(tags.read_text() + "  - name: Oncology\n")
    found = [
        f for f in Pressroom.from_path(project, today=TODAY).findings if f.code == codes.TAG_CLASH
    ]
    [finding] = found
    assert finding.file == "content/tags.yml" and finding.path == "/tags/7/name"
    assert "'oncology'" in finding.message


def _is_tag(text: str) -> bool:
    try:
        TypeAdapter(Tag).validate_python(text)
    except ValidationError:
        return False
    return True


words = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=12).filter(_is_tag)


@settings(max_examples=100, deadline=None)
@given(st.lists(words, min_size=1, max_size=6))
def test_no_two_spellings_share_a_page_unreported(tags: list[str]) -> None:
    """Any tags over a few articles: either every topic page has one spelling, or a
    clash is reported."""
    nfc = [unicodedata.normalize("NFC", t) for t in tags]
    spellings: dict[str, set[str]] = {}
    for tag in nfc:
        spellings.setdefault(tag_slug(tag), set()).add(tag)
    shared = any(len(s) > 1 for s in spellings.values())
    found = _clashes(*([t] for t in tags))
    assert bool(found) == shared, (tags, [str(f) for f in found])
