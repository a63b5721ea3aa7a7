"""`pressgen export -o`: an output that cannot be written is a PG908 finding with a hint,
never a traceback, and nothing is overwritten."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW
from pressgen.cli import main

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"


def export(project: Path, output: str | Path, *extra: str):
    return CliRunner().invoke(
        main, ["export", RELEASE, "-p", str(project), "--now", NOW, "-o", str(output), *extra]
    )


@pytest.mark.parametrize(
    ("output", "says"),
    [
        ("missing-dir/x.txt", "does not exist"),
        ("missing/deeper/x.json", "does not exist"),
        ("content/facts/trade.yml/x.txt", "is a file, not a folder"),
    ],
)
def test_an_output_that_cannot_be_made_is_a_finding(project: Path, output: str, says: str) -> None:
    result = export(project, project / output)
    assert result.exit_code == 2, result.output
    assert "PG908" in result.output and says in result.output and "fix:" in result.output
    assert "Traceback" not in result.output and "PG999" not in result.output
    assert not (project / output).exists()


def test_a_folder_that_cannot_be_written_is_a_finding(project: Path) -> None:
    folder = project / "locked"
    folder.mkdir()
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
        if made.returncode != 0:
            pytest.skip("running as root on a file system without chattr +i")
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o555)
        undo = ["chmod", "755", str(folder)]
    try:
        result = export(project, folder / "release.txt")
    finally:
        subprocess.run(undo, check=True)
    assert result.exit_code == 2, result.output
    assert "PG908" in result.output and "writable" in result.output
    assert list(folder.iterdir()) == []


def test_the_export_is_written_where_it_can_be(project: Path) -> None:
    result = export(project, project / "release.txt")
    assert result.exit_code == 0, result.output
    assert "DengYueMed" in (project / "release.txt").read_text("utf-8")
    again = export(project, project / "release.txt")
    assert again.exit_code == 1 and "never overwrites" in again.output


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    parts=st.lists(
        st.sampled_from(["content", "facts", "trade.yml", "nope", "..", "x.txt", "site"]),
        min_size=1,
        max_size=4,
    )
)
def test_any_output_path_gives_an_answer_not_a_traceback(project: Path, parts: list[str]) -> None:
    output = project.joinpath(*parts)
    before = {p: p.stat().st_mtime_ns for p in project.rglob("*") if p.is_file()}
    result = export(project, output)
    assert result.exit_code in {0, 1, 2}, result.output
    assert "Traceback" not in result.output and "PG999" not in result.output
    after = {p: p.stat().st_mtime_ns for p in project.rglob("*") if p.is_file()}
    assert {p: t for p, t in after.items() if p in before} == before  # nothing overwritten
    if result.exit_code == 0:
        output.unlink()
