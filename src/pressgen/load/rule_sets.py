"""Reading rule-set files: the project's ``content/rules/<name>.yml`` first, then pressgen's own."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

from .. import codes
from ..findings import Finding
from .confined import Area
from .documents import Document, parse_data_file, read_text
from .project import CONTENT_DIR, RULES_DIR

_REPORTED_BY_READ_PROJECT = frozenset({codes.OUTSIDE_PROJECT, codes.NOT_A_FILE})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def read_rule_sets(
    names: list[str], project: Path | None
) -> tuple[list[tuple[str, Document]], list[Finding]]:
    """The named rule sets as (display name, document); findings for missing or broken files.

    A name is a plain file name: ``../x`` or ``/etc/x`` never reaches the file system,
    neither the project's nor pressgen's own folder. A project file that confinement
    refuses (a link out of content/, a pipe) is skipped without a second finding:
    :func:`~pressgen.load.project.read_project` names every such entry of content/.
    """
    found: list[tuple[str, Document]] = []
    findings: list[Finding] = []
    area = Area.of(project / CONTENT_DIR, CONTENT_DIR) if project is not None else None
    for index, name in enumerate(names):
        if not _NAME.fullmatch(name) or ".." in name:
            findings.append(
                Finding(
                    code=codes.OUTSIDE_PROJECT,
                    file="content/settings.yml",
                    path=f"/rule_sets/{index}",
                    message=f"'{name}' is not the name of a rule set",
                    hint="write only the name of a file in content/rules/ without '.yml', "
                    "e.g. hk-public",
                )
            )
            continue
        local = f"{RULES_DIR}/{name}.yml"
        text: str | None
        if area is not None and os.path.lexists(os.path.join(area.folder, local)):
            display = f"{CONTENT_DIR}/{local}"
            text, problems = read_text(Path(area.folder, local), display, area)
            problems = [p for p in problems if p.code not in _REPORTED_BY_READ_PROJECT]
        else:
            shipped: Any = resources.files("pressgen").joinpath(f"rules/{name}.yml")
            display = f"pressgen:rules/{name}.yml"
            if shipped.is_file():
                text, problems = shipped.read_text("utf-8"), []
            else:
                text = None
                problems = [
                    Finding(
                        code=codes.INVALID_VALUE,
                        file="content/settings.yml",
                        path="/rule_sets",
                        message=f"there is no rule set '{name}'",
                        hint="put it in content/rules/<name>.yml, or use hk-public",
                    )
                ]
        findings.extend(problems)
        if text is None:
            continue
        document, problems = parse_data_file(text, display)
        findings.extend(problems)
        if document is not None:
            found.append((display, document))
    return found, findings
