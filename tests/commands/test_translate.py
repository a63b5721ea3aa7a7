"""`pressgen translate`: a draft translation next to its original, never overwriting."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY
from pressgen import Pressroom

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"


def test_translate_command_starts_a_draft_translation(project: Path) -> None:
    from click.testing import CliRunner

    from pressgen.cli import main

    key = "china-s-out-licensing-boom-meets-its-first-reality-check"
    runner = CliRunner()
    result = runner.invoke(main, ["translate", key, "--lang", "zh-Hans-CN", "-p", str(project)])
    assert result.exit_code == 0, result.output
    path = project / "content/articles/2025-07-15-outlicensing-reality-check.zh-Hans-CN.md"
    text = path.read_text("utf-8")
    assert "lang: zh-Hans-CN\n" in text and f"translation_of: {key}\n" in text
    assert "draft: true\n" in text
    room = Pressroom.from_path(project, today=TODAY)
    assert not room.errors
    assert room.articles[f"zh-hans/{key}"].draft
    again = runner.invoke(main, ["translate", key, "--lang", "zh-Hans-CN", "-p", str(project)])
    assert again.exit_code == 2 and "never overwrites" in again.output
    assert path.read_text("utf-8") == text
    wrong = runner.invoke(
        main, ["translate", "zh-hant/" + RELEASE, "--lang", "en", "-p", str(project)]
    )
    assert wrong.exit_code == 2 and "itself a translation" in wrong.output
