"""Render every article of a press room: from the cache where unchanged, the rest on
all cores, each through :func:`.pipeline.checked_render` — in limited worker processes
when the renders run untrusted code (see :mod:`.workers`)."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..model import RenderedArticle
from ..render import Renderer
from .cache import RenderCache
from .keys import Dependencies, article_key, global_key
from .pipeline import LIMIT_CODES, checked_render, in_worker, limited, overrun_render
from .workers import map_keys, map_limited


@dataclass(frozen=True)
class RenderStats:
    """How many articles were rendered and how many came from the cache."""

    rendered: int = 0
    from_cache: int = 0


def render_all(
    renderer: Renderer,
    keys: list[str],
    today: dt.date,
    *,
    cache_root: Path | None = None,
    save_cache: bool = True,
    workers: int | None = None,
) -> tuple[dict[str, RenderedArticle], RenderStats]:
    """Rendered and checked articles by key, in the order of ``keys``.

    With ``cache_root`` (a project on disk), unchanged articles come from the
    content-hash cache in ``.pressgen-cache/`` and new renders are stored there. A
    damaged cache is rebuilt with a PG906 warning (logged by :mod:`.cache_files`).
    """
    content = renderer.content
    cache = RenderCache(cache_root) if cache_root is not None else None
    deps = Dependencies(content)
    results: dict[str, RenderedArticle] = {}
    todo = keys
    if cache is not None:
        everything = renderer.memo(
            ("global key", today), lambda: global_key(content, renderer.template_dirs, today)
        )
        own = {key: article_key(content, key, everything) for key in keys}
        todo = []
        for key in keys:
            hit = cache.get(key, own[key], deps.digest_of)
            if hit is not None:
                results[key] = hit
            else:
                todo.append(key)

    def work(key: str) -> RenderedArticle:
        return checked_render(renderer, content.articles[key], key, today)

    if renderer.untrusted:  # code nobody here wrote: each render in a limited worker
        rendered = map_limited(
            lambda key, note: in_worker(renderer, note, lambda: work(key)),
            todo,
            limited(renderer),
            lambda key, why: overrun_render(renderer, content.articles[key], key, today, why),
            workers,
        )
    else:
        deadline = 60 + content.settings.render_timeout_s * len(todo)
        rendered = map_keys(work, todo, workers, deadline_s=deadline)
    for key, result in rendered:
        results[key] = result
        stopped = any(f.code in LIMIT_CODES for f in result.findings)  # not cached
        if cache is not None and not stopped:
            cache.put(key, own[key], deps.of_result(result.metadata, result.findings), result)
    if cache is not None and save_cache:
        cache.prune(set(content.articles))
        with contextlib.suppress(OSError):  # a read-only project still builds
            cache.save()
    stats = RenderStats(rendered=len(todo), from_cache=len(keys) - len(todo))
    return {key: results[key] for key in keys}, stats
