"""The pipeline: renders of untrusted code run in limited worker processes, and an
overrun there is a located finding while the other articles still render."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import ARTICLE, TODAY, write
from pressgen import Pressroom, codes
from pressgen.build import pipeline
from pressgen.build.cache import RenderCache

PARTIAL = "templates/partials/editor-details.md.j2"
PACKAGE = Path(__file__).parents[2] / "src/pressgen/templates"
RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"


# Loops over a text escape range()'s budget: only the time limit stops them.
RUNAWAY = "{% set s = 'x' * 99999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"


def with_partial(project: Path, extra: str, timeout: float = 0.5) -> Pressroom:
    """The project overrides the editor-details partial, adding ``extra`` at its end."""
    original = (PACKAGE / "partials/editor-details.md.j2").read_text()
    write(project / PARTIAL, original + extra + "\n")
    settings = project / "content/settings.yml"
    settings.write_text(settings.read_text() + f"render_timeout_s: {timeout}\n")
    return Pressroom.from_path(project, today=TODAY)


def partial_line(project: Path) -> int:
    return (project / PARTIAL).read_text().count("\n")


def test_placeholder_bodies_with_pressgens_templates_render_in_process(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    room = Pressroom.from_path(project, today=TODAY)
    assert not room.renderer.untrusted
    monkeypatch.setattr(pipeline, "map_limited", None)  # would fail if it were used
    assert room.render_article(RELEASE).ok


def test_a_project_template_renders_in_a_limited_worker(project: Path) -> None:
    room = with_partial(project, "{{ editor.name | upper }}")
    assert room.renderer.untrusted
    result = room.render_article(RELEASE)
    assert result.ok and "DENG YUE" in result.markdown


def test_a_runaway_loop_in_a_template_is_stopped_at_its_line(project: Path) -> None:
    room = with_partial(project, RUNAWAY)
    [finding] = [f for f in room.render_article(RELEASE).findings if f.is_error]
    assert (finding.code, finding.file, finding.line) == (
        codes.RENDER_TIMEOUT,
        PARTIAL,
        partial_line(project),
    )


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ("{{ 'a'.center(10**9) }}", codes.OUTPUT_TOO_LARGE),
        ("{{ '%*s' % (10**9, 'x') }}", codes.OUTPUT_TOO_LARGE),
        ("{{ company.model_dump_json(indent=10**8) }}", codes.SANDBOX),
        ("{{ (editor.name ~ 'x' * 99999) | wordwrap(1) | length }}", None),  # fine: bounded
    ],
)
def test_string_bombs_in_templates_are_refused(project: Path, extra: str, code: str) -> None:
    room = with_partial(project, extra)
    errors = [f for f in room.render_article(RELEASE).findings if f.is_error]
    assert [(f.code, f.file) for f in errors] == ([(code, PARTIAL)] if code else [])


def test_memory_past_the_limit_stops_the_render_not_the_build(project: Path) -> None:
    """The sandbox bounds each step; a run of steps that grows a list is stopped by the
    worker's RLIMIT_AS (a MemoryError, located at the template line)."""
    room = with_partial(
        project,
        "{% set s = 'y' * 99999 %}{% set big = s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s %}"
        "{% set ns = namespace(x=[]) %}{% for i in s %}"
        "{% set ns.x = ns.x + [big ~ loop.index] %}{% endfor %}{{ ns.x | length }}",
        timeout=20,
    )
    start = time.monotonic()
    [finding] = [f for f in room.render_article(RELEASE).findings if f.is_error]
    assert (finding.code, finding.file) == (codes.RENDER_MEMORY, PARTIAL)
    assert time.monotonic() - start < 20


def test_one_runaway_article_does_not_stop_the_others(project: Path) -> None:
    write(
        project / "content/articles/runaway.md",
        ARTICLE.format(title="Runaway") + "\n" + RUNAWAY + "\n",
    )
    settings = project / "content/settings.yml"
    settings.write_text(settings.read_text() + "bodies: jinja\nrender_timeout_s: 0.5\n")
    room = Pressroom.from_path(project, today=TODAY)
    results = room.render_all(drafts=True, future=True, workers=2)
    stopped = {k: r for k, r in results.items() if not r.ok}
    assert list(stopped) == ["runaway"]
    [finding] = stopped["runaway"].findings
    assert (finding.code, finding.file, finding.line) == (
        codes.RENDER_TIMEOUT,
        "content/articles/runaway.md",
        13,
    )
    assert all(r.markdown for k, r in results.items() if k != "runaway")
    cached = RenderCache(project).entries
    assert "runaway" not in cached and RELEASE in cached  # a stopped render is redone


def test_a_render_killed_in_c_code_is_reported_on_the_file_it_was_in(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SIGALRM blocked stands for C code that never returns: the parent kills the worker
    and the finding names the last file the render entered."""
    import signal

    room = with_partial(project, "{{ editor.name }}")
    real = pipeline.render_article

    def stuck(renderer, article, key):  # type: ignore[no-untyped-def]
        result = real(renderer, article, key)  # enters the partial, then gets stuck
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
        return result

    monkeypatch.setattr(pipeline, "render_article", stuck)
    [finding] = [f for f in room.render_article(RELEASE).findings if f.is_error]
    assert (finding.code, finding.file, finding.line) == (codes.RENDER_TIMEOUT, PARTIAL, 1)
