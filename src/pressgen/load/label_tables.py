"""Reading a project's label tables: ``templates/i18n/<tag>.yml`` in each template folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..findings import Finding
from .documents import read_text
from .project import Record
from .yaml_reader import YamlProblem, parse_yaml, problem_to_finding


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def read_label_tables(
    template_dirs: Iterable[Path], languages: Iterable[str], root: Path | None
) -> tuple[dict[str, list[Record]], list[Finding]]:
    """The project's label tables by language tag, in template-folder order."""
    tables: dict[str, list[Record]] = {}
    findings: list[Finding] = []
    for lang in dict.fromkeys(languages):
        for folder in template_dirs:
            path = folder / "i18n" / f"{lang}.yml"
            if not path.is_file():
                continue
            shown = _display(path, root)
            text, problems = read_text(path, shown)
            findings.extend(problems)
            if text is None:
                continue
            try:
                data = parse_yaml(text).data
            except YamlProblem as problem:
                findings.append(problem_to_finding(problem, shown, 1))
                continue
            tables.setdefault(lang, []).append(Record(data, shown, ()))
    return tables, findings
