"""The MkDocs adapter: renders the press room during ``mkdocs build`` / ``mkdocs serve``.

It holds no logic of its own: it asks the core for the pages, hands them to
MkDocs as generated files, and keeps fact, fragment and article sources out of
the output. Content errors stop the build with the same located messages as
``pressgen check``.
"""

from __future__ import annotations

import logging
import os
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from ..load.project import ARTICLES_DIR, DATA_FILES, FACTS_DIR, FRAGMENTS_DIR
from ..pressroom import Pressroom
from ..render.html import sanitise
from .pages import build_pages

STYLESHEET = "assets/pressgen.css"
log = logging.getLogger("mkdocs.plugins.pressgen")


class PressgenConfig(Config):
    project_dir = c.Optional(c.Type(str))
    drafts = c.Type(bool, default=False)
    future = c.Type(bool, default=False)


class PressgenPlugin(BasePlugin[PressgenConfig]):
    """``plugins: [pressgen]`` in mkdocs.yml."""

    def _project(self, config: Any) -> Path:
        if self.config.project_dir:
            return (Path(config.config_file_path).parent / self.config.project_dir).resolve()
        return Path(config.config_file_path).parent.resolve()

    def on_config(self, config: Any) -> Any:
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        room = Pressroom.from_path(self._project(config))
        self.findings = list(room.findings)  # read by pressgen build, which prints them
        errors = [f for f in room.findings if f.is_error]
        if errors:
            raise PluginError(_report("the content has errors", errors))
        drafts = self.config.drafts or os.environ.get("PRESSGEN_DRAFTS") == "1"
        rendered = room.render_all(drafts=drafts, future=self.config.future)
        pages, findings = build_pages(room, rendered)
        self.findings += findings
        self.held_back = len(room.articles) - len(rendered)
        render_errors = [f for f in findings if f.is_error]
        if render_errors:
            raise PluginError(_report("articles could not be rendered", render_errors))
        for finding in [*room.findings, *findings]:
            if not finding.is_error:
                log.warning(str(finding))

        skipped = {f"{ARTICLES_DIR}/", f"{FACTS_DIR}/", f"{FRAGMENTS_DIR}/"}
        for file in list(files):
            if file.src_uri.startswith(tuple(skipped)) or file.src_uri in DATA_FILES:
                files.remove(file)
        for page in pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                if page.src_uri in {"index.md", "editors.md"}:
                    continue  # a hand-written page in content/ wins over the generated one
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        if files.get_file_from_path(STYLESHEET) is None:
            css = resources.files("pressgen").joinpath("templates/pressgen.css").read_text("utf-8")
            files.append(File.generated(config, STYLESHEET, content=css))
        self.published = len(rendered)
        return files

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        """Sanitise every page's HTML (nh3 allow-list that keeps Material's markup)."""
        return sanitise(html)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        templates = self._project(config) / "templates"
        if templates.is_dir():
            server.watch(str(templates))
        return server


def _report(title: str, findings: list[Any]) -> str:
    lines = [f"pressgen: {title}:"]
    lines.extend(str(f) for f in findings)
    lines.append("Run 'pressgen check' to see every finding.")
    return "\n".join(lines)
