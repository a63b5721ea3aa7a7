"""The command line: exit codes, messages, and never overwriting a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import NOW, write
from pressgen.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_check_passes_on_the_example(project: Path) -> None:
    result = run("check", "-p", str(project))
    assert result.exit_code == 0
    assert "8 article(s)" in result.output


def test_check_prints_all_findings_grouped_by_file_and_exits_1(project: Path) -> None:
    write(project / "content/facts/bad.yml", "facts:\n  - id: x\n    kind: figure\n")
    path = project / "content/editors.yml"
    path.write_text(path.read_text().replace("press@dengyuemed.com", "not-an-email"))
    result = run("check", "-p", str(project))
    assert result.exit_code == 1
    assert "content/facts/bad.yml" in result.output
    assert "content/editors.yml" in result.output
    assert "line 6" in result.output and "fix:" in result.output


def test_usage_error_exits_2(project: Path) -> None:
    assert run("new", "brochure", "Title", "-p", str(project)).exit_code == 2


def test_new_creates_a_draft_that_checks_and_never_overwrites(project: Path) -> None:
    first = run("new", "market-update", "Hong Kong re-exports rise", "-p", str(project))
    assert first.exit_code == 0, first.output
    [created] = (project / "content/articles").glob("*hong-kong-re-exports-rise.md")
    assert "type: market-update" in created.read_text()
    assert "editor: deng_yue" in created.read_text()
    created.write_text(created.read_text() + "\nMy own words.\n")
    second = run("new", "market-update", "Hong Kong re-exports rise", "-p", str(project))
    assert second.exit_code == 2
    assert "never overwrites" in second.output
    assert "My own words." in created.read_text()
    assert run("check", "-p", str(project)).exit_code == 0


def test_render_prints_markdown_by_path_or_slug(project: Path, monkeypatch) -> None:
    monkeypatch.chdir(project)
    by_path = run("render", "content/articles/2025-11-27-dengyuemed-single-export-desk.md")
    assert by_path.exit_code == 0
    assert "**HONG KONG, Nov. 27, 2025 —**" in by_path.output
    by_slug = run("render", "china-s-out-licensing-boom-meets-its-first-reality-check")
    assert "## Key figures" in by_slug.output


def test_every_command_has_help() -> None:
    for command in ("new", "check", "render", "build", "serve", "schema", "export", "translate"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


@pytest.mark.site
@pytest.mark.slow
def test_build_writes_site(project: Path) -> None:
    result = run("build", "-p", str(project), "--now", NOW)
    assert result.exit_code == 0, result.output
    assert (project / "site/news/index.html").is_file()


def test_readme_lists_every_finding_code() -> None:
    from conftest import REPO
    from pressgen import codes

    readme = (REPO / "README.md").read_text("utf-8")
    defined = {v for k, v in vars(codes).items() if k.isupper()}
    for code in defined:
        assert f"| {code} |" in readme, f"{code} is missing from README's troubleshooting"
