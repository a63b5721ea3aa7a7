"""Reading one content file: bytes → text → front matter + body, with locations.

Everything that can go wrong here becomes a :class:`~pressgen.findings.Finding`
that names the file and the line; nothing is raised at the caller.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from .. import codes
from ..digests import digest_text
from ..findings import Finding, json_pointer
from .confined import MAX_FILE_BYTES, Area
from .yaml_reader import LineMap, YamlProblem, line_map, parse_yaml, problem_to_finding

DATE_FIELDS = frozenset(
    {
        "date",
        "as_of",
        "expires",
        "expires_on",
        "approved_on",
        "published",
        "start",
        "end",
        "embargo",
        "updated",
    }
)
_OPENING = re.compile(r"^---[ \t]*$")
_SPLITTER = YAMLHandler()


@dataclass
class Document:
    """The data of one file, and where each part of it came from."""

    file: str
    data: Any
    lines: LineMap | None = field(default_factory=dict)  # None: computed when first needed
    yaml_text: str = ""
    source_digest: str = ""  # digest of the whole file as read (for the render cache)
    line_offset: int = 0
    body: str = ""
    body_line: int = 1
    quoted_dates: list[tuple[Any, ...]] = field(default_factory=list)

    def line_of(self, path: tuple[Any, ...]) -> int | None:
        """The file line of a field path, falling back to its nearest parent."""
        if self.lines is None:
            self.lines = line_map(self.yaml_text)
        probe = tuple(path)
        while True:
            if probe in self.lines:
                return self.lines[probe] + self.line_offset
            if not probe:
                return None
            probe = probe[:-1]

    def quoted_date_findings(self) -> list[Finding]:
        """Dates written in quotes in date fields are read as text: say so."""
        return [
            Finding(
                code=codes.BAD_DATE_VALUE,
                message="this date is written in quotes, so it is read as text",
                file=self.file,
                line=self.line_of(path),
                path=json_pointer(path),
                hint="remove the quotes around the date",
            )
            for path in self.quoted_dates
            if path and path[-1] in DATE_FIELDS
        ]


def read_text(
    path: Path, display: str, area: Area | None = None
) -> tuple[str | None, list[Finding]]:
    """Read a file as UTF-8 text, refusing what would be silently misread.

    The file is read through ``area`` (:mod:`pressgen.load.confined`: inside the
    project, a regular file, at most :data:`MAX_FILE_BYTES`); without one, the file's
    own folder is the area.
    """
    raw, refused = (area or Area.of(path.parent)).read_bytes(path, display, limit=MAX_FILE_BYTES)
    if raw is None:
        return None, [refused] if refused is not None else []
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Finding(
                code=codes.BOM,
                file=display,
                line=1,
                message="the file starts with an invisible byte-order mark (BOM)",
                hint="save the file as 'UTF-8' (not 'UTF-8 with BOM') in your editor",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [
            Finding(
                code=codes.NOT_UTF8,
                file=display,
                line=line,
                message=f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} at line {line}); "
                "often curly quotes pasted from Word",
                hint="save the file with the encoding 'UTF-8' and retype the quotes on that line",
            )
        ]
    return text.replace("\r\n", "\n"), []


def parse_front_matter(text: str, display: str) -> tuple[Document | None, list[Finding]]:
    """Split ``---`` front matter from the Markdown body and parse it strictly."""
    first_line = text.split("\n", 1)[0]
    if not _OPENING.match(first_line):
        return None, [
            Finding(
                code=codes.NO_FRONT_MATTER,
                file=display,
                line=1,
                message=f"the file must start with a line of exactly three dashes (---), "
                f"found {first_line[:40]!r}",
                hint="put '---' on the first line, the fields below it, and '---' again after them",
            )
        ]
    try:
        front, body = _SPLITTER.split(text)
    except ValueError:
        return None, [
            Finding(
                code=codes.UNCLOSED_FRONT_MATTER,
                file=display,
                line=1,
                message="the front matter opened with '---' on line 1 is never closed",
                hint="add a line with '---' after the last field",
            )
        ]
    front_offset = text.index(front, len(first_line))
    line_offset = text.count("\n", 0, front_offset) + 1  # YAML line 0 → file line
    body_offset = text.index(body, front_offset + len(front))
    body_line = text.count("\n", 0, body_offset) + 1
    if body.startswith("\n"):
        body, body_line = body[1:], body_line + 1
    try:
        parsed = parse_yaml(front)
    except YamlProblem as problem:
        return None, [problem_to_finding(problem, display, line_offset)]
    document = Document(
        file=display,
        data=parsed.data,
        lines=parsed.lines,
        line_offset=line_offset,
        yaml_text=front,
        body=body,
        body_line=body_line,
        quoted_dates=parsed.quoted_dates,
    )
    return _require_mapping(document, "front matter")


def parse_data_file(text: str, display: str) -> tuple[Document | None, list[Finding]]:
    """Parse a whole-file YAML document (company.yml, facts/*.yml, ...)."""
    try:
        parsed = parse_yaml(text)
    except YamlProblem as problem:
        return None, [problem_to_finding(problem, display, 1)]
    document = Document(
        file=display,
        data=parsed.data,
        lines=parsed.lines,
        line_offset=1,
        yaml_text=text,
        quoted_dates=parsed.quoted_dates,
    )
    return _require_mapping(document, "file")


def _require_mapping(document: Document, what: str) -> tuple[Document | None, list[Finding]]:
    if document.data is None:
        return None, [
            Finding(
                code=codes.EMPTY_FRONT_MATTER,
                file=document.file,
                line=document.line_offset,
                message=f"the {what} is empty",
                hint="add the fields, one 'name: value' per line",
            )
        ]
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        return None, [
            Finding(
                code=codes.NOT_A_MAPPING,
                file=document.file,
                line=document.line_offset,
                message=f"the {what} is {kind}, but it must be a set of 'name: value' fields",
                hint="write one 'name: value' per line, without a leading '- '",
            )
        ]
    return document, []


def read_document(
    path: Path, display: str, *, front_matter: bool, area: Area | None = None
) -> tuple[Document | None, list[Finding]]:
    """Read a Markdown file with front matter, or a YAML data file (through ``area``)."""
    text, findings = read_text(path, display, area)
    if text is None:
        return None, findings
    document, findings = (
        parse_front_matter(text, display) if front_matter else parse_data_file(text, display)
    )
    if document is not None:
        document.source_digest = digest_text(text)
    return document, findings
