"""Errors: one hierarchy under one root; every error carries located findings.

As in ``jinja2.exceptions``, an error says where it happened; pressgen reports every
problem at once, so an error carries a list of located :class:`~pressgen.findings.Finding`
(file, line, JSON pointer) instead of one filename and line number. As in
``mkdocs.exceptions``, the command line stops by raising a ``click.ClickException``
whose ``show()`` prints (:mod:`pressgen.commands.errors`, so that the library never
imports click); no command prints and calls ``sys.exit`` by hand.

::

    PressgenError            the library cannot go on; ``.findings`` says what and where
    └── FindingsExit         also a click.ClickException: a command stops, prints its
        │                    findings (and a closing note), exits with ``exit_code``
        └── InternalError    an unexpected exception, shown as a PG999 finding, exit 3

"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from .findings import Finding


class ExitCode(IntEnum):
    """What a ``pressgen`` command's exit status means."""

    OK = 0
    CONTENT = 1  # the content has errors
    USAGE = 2  # the command was used wrongly (unknown article, existing file, ...)
    INTERNAL = 3  # a bug in pressgen: an unexpected exception


class PressgenError(Exception):
    """Raised by the library when it cannot go on; it always carries findings."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = list(findings)
        super().__init__("\n".join(str(f) for f in self.findings) or "pressgen error")
