"""The Python API used by a CMS: plain dicts in, findings and renders out, no files."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, TODAY
from pressgen import Pressroom, codes
from pressgen.load.documents import parse_data_file

DATA = {
    "company": {
        "name": "Acme Pharma",
        "headquarters": "Hong Kong",
        "website": "https://acme.example",
        "description": "We trade medicines.",
        "boilerplate": "about",
    },
    "editors": [
        {"id": "ed", "name": "Ann Lee", "email": "ann@acme.example", "telephone": "+852 1234 5678"}
    ],
    "sources": [{"id": "src", "name": "Statistics Office", "url": "https://stats.example"}],
    "facts": [
        {
            "id": "exports",
            "kind": "figure",
            "label": "Exports",
            "value": "12.5",
            "scale": "billion",
            "currency": "USD",
            "source": "src",
            "as_of": "2025-10-01",
        }
    ],
    "fragments": [{"id": "about", "title": "About", "body": "Acme trades medicines."}],
}
ARTICLE = {
    "type": "press-release",
    "title": "Acme grows",
    "date": "2025-11-28T09:00:00+08:00",
    "dateline": "Hong Kong",
    "editor": "ed",
    "summary": "Acme grows.",
    "facts": ["exports"],
    "body": "Exports were {{ fact.exports }}.",
}


def test_from_data_renders_markdown_html_and_metadata() -> None:
    room = Pressroom.from_data(DATA, today=TODAY)
    assert room.findings == []
    result = room.render_article(ARTICLE)
    assert result.ok, result.findings
    assert "Exports were $12.5 billion." in result.markdown
    assert "<strong>Company:</strong> Acme Pharma" in result.html
    assert result.metadata["slug"] == "acme-grows"
    assert result.citations[0].source == "Statistics Office"


def test_validate_article_gives_json_pointers() -> None:
    room = Pressroom.from_data(DATA, today=TODAY)
    bad = {**ARTICLE, "editor": "nobody", "facts": ["exports", "nope"]}
    paths = {f.path: f.code for f in room.validate_article(bad)}
    assert paths["/editor"] == codes.UNKNOWN_EDITOR
    assert paths["/facts/1"] == codes.UNKNOWN_FACT


def test_bad_data_paths_point_into_the_submitted_dict() -> None:
    data = {**DATA, "facts": [{**DATA["facts"][0], "value": "lots"}]}
    room = Pressroom.from_data(data, today=TODAY)
    assert [f.path for f in room.findings] == ["/facts/0/value"]


def test_html_is_sanitised() -> None:
    room = Pressroom.from_data(DATA, today=TODAY)
    body = 'Hi <script>alert(1)</script> <a href="javascript:alert(1)" onclick="x()">x</a>'
    html = room.render_article({**ARTICLE, "body": body}).html
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html


def test_json_schema_describes_every_field_of_an_article() -> None:
    from pressgen.schema import json_schema

    schema = json_schema("article")
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"type", "title", "date", "dateline", "editor", "facts"} <= set(schema["properties"])
    assert set(schema["required"]) >= {"type", "title", "date", "dateline", "editor", "summary"}


def test_company_file_matches_the_model() -> None:
    doc, findings = parse_data_file((REPO / "content/company.yml").read_text(), "company.yml")
    assert not findings and doc.data["boilerplate"] == "about_dengyuemed"


def test_unknown_article_id_is_a_finding_not_an_exception(tmp_path: Path) -> None:
    room = Pressroom.from_data(DATA, today=TODAY)
    result = room.render_article("no-such-article")
    assert [f.code for f in result.findings] == [codes.USAGE]
    assert not result.ok and result.markdown == ""
