"""One article through the whole pipeline: rules before rendering, render, rules after.

The one path for the CLI, the site and a CMS, so that ``pressgen check``,
``pressgen build`` and ``validate_article`` always report the same findings.

A render that runs code nobody here wrote (``Renderer.untrusted``: a project
template that replaces one of pressgen's, or ``bodies: jinja``) runs in a limited
worker process (:func:`.workers.map_limited`); an overrun there becomes a located
finding. Placeholder bodies through pressgen's own templates render in-process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from .. import codes
from ..check import check_article, check_rendered
from ..findings import Finding, Location
from ..model import Article, RenderedArticle
from ..render import Renderer, failed_render, limit_finding, render_article
from .workers import Limits, Note, Overrun, map_limited

T = TypeVar("T")
# Findings of a render stopped from outside: not cached (a busy machine may cause them).
LIMIT_CODES = frozenset({codes.RENDER_TIMEOUT, codes.RENDER_MEMORY, codes.RENDER_CRASHED})


def dedupe(findings: list[Finding]) -> list[Finding]:
    """Findings in order, each once (two rules may report the same problem)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for f in findings:
        key = (f.code, f.file, f.line, f.path, f.message)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def limits_of(renderer: Renderer) -> Limits:
    """The limits of one render in a worker process (``render_timeout_s`` of settings)."""
    return Limits(seconds=renderer.content.settings.render_timeout_s)


def limited(renderer: Renderer) -> Limits:
    """The limits of the renderer's worker processes, once its templates are compiled
    here (so that no worker compiles its own copy)."""
    renderer.prepare_for_workers()
    return limits_of(renderer)


def in_worker(renderer: Renderer, note: Note, make: Callable[[], T]) -> T:
    """Run ``make`` in a limited worker process: this process's copy of the renderer
    renders here and reports where it is."""
    renderer.enter_worker(note)
    return make()


def checked_render(
    renderer: Renderer, article: Article, key: str, today: dt.date
) -> RenderedArticle:
    """Render one article and apply every per-article rule; texts are dropped after."""
    if renderer.untrusted and renderer.worker_note is None:
        [(_, result)] = map_limited(
            lambda _key, note: in_worker(
                renderer, note, lambda: checked_render(renderer, article, key, today)
            ),
            [key],
            limited(renderer),
            lambda _key, why: overrun_render(renderer, article, key, today, why),
            workers=1,
        )
        return result
    return _finish(renderer, article, today, render_article(renderer, article, key))


def overrun_render(
    renderer: Renderer, article: Article, key: str, today: dt.date, why: Overrun
) -> RenderedArticle:
    """The checked result of a render its worker process stopped: a located finding on
    the file it was in (or the article), and every rule that needs no rendered text."""
    body = renderer.content.locate(article, "body")
    where = Location(*why.where) if why.where else Location(body.file, None, body.path)
    if why.where is None and article.origin.file:
        where = Location(body.file, article.origin.body_line, body.path)
    finding = limit_finding(why.kind, why.limits.seconds, why.limits.memory_mb, where, why.status)
    return _finish(renderer, article, today, failed_render(renderer, article, key, finding))


def _finish(
    renderer: Renderer, article: Article, today: dt.date, rendered: RenderedArticle
) -> RenderedArticle:
    content = renderer.content
    findings = check_article(content, article, today) + rendered.findings
    findings += check_rendered(content, article, rendered)
    rendered.texts = {}  # read by the rules above only; not kept (memory)
    rendered.findings = dedupe(findings)
    return rendered
