"""The ``pressgen`` command. Thin: every verb calls the library and prints its findings.

Exit codes: 0 ok, 1 content errors, 2 usage errors.
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import click
from rich.console import Console

from .findings import Finding, PressgenError
from .pressroom import Pressroom

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

project_option = click.option(
    "--project",
    "-p",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The folder holding mkdocs.yml, content/ and templates/.",
)


def print_findings(findings: list[Finding]) -> None:
    """All findings at once, grouped by file, errors first within each file."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_file[finding.file or "<input>"].append(finding)
    for file in sorted(by_file):
        err.print(f"[bold]{file}[/bold]")
        for f in sorted(by_file[file], key=lambda f: (not f.is_error, f.line or 0, f.code)):
            colour = "red" if f.is_error else "yellow"
            line = f"line {f.line}" if f.line is not None else "file"
            field = f" ({f.path})" if f.path else ""
            err.print(
                f"  [{colour}]{f.severity} {f.code}[/{colour}] {line}{field}: {f.message}",
                markup=True,
                highlight=False,
            )
            if f.hint:
                err.print(f"      fix: {f.hint}", markup=False)
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    if findings:
        err.print(f"{errors} error(s), {warnings} warning(s) in {len(by_file)} file(s)")


def _fail_on(findings: list[Finding]) -> None:
    print_findings(findings)
    if any(f.is_error for f in findings):
        sys.exit(1)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pressgen")
def main() -> None:
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
    from .scaffold import new_article

    _created(
        lambda: new_article(project, kind, title),
        project,
        "It is a draft (draft: true): fill in the facts, then set draft: false to publish.",
    )


def _created(make: Callable[[], Path], project: Path, next_step: str) -> None:
    """Run a command that creates a file; say where it is and what to do next."""
    try:
        path = make()
    except PressgenError as exc:
        print_findings(exc.findings)
        sys.exit(2)
    out.print(f"created {path.relative_to(project.resolve()) if path.is_absolute() else path}")
    out.print(next_step)


@main.command()
@project_option
def check(project: Path) -> None:
    """Check all content and print every finding with its file and line."""
    room = Pressroom.from_path(project)
    findings = room.check()
    if not findings:
        out.print(
            f"ok: {len(room.articles)} article(s), {len(room.facts)} fact(s), "
            f"{len(room.sources)} source(s), {len(room.fragments)} fragment(s) checked"
        )
        return
    _fail_on(findings)
    out.print("ok (with warnings)")


@main.command()
@click.argument("article", type=click.Path(path_type=Path))
@project_option
@click.option("--html", "as_html", is_flag=True, help="Print sanitised HTML instead of Markdown.")
def render(article: Path, project: Path, as_html: bool) -> None:
    """Print one article's rendered Markdown (ARTICLE is its file or its slug)."""
    room = Pressroom.from_path(project)
    slug = _slug_for(room, article)
    errors = [f for f in room.findings if f.is_error]
    if slug is None:
        print_findings(
            errors
            or [
                Finding(
                    code="PG902",
                    message=f"no article '{article}'",
                    hint="give the path of a file in content/articles/",
                )
            ]
        )
        sys.exit(1 if errors else 2)
    result = room.render_article(slug)
    if not result.ok:
        _fail_on(result.findings)
    out.print(result.html if as_html else result.markdown, markup=False, end="")


def _slug_for(room: Pressroom, given: Path) -> str | None:
    if str(given) in room.articles:
        return str(given)
    target = (Path.cwd() / given).resolve()
    for slug, article in room.articles.items():
        if article.origin.file and room.root and (room.root / article.origin.file) == target:
            return slug
    return None


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
    from .publish.build import build_site

    result = build_site(
        project, site_dir=site_dir, strict=strict, drafts=drafts, future=future, now=now
    )
    if result.findings:
        print_findings(result.findings)
    if not result.ok:
        err.print("The site was not built; the previous site/ is unchanged.")
        sys.exit(1)
    out.print(f"built {result.published} article(s) into {result.site_dir}")
    if result.withheld:
        out.print(f"not published yet ({len(result.withheld)}):")
        for key, reason, until in result.withheld:
            when = f" until {until:%Y-%m-%d %H:%M %z}" if until else ""
            how = {
                "draft": "draft: true (publish with --drafts, or remove the line)",
                "embargoed": f"embargoed{when}",
                "scheduled": f"scheduled{when}",
            }[reason]
            out.print(f"  {key}: {how}")


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
    from .scaffold import new_translation

    _created(
        lambda: new_translation(project, article, lang),
        project,
        "It is a draft holding the original text: translate the title, subtitle, summary, "
        "dateline and text, keep every {{ fact... }}, then remove 'draft: true'.",
    )


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
    from .export import export_article
    from .load.writer import create_file
    from .model import parse_now

    room = Pressroom.from_path(project)
    if room.errors:
        _fail_on(room.errors)
    try:
        moment = parse_now(now, room.settings.zone)
    except ValueError:
        _fail_on(
            [
                Finding(
                    code="PG902",
                    message=f"--now '{now}' is not a date and time with a time zone",
                    hint="write it like 2026-01-15T09:00+08:00",
                )
            ]
        )
        return
    try:
        result = export_article(room, article, fmt_name, now=moment)  # type: ignore[arg-type]
    except PressgenError as exc:
        _fail_on(exc.findings)
        return
    warnings = [f for f in result.findings if not f.is_error]
    if warnings:
        print_findings(warnings)
    if output is None:
        sys.stdout.write(result.content)
        return
    try:
        create_file(
            output,
            result.content,
            shown=str(output),
            message=f"{output} already exists; pressgen never overwrites a file",
            hint="choose another --output name or remove the old file first",
        )
    except PressgenError as exc:
        _fail_on(exc.findings)
    out.print(f"wrote {output}")


@main.command()
@project_option
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address and port to serve on."
)
@click.option("--drafts", is_flag=True, help="Also show articles marked draft: true.")
def serve(project: Path, dev_addr: str, drafts: bool) -> None:
    """Preview the site; pages rebuild when a fact, fragment, article or template changes."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    room = Pressroom.from_path(project)
    if room.errors:
        print_findings(room.errors)
        sys.exit(1)
    if drafts:
        os.environ["PRESSGEN_DRAFTS"] = "1"
    mkdocs_serve(config_file=str(project / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)


@main.command()
@project_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
def api(project: Path, host: str, port: int) -> None:
    """Run the HTTP preview and validation service (needs: pip install 'pressgen[api]')."""
    try:
        import uvicorn

        from .service.http import create_app
    except ImportError:
        err.print("The service needs extra packages: pip install 'pressgen[api]'")
        sys.exit(2)
    room = Pressroom.from_path(project)
    if room.errors:
        print_findings(room.errors)
        err.print("Serving anyway: articles that use the broken content will report errors.")
    uvicorn.run(create_app(room), host=host, port=port, log_level="info")


@main.command()
@click.argument("kind", default="article")
def schema(kind: str) -> None:
    """Print the JSON Schema of a content type (article, figure, deal, quote, ...)."""
    from .schema import SCHEMA_TYPES, json_schema

    if kind not in SCHEMA_TYPES:
        err.print(f"unknown type '{kind}'; choose one of: {', '.join(SCHEMA_TYPES)}")
        sys.exit(2)
    out.print(json.dumps(json_schema(kind), indent=2, ensure_ascii=False), markup=False)


if __name__ == "__main__":  # python -m pressgen.cli
    main()
