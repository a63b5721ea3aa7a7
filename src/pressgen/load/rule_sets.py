"""Reading rule-set files: the project's ``content/rules/<name>.yml`` first, then pressgen's own."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from .. import codes
from ..findings import Finding
from .documents import Document, parse_data_file, read_text
from .project import CONTENT_DIR, RULES_DIR


def read_rule_sets(
    names: list[str], project: Path | None
) -> tuple[list[tuple[str, Document]], list[Finding]]:
    """The named rule sets as (display name, document); findings for missing or broken files."""
    found: list[tuple[str, Document]] = []
    findings: list[Finding] = []
    for name in names:
        local = project / CONTENT_DIR / RULES_DIR / f"{name}.yml" if project else None
        text: str | None
        if local is not None and project is not None and local.is_file():
            display = local.relative_to(project).as_posix()
            text, problems = read_text(local, display)
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
