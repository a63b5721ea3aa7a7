"""``pressgen build``: check the content and build the site, swapped in only on success.

:func:`build_site` runs MkDocs with the pressgen plugin into a staging folder and
swaps it in (see :mod:`pressgen.publish.site`); :func:`build` is the verb: it
prints what was built and what is held back, or stops with the findings. A site
folder that cannot be written or would replace the project's own files, and a
damaged cache (a PG906 warning logged under ``pressgen``), are findings too.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .. import codes
from ..errors import ExitCode, PressgenError
from ..findings import Finding
from ..publish.site import Staging, discard, staging_folder, swap, unsafe_target
from ._output import out
from .errors import FindingsExit, print_findings


@dataclass
class BuildResult:
    site_dir: Path
    findings: list[Finding]
    published: int = 0
    held_back: int = 0  # drafts and future articles not published
    withheld: list[tuple[str, str, dt.datetime | None]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)


class _Collect(logging.Handler):
    """MkDocs' warnings (their text) and pressgen's logged findings (PG906)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self.findings: list[Finding] = []

    def emit(self, record: logging.LogRecord) -> None:
        finding = getattr(record, "finding", None)
        if isinstance(finding, Finding):
            self.findings.append(finding)
        else:
            self.messages.append(record.getMessage())


def build_site(
    project: Path,
    *,
    config_file: Path | None = None,
    site_dir: Path | None = None,
    strict: bool = False,
    drafts: bool = False,
    future: bool = False,
    now: str | None = None,
) -> BuildResult:
    """Run MkDocs with the pressgen plugin and swap the result into ``site_dir`` atomically."""
    project = project.resolve()
    config_file = (config_file or project / "mkdocs.yml").resolve()
    target = (site_dir or project / "site").resolve()
    unsafe = unsafe_target(
        target,
        keep=[project, project / "content", project / "templates", config_file],
        not_inside=[project / "content", project / "templates"],
    )
    if unsafe is not None:
        return BuildResult(target, _shown([unsafe], project))
    try:
        staging = staging_folder(target)
    except PressgenError as exc:
        return BuildResult(target, _shown(exc.findings, project))
    collector = _Collect()
    loggers = [logging.getLogger("mkdocs"), logging.getLogger("pressgen")]
    for logger in loggers:
        logger.addHandler(collector)
    try:
        result = _build_and_swap(
            staging, target, config_file, collector, strict, drafts, future, now
        )
    finally:
        for logger in loggers:
            logger.removeHandler(collector)
        discard(staging)  # a failed build, or the old site after the swap
    result.findings[:0] = [*staging.findings, *collector.findings]
    result.findings = _shown(result.findings, project)
    return result


def _shown(findings: list[Finding], project: Path) -> list[Finding]:
    """Folders inside the project named as the project names its files (``site``),
    the others in full."""
    out = []
    for finding in findings:
        if finding.file and Path(finding.file).is_absolute():
            path = Path(finding.file)
            if path.is_relative_to(project) and path != project:
                finding = dataclasses.replace(finding, file=path.relative_to(project).as_posix())
        out.append(finding)
    return out


def _build_and_swap(
    staging: Staging,
    target: Path,
    config_file: Path,
    collector: _Collect,
    strict: bool,
    drafts: bool,
    future: bool,
    now: str | None,
) -> BuildResult:
    plugin = None
    try:
        config = load_config(str(config_file), site_dir=str(staging.site), strict=strict)
        plugin = config.plugins.get("pressgen")
        if plugin is None:
            return BuildResult(
                target,
                [
                    Finding(
                        code=codes.BUILD_FAILED,
                        file=str(config_file.name),
                        message="mkdocs.yml does not enable the pressgen plugin",
                        hint="add '- pressgen' under 'plugins:' in mkdocs.yml",
                    )
                ],
            )
        plugin.config.drafts = plugin.config.drafts or drafts
        plugin.config.future = plugin.config.future or future
        plugin.config.now = now or plugin.config.now
        mkdocs_build(config)
    except (PluginError, Abort) as exc:
        # MkDocs turns a plugin's PluginError into Abort: the plugin's own findings,
        # located, are what an editor needs, not the message MkDocs made of them.
        findings = list(getattr(plugin, "findings", []))
        if any(f.is_error for f in findings):
            return BuildResult(target, findings)
        if isinstance(exc, PluginError):
            findings.append(
                Finding(
                    code=codes.BUILD_FAILED,
                    message=str(exc),
                    hint="fix the findings above and build again",
                )
            )
            return BuildResult(target, findings)
        return _failed(target, config_file, exc, collector)
    except (ConfigurationError, OSError) as exc:
        return _failed(target, config_file, exc, collector)
    try:
        swap(staging, target)
    except PressgenError as exc:
        return BuildResult(target, [*getattr(plugin, "findings", []), *exc.findings])
    return BuildResult(
        target,
        list(getattr(plugin, "findings", [])),
        published=getattr(plugin, "published", 0),
        held_back=getattr(plugin, "held_back", 0),
        withheld=list(getattr(plugin, "withheld", [])),
    )


def _failed(target: Path, config_file: Path, exc: Exception, collector: _Collect) -> BuildResult:
    detail = "; ".join(collector.messages[-5:])
    return BuildResult(
        target,
        [
            Finding(
                code=codes.BUILD_FAILED,
                file=config_file.name,
                message=f"the site build failed: {exc} {detail}".strip(),
                hint="read the warnings above; with --strict every warning stops the build",
            )
        ],
    )


def build(
    project: Path,
    *,
    strict: bool = False,
    drafts: bool = False,
    future: bool = False,
    site_dir: Path | None = None,
    now: str | None = None,
) -> None:
    """Build the site; say what was published and what is held back, and why."""
    result = build_site(
        project, site_dir=site_dir, strict=strict, drafts=drafts, future=future, now=now
    )
    if not result.ok:
        raise FindingsExit(
            result.findings,
            ExitCode.CONTENT,
            note="The site was not built; the previous site/ is unchanged.",
        )
    print_findings(result.findings)
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
