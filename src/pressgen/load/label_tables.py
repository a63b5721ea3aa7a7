"""Reading a project's label tables: ``templates/i18n/<tag>.yml`` in each template folder.

Each template folder is an :class:`~pressgen.load.confined.Area`: a table that is a
link leading out of its folder, a pipe or a device is a finding, never read.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from ..findings import Finding
from .confined import Area
from .documents import Document, read_text
from .project import Record
from .yaml_reader import YamlProblem, parse_yaml, problem_to_finding


def template_area(folder: Path, root: Path | None) -> Area:
    """A template folder as an area, named project-relative (``templates``) when it can be."""
    shown = str(folder)
    if root is not None:
        with contextlib.suppress(ValueError):
            shown = Path(os.path.abspath(folder)).relative_to(root).as_posix()
    return Area.of(folder, shown)


def read_label_tables(
    template_dirs: Iterable[Path], languages: Iterable[str], root: Path | None
) -> tuple[dict[str, list[Record]], list[Finding]]:
    """The project's label tables by language tag, in template-folder order.

    The findings also name every other entry of the template folders that may not be
    read (a template that is a link leading out of its folder, a linked folder, a pipe
    or a device): the renderer's loader refuses them (:mod:`pressgen.render.environment`),
    and ``pressgen check`` names them all when the press room is read.
    """
    tables: dict[str, list[Record]] = {}
    findings: list[Finding] = []
    areas = [template_area(folder, root) for folder in template_dirs]
    for lang in dict.fromkeys(languages):
        for area in areas:
            path = Path(area.folder, "i18n", f"{lang}.yml")
            if not os.path.lexists(path):
                continue
            shown = area.name_of(path)
            text, problems = read_text(path, shown, area)
            findings.extend(problems)
            if text is None:
                continue
            try:
                parsed = parse_yaml(text)
            except YamlProblem as problem:
                findings.append(problem_to_finding(problem, shown, 1))
                continue
            document = Document(shown, parsed.data, parsed.lines, text, line_offset=1)
            tables.setdefault(lang, []).append(Record(parsed.data, shown, (), document))
    reported = {(f.file, f.code) for f in findings}
    for area in areas:
        if os.path.isdir(area.folder):
            findings += [f for f in area.refused_entries() if (f.file, f.code) not in reported]
    return tables, findings
