"""``pressgen new``: a filled-in article file from an archetype, never overwriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from slugify import slugify

from .. import codes
from ..build.pipeline import limits_of
from ..build.workers import Note, Overrun, map_limited
from ..errors import PressgenError
from ..findings import Finding, Location
from ..load.files import create_file
from ..pressroom import Pressroom
from ..render import limit_finding
from ..render.environment import render_limited
from ..render.errors import SourceName, finding_from_exception
from ._output import created

ARTICLE_TYPES = ("press-release", "market-update")


def new_article(project: Path, kind: str, title: str, *, now: dt.datetime | None = None) -> Path:
    """Create ``content/articles/<date>-<slug>.md``; refuse to touch an existing file."""
    if kind not in ARTICLE_TYPES:
        raise PressgenError(
            [
                Finding(
                    code=codes.USAGE,
                    message=f"unknown article type '{kind}'",
                    hint="use press-release or market-update",
                )
            ]
        )
    slug = slugify(title, max_length=80, word_boundary=True)
    if not slug:
        raise PressgenError(
            [
                Finding(
                    code=codes.EMPTY_SLUG,
                    message="no file name can be made from this title",
                    hint="use a title with some Latin letters or digits",
                )
            ]
        )
    room = Pressroom.from_path(project)
    zone = room.settings.zone
    now = (now or dt.datetime.now(zone)).astimezone(zone).replace(second=0, microsecond=0)
    editor = next(iter(sorted(room.content.editors)), "your_editor_id")
    figures = sorted(
        (f for f in room.content.facts.values() if f.kind == "figure"),  # type: ignore[attr-defined]
        key=lambda f: (f.as_of, f.id),
        reverse=True,
    )
    text = _archetype(
        room,
        kind,
        {
            "title": title,
            "date": now.isoformat(),
            "dateline": room.settings.default_dateline,
            "editor": editor,
            "example_fact": figures[0].id if figures else None,
        },
    )
    folder = project / "content" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{now:%Y-%m-%d}-{slug}.md"
    create_file(
        path,
        text,
        shown=str(path.relative_to(project)),
        message="this file already exists; pressgen never overwrites your files",
        hint="choose another title, or edit the existing file",
    )
    return path


def new(project: Path, kind: str, title: str) -> None:
    """Create the article and say what to do next."""
    created(
        lambda: new_article(project, kind, title),
        project,
        "It is a draft (draft: true): fill in the facts, then set draft: false to publish.",
    )


def _archetype(room: Pressroom, kind: str, context: dict[str, Any]) -> str:
    """The archetype filled in, in a limited worker process: a project's archetype is
    code nobody here wrote, so it gets the time, memory and output limits of any
    template. An overrun, or an error in the template, stops with a located finding."""
    renderer = room.renderer
    name = f"archetypes/{kind}.md.j2"

    def fill(_key: str, note: Note) -> str | Finding:
        renderer.enter_worker(note)
        try:
            return render_limited(renderer.environment.get_template(name), context)
        except Exception as exc:  # every failure becomes a located finding
            return finding_from_exception(exc, {}, SourceName(name), renderer.display_template)

    def stopped(_key: str, why: Overrun) -> Finding:
        where = Location(*why.where) if why.where else Location(name)
        return limit_finding(why.kind, why.limits.seconds, why.limits.memory_mb, where, why.status)

    [(_, made)] = map_limited(fill, [kind], limits_of(renderer), stopped, workers=1)
    if isinstance(made, Finding):
        raise PressgenError([made])
    return made
