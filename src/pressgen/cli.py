"""The ``pressgen`` command: wires click only; each verb lives in ``pressgen.commands.<verb>``
and is imported when it runs (as ``mkdocs/__main__.py`` does), so ``--help`` stays fast.

Exit codes (:class:`pressgen.errors.ExitCode`): 0 ok, 1 content errors, 2 usage errors,
3 internal error (a bug in pressgen; ``--debug`` shows the traceback).
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import click

from .commands.errors import FindingsExit, InternalError
from .errors import ExitCode, PressgenError

project_option = click.option(
    "--project",
    "-p",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The folder holding mkdocs.yml, content/ and templates/.",
)


class GuardedGroup(click.Group):
    """The one guard around every command: an exception a verb did not expect becomes
    a PG999 finding and exit code 3 instead of a traceback (shown only with ``--debug``)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # FindingsExit, usage errors, --help, Ctrl-C: click handles them
        except PressgenError as exc:  # a library error with findings no verb caught
            raise FindingsExit(exc.findings, ExitCode.CONTENT) from exc
        except Exception as exc:
            if isinstance(exc, OSError) and exc.errno == errno.EPIPE:
                raise  # output piped into a closed reader (| head): click exits quietly
            raise InternalError(exc, debug=bool(ctx.params.get("debug"))) from exc


@click.group(cls=GuardedGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pressgen")
@click.option(
    "--debug",
    is_flag=True,
    envvar="PRESSGEN_DEBUG",
    help="On an internal error, also print the Python traceback (or set PRESSGEN_DEBUG=1).",
)
def main(debug: bool) -> None:
    """pressgen: turn sourced facts and Markdown into a press room website.

    \b
    Typical use:
      pressgen new market-update "China exports rise"   write a new article
      pressgen check                                   find mistakes in content/
      pressgen build                                   build the site into site/
      pressgen serve                                   preview while you edit
    """


@main.command()
@click.argument("kind", type=click.Choice(["press-release", "market-update"]))
@click.argument("title")
@project_option
def new(kind: str, title: str, project: Path) -> None:
    """Create a new article file in content/articles/ (never overwrites a file)."""
    from .commands.new import new

    new(project, kind, title)


@main.command()
@project_option
def check(project: Path) -> None:
    """Check all content and print every finding with its file and line."""
    from .commands.check import check

    check(project)


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@project_option
@click.option("--html", "as_html", is_flag=True, help="Print sanitised HTML instead of Markdown.")
def render(article: Path, project: Path, as_html: bool) -> None:
    """Print one article's rendered Markdown (ARTICLE is its file or its slug)."""
    from .commands.render import render

    render(project, article, as_html=as_html)


@main.command()
@project_option
@click.option("--strict", is_flag=True, help="Treat every warning as an error.")
@click.option("--drafts", is_flag=True, help="Also publish articles marked draft: true.")
@click.option("--future", is_flag=True, help="Also publish articles dated in the future.")
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to put the site (default: site/ in the project).",
)
@click.option(
    "--now",
    default=None,
    metavar="DATETIME",
    help="Build as if it were this moment, e.g. 2026-01-15T09:00+08:00 (to preview a "
    "scheduled or embargoed release).",
)
def build(
    project: Path,
    strict: bool,
    drafts: bool,
    future: bool,
    site_dir: Path | None,
    now: str | None,
) -> None:
    """Check the content and build the site into site/ (the old site stays if it fails)."""
    from .commands.build import build

    build(project, strict=strict, drafts=drafts, future=future, site_dir=site_dir, now=now)


@main.command()
@click.argument("article")
@click.option(
    "--lang",
    required=True,
    type=click.Choice(["en", "zh-Hant-HK", "zh-Hans-CN"]),
    help="The language to translate into.",
)
@project_option
def translate(article: str, lang: str, project: Path) -> None:
    """Start a translation of ARTICLE: a draft copy with 'lang' and 'translation_of' set."""
    from .commands.translate import translate

    translate(project, article, lang)


@main.command()
@click.argument("article")
@project_option
@click.option(
    "--format",
    "fmt_name",
    type=click.Choice(["text", "ninjs"]),
    default="text",
    show_default=True,
    help="text: the plain-text release for a newswire; ninjs: IPTC ninjs 2.0 JSON.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file (it must not exist yet) instead of the screen.",
)
@click.option("--now", default=None, metavar="DATETIME", help="Export as if it were then.")
def export(
    article: str, project: Path, fmt_name: str, output: Path | None, now: str | None
) -> None:
    """Export ARTICLE (its key, as 'pressgen check' lists it) for a newswire."""
    from .commands.export import export

    export(project, article, fmt_name, output=output, now=now)


@main.command()
@project_option
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address and port to serve on."
)
@click.option("--drafts", is_flag=True, help="Also show articles marked draft: true.")
def serve(project: Path, dev_addr: str, drafts: bool) -> None:
    """Preview the site; pages rebuild when a fact, fragment, article or template changes."""
    from .commands.serve import serve

    serve(project, dev_addr=dev_addr, drafts=drafts)


@main.command()
@project_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--max-body-bytes",
    default=1_000_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Larger request bodies are refused with 413.",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    metavar="URL",
    help="A web origin allowed to call the service from a browser (repeat for more); "
    "none by default.",
)
def api(
    project: Path, host: str, port: int, max_body_bytes: int, cors_origins: tuple[str, ...]
) -> None:
    """Run the HTTP preview and validation service (needs: pip install 'pressgen[api]')."""
    from .commands.api import api

    api(project, host=host, port=port, max_body_bytes=max_body_bytes, cors_origins=cors_origins)


@main.command()
@click.argument("kind", default="article")
def schema(kind: str) -> None:
    """Print the JSON Schema of a content type (article, figure, deal, quote, ...)."""
    from .commands.schema import schema

    schema(kind)


if __name__ == "__main__":  # python -m pressgen.cli
    main()
