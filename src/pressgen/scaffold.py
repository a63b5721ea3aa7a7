"""``pressgen new``: a filled-in article file from an archetype, never overwriting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slugify import slugify

from . import codes
from .findings import Finding, PressgenError
from .load.writer import article_to_text, create_file
from .pressroom import Pressroom

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
    editor = next(iter(sorted(room.editors)), "your_editor_id")
    figures = sorted(
        (f for f in room.facts.values() if f.kind == "figure"),  # type: ignore[attr-defined]
        key=lambda f: (f.as_of, f.id),
        reverse=True,
    )
    text = room.environment.get_template(f"archetypes/{kind}.md.j2").render(
        title=title,
        date=now.isoformat(),
        dateline=room.settings.default_dateline,
        editor=editor,
        example_fact=figures[0].id if figures else None,
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


def new_translation(project: Path, key: str, lang: str) -> Path:
    """Create ``<original>.<lang>.md``: the original's front matter with ``lang`` and
    ``translation_of`` set, as a draft holding the original text to translate."""
    from .i18n import LANGUAGES

    room = Pressroom.from_path(project)
    original = room.articles.get(key)
    problem = None
    if original is None:
        problem = Finding(
            code=codes.USAGE,
            message=f"there is no article '{key}'",
            hint=f"known articles: {', '.join(sorted(room.articles)[:10])}",
        )
    elif original.translation_of is not None:
        problem = Finding(
            code=codes.USAGE,
            message=f"'{key}' is itself a translation",
            hint=f"translate its original, '{original.translation_of}'",
        )
    elif lang not in LANGUAGES or lang == room.lang_of(original):
        problem = Finding(
            code=codes.USAGE,
            message=f"cannot translate a {room.lang_of(original)} article into '{lang}'",
            hint=f"use one of {', '.join(t for t in LANGUAGES if t != room.lang_of(original))}",
        )
    if problem is not None or original is None or original.origin.file is None:
        raise PressgenError([problem] if problem else [])
    draft = original.model_copy(
        update={"lang": lang, "translation_of": key, "draft": True, "slug": None}
    )
    source = project / original.origin.file
    path = source.with_name(f"{source.stem}.{lang}.md")
    create_file(
        path,
        article_to_text(draft),
        shown=str(path.relative_to(project)),
        message="this translation already exists; pressgen never overwrites your files",
        hint="edit the existing file",
    )
    return path
