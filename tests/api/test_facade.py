"""The Pressroom facade: documented results, never shared mutable state."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO, TODAY
from pressgen import Pressroom, codes

KEY = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"


def test_validate_article_of_an_unknown_key_returns_findings() -> None:
    room = Pressroom.from_path(REPO, today=TODAY)
    findings = room.validate_article("no-such-article")
    assert [f.code for f in findings] == [codes.USAGE]
    assert "no-such-article" in findings[0].message
    assert findings[0].hint


def test_render_article_gives_each_caller_its_own_copy() -> None:
    room = Pressroom.from_path(REPO, today=TODAY)
    first = room.render_article(KEY)
    first.metadata["title"] = "changed by a caller"
    first.metadata["tags"].append("changed")
    first.citations[0].source = "changed"
    first.findings.append(first.findings[0] if first.findings else None)  # type: ignore[arg-type]
    second = room.render_article(KEY)
    assert second.metadata["title"] != "changed by a caller"
    assert "changed" not in second.metadata["tags"]
    assert second.citations[0].source != "changed"
    assert None not in second.findings


def test_the_facade_holds_no_logic() -> None:
    source = Path(__file__).resolve().parents[2] / "src" / "pressgen" / "pressroom.py"
    assert len(source.read_text("utf-8").splitlines()) < 250
