"""One article through the whole pipeline: rules before rendering, render, rules after.

The one path for the CLI, the site and a CMS, so that ``pressgen check``,
``pressgen build`` and ``validate_article`` always report the same findings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..check import check_article, check_rendered
from ..findings import Finding
from ..model import Article, RenderedArticle
from ..render import Renderer, render_article


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


def checked_render(
    renderer: Renderer, article: Article, key: str, today: dt.date
) -> RenderedArticle:
    """Render one article and apply every per-article rule; texts are dropped after."""
    content = renderer.content
    rendered = render_article(renderer, article, key)
    findings = check_article(content, article, today) + rendered.findings
    findings += check_rendered(content, article, rendered)
    rendered.texts = {}  # read by the rules above only; not kept (memory)
    rendered.findings = dedupe(findings)
    return rendered
