"""``pressgen new``: a project's archetype is code nobody here wrote, filled in under limits."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import write
from pressgen import codes
from pressgen.cli import main

ARCHETYPE = "templates/archetypes/press-release.md.j2"


def new(project: Path, archetype: str, timeout: float = 0.5):  # type: ignore[no-untyped-def]
    write(project / ARCHETYPE, "---\ntitle: {{ title }}\ndraft: true\n---\n" + archetype + "\n")
    settings = project / "content/settings.yml"
    settings.write_text(settings.read_text() + f"render_timeout_s: {timeout}\n")
    return CliRunner().invoke(main, ["new", "press-release", "A new release", "-p", str(project)])


def test_a_projects_archetype_is_used(project: Path) -> None:
    result = new(project, "Dear {{ editor }}, write here.")
    assert result.exit_code == 0, result.output
    [made] = (project / "content/articles").glob("*a-new-release.md")
    assert "Dear deng_yue, write here." in made.read_text()


@pytest.mark.parametrize(
    ("archetype", "code"),
    [
        (
            "{% set s = 'x' * 99999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
            codes.RENDER_TIMEOUT,
        ),
        ("{{ 'a'.center(10**9) }}", codes.OUTPUT_TOO_LARGE),
        ("{{ title.__class__.__mro__ }}", codes.SANDBOX),
        ("{% if %}", codes.TEMPLATE_SYNTAX),
    ],
)
def test_an_archetype_that_runs_away_or_breaks_is_a_located_finding(
    project: Path, archetype: str, code: str
) -> None:
    """There was no limit at all: a runaway archetype hung `pressgen new` for ever."""
    before = sorted(os.listdir(project / "content/articles"))
    start = time.monotonic()
    result = new(project, archetype)
    assert time.monotonic() - start < 15
    assert result.exit_code == 2, result.output
    assert ARCHETYPE in result.output and f"{code} line 5" in result.output
    assert "Traceback" not in result.output
    assert sorted(os.listdir(project / "content/articles")) == before  # nothing written
