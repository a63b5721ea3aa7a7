"""The renderer's template loader reads project templates only from inside their folder
(render/environment.py ConfinedLoader over load/confined.py), and a refused template
never silently falls back to pressgen's own one."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from click.testing import CliRunner

from conftest import ARTICLE, TODAY, write
from pressgen import Pressroom, codes
from pressgen.cli import main

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"


def test_a_template_linked_outside_is_refused_when_read_and_when_rendered(
    project: Path,
) -> None:
    (project / "templates/press-release.md.j2").symlink_to("/etc/passwd")
    room = Pressroom.from_path(project, today=TODAY)
    [found] = [f for f in room.findings if f.file == "templates/press-release.md.j2"]
    assert found.code == codes.OUTSIDE_PROJECT and found.hint
    result = room.render_article(RELEASE)
    assert result.markdown == ""  # no fallback to pressgen's own press-release template
    [refused] = [f for f in result.findings if f.code == codes.OUTSIDE_PROJECT]
    assert refused.file == "templates/press-release.md.j2"
    assert "root:" not in "\n".join(str(f) for f in [*room.findings, *result.findings])


def test_an_included_template_linked_outside_is_refused(project: Path) -> None:
    (project / "templates/partial.md.j2").symlink_to("/etc/hostname")
    hostname = Path("/etc/hostname").read_text().strip()
    settings = project / "content/settings.yml"  # {% include %} in a body needs the opt-in
    settings.write_text(settings.read_text() + "bodies: jinja\n")
    write(
        project / "content/articles/case.md",
        ARTICLE.format(title="Include") + "{% include 'partial.md.j2' %}\n",
    )
    room = Pressroom.from_path(project, today=TODAY)
    key = next(k for k, a in room.articles.items() if a.origin.file == "content/articles/case.md")
    result = room.render_article(key)
    assert [f.code for f in result.findings if f.is_error] == [codes.OUTSIDE_PROJECT]
    assert hostname not in result.markdown


def test_a_template_that_is_a_named_pipe_does_not_block(project: Path) -> None:
    os.mkfifo(project / "templates/press-release.md.j2")
    outcome: list[list[str]] = []

    def render() -> None:
        room = Pressroom.from_path(project, today=TODAY)
        result = room.render_article(RELEASE)
        outcome.append([f.code for f in [*room.findings, *result.findings] if f.is_error])

    worker = threading.Thread(target=render, daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert outcome == [[codes.NOT_A_FILE, codes.NOT_A_FILE]]


def test_a_template_linked_inside_its_folder_is_used(project: Path) -> None:
    source = (Path(__file__).parents[2] / "src/pressgen/templates/press-release.md.j2").read_text()
    write(project / "templates/shared/release.md.j2", source.replace("\\#\\#\\#", "-- ends --"))
    (project / "templates/press-release.md.j2").symlink_to("shared/release.md.j2")
    room = Pressroom.from_path(project, today=TODAY)
    assert not room.errors
    assert "-- ends --" in room.render_article(RELEASE).markdown


def test_pressgen_new_refuses_an_archetype_linked_outside(project: Path) -> None:
    (project / "templates/archetypes").mkdir()
    (project / "templates/archetypes/market-update.md.j2").symlink_to("/etc/passwd")
    result = CliRunner().invoke(main, ["new", "market-update", "A title", "-p", str(project)])
    assert result.exit_code in (1, 2), result.output  # `new` stops as a usage error
    assert codes.OUTSIDE_PROJECT in result.output
    assert "templates/archetypes/market-update.md.j2" in result.output
    assert "root:" not in result.output and "Traceback" not in result.output
    assert not list((project / "content/articles").glob("*a-title.md"))


def test_the_cache_key_reads_templates_through_confinement(project: Path) -> None:
    """build/keys.py digests every template file: a link out is never read for it."""
    from pressgen.build.keys import templates_digest
    from pressgen.digests import digest_bytes

    (project / "templates/leak.md.j2").symlink_to("/etc/passwd")
    digests = dict(templates_digest([project / "templates"]))
    assert digests["leak.md.j2"] == digest_bytes(b"\0refused")
    assert digests["leak.md.j2"] != digest_bytes(Path("/etc/passwd").read_bytes())
