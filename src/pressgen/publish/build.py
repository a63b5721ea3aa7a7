"""Building the site safely: into a fresh folder next to site/, swapped in on success.

MkDocs empties its ``site_dir`` before writing and ``--strict`` aborts only at
the end, so building in place could leave a half-written site. Here a failed or
killed build leaves the previous ``site/`` exactly as it was.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .. import codes
from ..findings import Finding


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
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
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
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(target.parent)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=target.parent))
    (staging / OWNER_FILE).write_text(str(os.getpid()))
    collector = _Collect()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(collector)
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
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
    except PluginError as exc:
        _discard(staging)
        findings = list(getattr(plugin, "findings", []))
        if not any(f.is_error for f in findings):
            findings.append(
                Finding(
                    code=codes.BUILD_FAILED,
                    message=str(exc),
                    hint="fix the findings above and build again",
                )
            )
        return BuildResult(target, findings)
    except (Abort, ConfigurationError, OSError) as exc:
        _discard(staging)
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
    finally:
        mkdocs_log.removeHandler(collector)
    _swap(staging, target)
    return BuildResult(
        target,
        list(getattr(plugin, "findings", [])),
        published=getattr(plugin, "published", 0),
        held_back=getattr(plugin, "held_back", 0),
        withheld=list(getattr(plugin, "withheld", [])),
    )


STAGING_PREFIX = ".site-"
OWNER_FILE = ".pressgen-build-pid"


def remove_stale_staging(folder: Path) -> list[Path]:
    """Delete staging folders left by builds that were killed (their process is gone)."""
    removed = []
    for candidate in folder.glob(f"{STAGING_PREFIX}*"):
        owner = candidate / OWNER_FILE  # MkDocs keeps hidden files when it cleans
        try:
            pid = int(owner.read_text().strip())
            os.kill(pid, 0)
            continue  # its build is still running
        except (OSError, ValueError):
            shutil.rmtree(candidate, ignore_errors=True)
            removed.append(candidate)
    return removed


def _discard(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def _swap(staging: Path, target: Path) -> None:
    """Replace ``target`` with ``staging``: two renames, never a half-written site."""
    (staging / OWNER_FILE).unlink(missing_ok=True)
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}old-", dir=target.parent))
        (old / OWNER_FILE).write_text(str(os.getpid()))
        os.rename(target, old / "site")
    os.rename(staging, target)
    os.chmod(target, 0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
