"""Findings: every problem pressgen reports is data, never a bare exception.

A finding says *what* is wrong (code, message), *where* (file, line, field path)
and *how to fix it* (hint). The CLI prints them grouped by file; the library
returns them; the MkDocs plugin turns errors into a clean build failure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One located problem in the content.

    ``path`` is a JSON pointer into the object that was checked
    (``/facts/2/value``), so a CMS can show the message next to the field.
    """

    code: str
    message: str
    severity: Severity = Severity.ERROR
    file: str | None = None
    line: int | None = None
    path: str = ""
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        where = self.file or "<input>"
        if self.line is not None:
            where += f":{self.line}"
        return where

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
            "file": self.file,
            "line": self.line,
            "path": self.path,
        }

    def __str__(self) -> str:
        field_part = f" [{self.path}]" if self.path else ""
        text = f"{self.location()}: {self.severity} {self.code}{field_part}: {self.message}"
        if self.hint:
            text += f"\n    fix: {self.hint}"
        return text


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value was written: file, line and JSON pointer from the document's root.

    Made by :meth:`pressgen.content.Content.locate` from the record the value came
    from, so the pointer is right by construction (``/articles/1/corrects`` for the
    second article of a CMS payload, ``/corrects`` for a file of its own).
    """

    file: str | None = None
    line: int | None = None
    path: str = ""

    def finding(self, code: str, message: str, hint: str = "", *, warning: bool = False) -> Finding:
        """A finding at this location: the one way checks build located findings."""
        return Finding(
            code=code,
            message=message,
            severity=Severity.WARNING if warning else Severity.ERROR,
            file=self.file,
            line=self.line,
            path=self.path,
            hint=hint,
        )


def json_pointer(parts: Iterable[object]) -> str:
    """Build an RFC 6901 JSON pointer from path parts."""
    out = []
    for part in parts:
        text = str(part).replace("~", "~0").replace("/", "~1")
        out.append(text)
    return "/" + "/".join(out) if out else ""


def closest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to a misspelt one (for 'did you mean ...?' hints).

    difflib compares against every candidate; in a press room with thousands of
    facts that is slow, so only names of a similar length sharing a first letter
    are compared, unless there are few names at all.
    """
    from difflib import get_close_matches

    names = list(known)
    if len(names) > 200:
        names = [n for n in names if n[:1] == name[:1] and abs(len(n) - len(name)) <= 3]
    found = get_close_matches(name, names, n=1)
    return found[0] if found else None
