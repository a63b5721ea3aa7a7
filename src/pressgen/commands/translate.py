"""``pressgen translate``: start a translation as a draft copy of its original."""

from __future__ import annotations

from pathlib import Path

from .. import codes
from ..errors import PressgenError
from ..findings import Finding
from ..i18n import LANGUAGES
from ..load.files import create_file
from ..model.front_matter import article_to_text
from ..pressroom import Pressroom
from ._output import created


def new_translation(project: Path, key: str, lang: str) -> Path:
    """Create ``<original>.<lang>.md``: the original's front matter with ``lang`` and
    ``translation_of`` set, as a draft holding the original text to translate."""
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
    elif lang not in LANGUAGES or lang == room.content.lang_of(original):
        problem = Finding(
            code=codes.USAGE,
            message=f"cannot translate a {room.content.lang_of(original)} article into '{lang}'",
            hint="use one of "
            + ", ".join(t for t in LANGUAGES if t != room.content.lang_of(original)),
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


def translate(project: Path, key: str, lang: str) -> None:
    """Create the translation and say what to do next."""
    created(
        lambda: new_translation(project, key, lang),
        project,
        "It is a draft holding the original text: translate the title, subtitle, summary, "
        "dateline and text, keep every {{ fact... }}, then remove 'draft: true'.",
    )
