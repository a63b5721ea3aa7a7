"""``pressgen render``: print one article's rendered Markdown or sanitised HTML."""

from __future__ import annotations

from pathlib import Path

from .. import codes
from ..errors import ExitCode
from ..findings import Finding
from ..pressroom import Pressroom
from ._output import out, stop_on_errors
from .errors import FindingsExit


def render(project: Path, article: Path, *, as_html: bool = False) -> None:
    """Print the article (``article`` is its file or its slug)."""
    room = Pressroom.from_path(project)
    slug = slug_for(room, article)
    if slug is None:
        errors = [f for f in room.findings if f.is_error]
        if errors:
            raise FindingsExit(errors, ExitCode.CONTENT)
        raise FindingsExit(
            [
                Finding(
                    code=codes.USAGE,
                    message=f"no article '{article}'",
                    hint="give the path of a file in content/articles/",
                )
            ],
            ExitCode.USAGE,
        )
    result = room.render_article(slug)
    if not result.ok:
        stop_on_errors(result.findings)
    out.print(result.html if as_html else result.markdown, end="")


def slug_for(room: Pressroom, given: Path) -> str | None:
    """The slug of the article given by its slug or by the path of its file."""
    if str(given) in room.articles:
        return str(given)
    target = (Path.cwd() / given).resolve()
    for slug, article in room.articles.items():
        if article.origin.file and room.root and (room.root / article.origin.file) == target:
            return slug
    return None
