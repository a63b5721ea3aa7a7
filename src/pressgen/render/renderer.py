"""The Renderer of one press room: its Jinja environment and the caches of its renders.

It owns what is worth making once per press room — compiled bodies and fragments,
formatted fact views — and nothing else; every render is a pure function of the
content, the labels and the templates. Bounded caches keep memory flat in a CMS
that renders drafts for years.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Hashable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import TemplateError

from ..content import Content
from ..digests import digest_text
from ..labels import Labels
from ..lru import BoundedCache
from .bodies import BodyNotAllowed, Refusal, check_body
from .environment import (
    PressroomEnvironment,
    compile_text,
    make_environment,
    package_templates,
    project_templates,
)
from .placeholders import parse_simple

COMPILED_CACHE_SIZE = 4096  # bodies, summaries and fragments of a large press room
_NEEDS_JINJA = object()  # cached "this text needs Jinja"
_MISSING = object()
T = TypeVar("T")


class Renderer:
    """Content + labels + templates → rendered articles (see :mod:`.article`)."""

    def __init__(self, content: Content, labels: Labels, template_dirs: list[Path]):
        self.content, self.labels = content, labels
        self.template_dirs = template_dirs
        self.environment: PressroomEnvironment = make_environment(
            template_dirs, labels.for_locale(content.settings.locale)
        )
        # Set only in a limited worker process (enter_worker): where the render is.
        self.worker_note: Callable[[Any], None] | None = None
        self._compiled: BoundedCache[Any] = BoundedCache(COMPILED_CACHE_SIZE)
        self._display_names: dict[str, str] = {}
        self._memo: dict[Hashable, Any] = {}

    def compiled_text(self, source: str, name: str, *, jinja: bool = False) -> Any:
        """A body or fragment ready to render, made once (bounded cache by name and content).

        Text whose only template syntax is fact and fragment placeholders gets the fast
        :class:`~pressgen.render.placeholders.SimpleTemplate`; anything else is compiled
        by Jinja.
        """
        content = digest_text(source)
        if not jinja:
            simple = self._compiled.get_or_make(
                ("simple", name, content), lambda: parse_simple(source) or _NEEDS_JINJA
            )
            if simple is not _NEEDS_JINJA:
                return simple
        made = self._compiled.get_or_make(
            ("jinja", name, content), lambda: self._compile_body(source, name)
        )
        if isinstance(made, Refusal):
            raise BodyNotAllowed(made)
        return made

    @property
    def bodies_are_templates(self) -> bool:
        """Whether the press room opted in to full (sandboxed) Jinja in bodies."""
        return self.content.settings.bodies == "jinja"

    @property
    def untrusted(self) -> bool:
        """Whether an article's render runs code nobody here wrote: opted-in Jinja bodies,
        or a project template that replaces one of pressgen's. Such renders run in a
        limited worker process; the others are placeholders over typed data."""
        return self.memo(
            "untrusted",
            lambda: self.bodies_are_templates or bool(project_templates(self.template_dirs)),
        )

    def prepare_for_workers(self) -> None:
        """Before work is forked, once: compile (never run) every page template and
        partial, and load each language's locale data. Workers inherit them ready
        instead of each making its own (a preview in a worker: 45 → 17 ms). A template
        that does not compile is reported by the render that uses it."""
        if self._memo.get("compiled") is not None:
            return
        for name in package_templates():  # the project's version where it has one
            with contextlib.suppress(TemplateError, OSError, RecursionError):
                self.environment.get_template(name)
        for lang in self.content.settings.languages:  # Babel loads locale data on first use
            wording = self.labels.wording(lang)
            wording.long_date(dt.date(2000, 1, 1))
            wording.money(Decimal(1), None, "USD", "symbol")
        self._memo["compiled"] = True

    def _compile_body(self, source: str, name: str) -> Any:
        """The compiled text, or the :class:`Refusal` of its first non-placeholder."""
        if self.bodies_are_templates:
            return compile_text(self.environment, source, name)
        tree = self.environment.parse(source, name, name)
        refusal = check_body(tree, frozenset(self.environment.globals))
        return refusal or compile_text(self.environment, tree, name)

    def enter_worker(self, note: Callable[[Any], None]) -> None:
        """In a limited worker process (this process's copy of the renderer): render here,
        under the process's limits, and report each file entered with ``note`` as
        ``(file, line, JSON pointer)``."""
        self.worker_note = note
        self.environment.watch = lambda template: note(
            (self.display_template(template.filename or template.name or ""), 1, "")
        )

    def memo(self, key: Hashable, make: Callable[[], T]) -> T:
        """A value made once per press room (fact views, the global cache key): the
        content does not change after loading, so neither do they."""
        found = self._memo.get(key, _MISSING)
        if found is _MISSING:
            found = self._memo.setdefault(key, make())
        return found

    def display_template(self, filename: str) -> str:
        """How a template file is named in findings: project-relative, or pressgen's own."""
        shown = self._display_names.get(filename)
        if shown is None:
            shown = self._display_names.setdefault(filename, self._display(filename))
        return shown

    def _display(self, filename: str) -> str:
        path = Path(filename)
        root = self.content.root
        if root is not None:
            try:
                return path.resolve().relative_to(root).as_posix()
            except ValueError:
                pass
        if "site-packages" in path.parts or "pressgen" in path.parts:
            return f"pressgen:templates/{path.name}"
        return filename
