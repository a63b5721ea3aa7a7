"""How commands stop: findings print literally, unexpected exceptions become PG999 and exit 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pressgen import codes
from pressgen.cli import main
from pressgen.errors import PressgenError
from pressgen.findings import Finding

ARTICLE = "content/articles/2026-02-12-china-biopharma-in-figures.md"
# Rich markup and an emoji code: both must reach the screen exactly as typed.
TRICKY = "[/x] [bold]x[/bold] :smile:"


def run(*args: str, **env: str):
    return CliRunner(env=env).invoke(main, list(args), catch_exceptions=False)


def with_tricky_editor(project: Path) -> Path:
    path = project / ARTICLE
    path.write_text(path.read_text().replace("editor: deng_yue", f'editor: "{TRICKY}"'))
    return project


@pytest.mark.parametrize("verb", ["check", "build"])
def test_markup_in_a_finding_prints_literally_and_exits_1(project: Path, verb: str) -> None:
    result = run(verb, "-p", str(with_tricky_editor(project)))
    assert result.exit_code == 1, result.output
    assert f"'{TRICKY}'" in result.output
    assert "PG202" in result.output
    assert "Traceback" not in result.output


def test_markup_in_a_file_name_prints_literally(project: Path) -> None:
    bad = project / "content/articles/[bold]note[red].md"
    bad.write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    result = run("check", "-p", str(project))
    assert result.exit_code == 1, result.output
    assert "content/articles/[bold]note[red].md" in result.output


def test_markup_in_a_usage_note_prints_literally() -> None:
    result = run("schema", "[/x]")
    assert result.exit_code == 2
    assert "unknown type '[/x]'" in result.output


def _raise(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom in check")


def test_unexpected_exception_is_an_internal_error_exit_3_without_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("pressgen.commands.check.check", _raise)
    result = run("check", "-p", str(project))
    assert result.exit_code == 3
    assert codes.INTERNAL_ERROR in result.output
    assert "internal error (RuntimeError: boom in check)" in result.output
    assert "--debug" in result.output  # the hint says how to get the traceback
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "env"), [(["--debug"], {}), ([], {"PRESSGEN_DEBUG": "1"})], ids=["flag", "env"]
)
def test_debug_shows_the_traceback(
    project: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str]
) -> None:
    monkeypatch.setattr("pressgen.commands.check.check", _raise)
    result = run(*args, "check", "-p", str(project), **env)
    assert result.exit_code == 3
    assert "Traceback (most recent call last)" in result.output
    assert "RuntimeError: boom in check" in result.output
    assert codes.INTERNAL_ERROR in result.output


def test_a_library_error_no_command_caught_prints_its_findings_and_exits_1(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise PressgenError([Finding(code=codes.UNKNOWN_FACT, message="no fact 'x'")])

    monkeypatch.setattr("pressgen.commands.check.check", fail)
    result = run("check", "-p", str(project))
    assert result.exit_code == 1
    assert "error PG302 file: no fact 'x'" in result.output
    assert codes.INTERNAL_ERROR not in result.output
