"""``pressgen schema``: print the JSON Schema of a content type (for CMS forms)."""

from __future__ import annotations

import json

from ..errors import ExitCode
from ..schema import SCHEMA_TYPES, json_schema
from ._output import out
from .errors import FindingsExit


def schema(kind: str) -> None:
    """Print the schema of ``kind`` (article, figure, deal, quote, ...)."""
    if kind not in SCHEMA_TYPES:
        raise FindingsExit(
            [],
            ExitCode.USAGE,
            note=f"unknown type '{kind}'; choose one of: {', '.join(SCHEMA_TYPES)}",
        )
    out.print(json.dumps(json_schema(kind), indent=2, ensure_ascii=False))
