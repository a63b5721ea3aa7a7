"""Walking a project's content/ folder and reading every file into located records."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import codes
from ..findings import Finding
from .confined import Area
from .documents import Document, read_document

CONTENT_DIR = "content"
DATA_FILES = ("company.yml", "editors.yml", "sources.yml", "settings.yml", "tags.yml")
FACTS_DIR = "facts"
FRAGMENTS_DIR = "fragments"
ARTICLES_DIR = "articles"
RULES_DIR = "rules"


@dataclass
class Record:
    """One object's data and a way back to where it was written."""

    data: Any
    file: str | None
    pointer: tuple[Any, ...]
    document: Document | None = None

    def line_of(self, path: tuple[Any, ...]) -> int | None:
        if self.document is None:
            return None
        return self.document.line_of(path)


@dataclass
class RawContent:
    """Everything read from disk (or given as dicts), before validation."""

    settings: Record | None = None
    company: Record | None = None
    editors: list[Record] = field(default_factory=list)
    sources: list[Record] = field(default_factory=list)
    facts: list[Record] = field(default_factory=list)
    fragments: list[Record] = field(default_factory=list)
    articles: list[Record] = field(default_factory=list)
    topics: list[Record] | None = None  # None: no tags.yml, tags are free
    findings: list[Finding] = field(default_factory=list)


def _list_in(document: Document, key: str, findings: list[Finding]) -> list[Record]:
    data = document.data
    items = data.get(key)
    extra = sorted(set(data) - {key})
    if extra:
        findings.append(
            Finding(
                code=codes.UNKNOWN_FIELD,
                file=document.file,
                line=document.line_of((extra[0],)),
                message=f"'{extra[0]}' is not expected here; this file holds a list under '{key}:'",
                hint=f"indent the entry under '{key}:' with '- ' in front of it",
                path=f"/{extra[0]}",
            )
        )
    if items is None:
        findings.append(
            Finding(
                code=codes.MISSING_FIELD,
                file=document.file,
                line=document.line_offset,
                message=f"the file must have a list under '{key}:'",
                path=f"/{key}",
                hint=f"start the file with '{key}:' and put each entry below it after '- '",
            )
        )
        return []
    if not isinstance(items, list):
        findings.append(
            Finding(
                code=codes.INVALID_VALUE,
                file=document.file,
                line=document.line_of((key,)),
                message=f"'{key}' must be a list of entries, each starting with '- '",
                path=f"/{key}",
                hint="put '- ' in front of the first field of each entry",
            )
        )
        return []
    return [Record(item, document.file, (key, index), document) for index, item in enumerate(items)]


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_project(root: Path) -> RawContent:
    """Read content/ under ``root``. Never raises for bad content: findings say what is wrong."""
    raw = RawContent()
    content = root / CONTENT_DIR
    if not content.is_dir():
        raw.findings.append(
            Finding(
                code=codes.FILE_UNREADABLE,
                file=_display(content, root),
                message="there is no content/ folder here",
                hint="run pressgen from the folder that holds mkdocs.yml and content/, "
                "or pass --project PATH",
            )
        )
        return raw

    area = Area.of(content, CONTENT_DIR)

    def read(path: Path, front_matter: bool) -> Document | None:
        document, findings = read_document(
            path, _display(path, root), front_matter=front_matter, area=area
        )
        raw.findings.extend(findings)
        if document is not None:
            raw.findings.extend(document.quoted_date_findings())
        return document

    for name in DATA_FILES:
        path = content / name
        if not os.path.lexists(path):  # a dangling link is reported, not skipped
            continue
        document = read(path, front_matter=False)
        if document is None:
            continue
        if name == "company.yml":
            raw.company = Record(document.data, document.file, (), document)
        elif name == "settings.yml":
            raw.settings = Record(document.data, document.file, (), document)
        elif name == "tags.yml":
            raw.topics = _list_in(document, "tags", raw.findings)
        elif name == "editors.yml":
            raw.editors.extend(_list_in(document, "editors", raw.findings))
        else:
            raw.sources.extend(_list_in(document, "sources", raw.findings))

    facts, findings = area.walk(FACTS_DIR, ["*.y*ml"])
    raw.findings.extend(findings)
    for path in facts:
        document = read(path, front_matter=False)
        if document is not None:
            raw.facts.extend(_list_in(document, "facts", raw.findings))
    for folder, target in ((FRAGMENTS_DIR, raw.fragments), (ARTICLES_DIR, raw.articles)):
        paths, findings = area.walk(folder, ["*.md"])
        raw.findings.extend(findings)
        for path in paths:
            document = read(path, front_matter=True)
            if document is not None:
                target.append(
                    Record(
                        {**document.data, "body": document.body},
                        document.file,
                        (),
                        document,
                    )
                )
    # Anything else in content/ that the site would publish from outside (a linked
    # image, a pipe): `check` says so as `build` would, each file once.
    reported = {(f.file, f.code) for f in raw.findings}
    raw.findings += [f for f in area.refused_entries() if (f.file, f.code) not in reported]
    return raw


def raw_from_data(data: dict[str, Any]) -> RawContent:
    """The same records from plain dicts (a CMS): paths point into ``data``."""
    raw = RawContent()
    if not isinstance(data, dict):
        raw.findings.append(
            Finding(
                code=codes.NOT_A_MAPPING,
                message="the data must be an object",
                hint="pass a dict with company, editors, sources, ...",
            )
        )
        return raw
    known = {"settings", "company", "editors", "sources", "facts", "fragments", "articles", "tags"}
    for key in sorted(set(data) - known):
        raw.findings.append(
            Finding(
                code=codes.UNKNOWN_FIELD,
                path=f"/{key}",
                message=f"'{key}' is not part of a press room",
                hint=f"use only: {', '.join(sorted(known))}",
            )
        )
    if data.get("settings") is not None:
        raw.settings = Record(data["settings"], None, ("settings",))
    if data.get("company") is not None:
        raw.company = Record(data["company"], None, ("company",))
    if isinstance(data.get("tags"), list):
        raw.topics = [Record(item, None, ("tags", i)) for i, item in enumerate(data["tags"])]
    for key in ("editors", "sources", "facts", "fragments", "articles"):
        items = data.get(key) or []
        if not isinstance(items, list):
            raw.findings.append(
                Finding(code=codes.INVALID_VALUE, path=f"/{key}", message=f"'{key}' must be a list")
            )
            continue
        getattr(raw, key).extend(Record(item, None, (key, i)) for i, item in enumerate(items))
    return raw
