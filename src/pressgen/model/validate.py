"""Turning plain data into model objects, with pydantic's errors rewritten as findings."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError

from .. import codes
from ..findings import Finding, json_pointer
from .base import Origin
from .facts import FACT_KINDS

Locate = Callable[[tuple[Any, ...]], int | None]


def _friendly(error: dict[str, Any], field: str) -> tuple[str, str, str]:
    """(code, message, hint) for one pydantic error, in an editor's words."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "invisible_character":
        return (
            codes.INVISIBLE_CHARACTER,
            f"'{field}' {error['msg']}",
            "retype the text, or paste it as plain text: it may reverse or hide words",
        )
    if kind == "ambiguous_number":
        return (
            codes.INVALID_VALUE,
            f"'{field}' {error['msg']}",
            "write the number without quotes, leading zeros or separators, e.g. 1234",
        )
    if kind in {"bool_type", "bool_parsing"}:
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be true or false, not {given!r}",
            f"write {field}: true or {field}: false",
        )
    if kind == "missing":
        return codes.MISSING_FIELD, f"the field '{field}' is missing", f"add a line '{field}: ...'"
    if kind == "extra_forbidden":
        return codes.UNKNOWN_FIELD, f"'{field}' is not a field pressgen knows", ""
    if kind in {"string_type"}:
        shown = "true/false" if isinstance(given, bool) else repr(given)
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be text, but {shown} was read",
            f'put the value in quotes: {field}: "{given}"',
        )
    if kind == "literal_error":
        return (
            codes.INVALID_VALUE,
            f"'{field}' is {given!r}; it must be one of {ctx.get('expected', '')}",
            "use one of the values listed",
        )
    if kind == "string_pattern_mismatch":
        return (
            codes.INVALID_VALUE,
            f"'{field}' has the value {given!r}, which is not allowed here",
            "use lower-case letters, digits, '-' and '_' only (no spaces)",
        )
    if kind in {"finite_number"}:
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be a real number, not {given!r}",
            "write the number as it appears in the source, e.g. 91.17",
        )
    if kind.startswith("date") or kind.startswith("datetime") or kind == "timezone_aware":
        return (
            codes.INVALID_VALUE,
            f"'{field}': {error['msg'].lower()}",
            "write a date as 2025-11-27, or a time with its zone as 2025-11-27T09:00:00+08:00",
        )
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        return codes.INVALID_VALUE, f"'{field}' {message}", ""
    if kind in {"string_too_short"}:
        return codes.INVALID_VALUE, f"'{field}' is empty", f"write a value for '{field}'"
    if kind in {"string_too_long"}:
        return codes.INVALID_VALUE, f"'{field}' is too long ({error['msg'].lower()})", "shorten it"
    return codes.INVALID_VALUE, f"'{field}': {error['msg']}", ""


def findings_from_error(
    exc: ValidationError,
    *,
    file: str | None,
    pointer: tuple[Any, ...],
    locate: Locate,
    known_fields: Callable[[tuple[Any, ...]], list[str]] | None = None,
    skip_discriminator: bool = False,
) -> list[Finding]:
    findings: list[Finding] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if skip_discriminator and loc and isinstance(loc[0], str) and loc[0] in FACT_KINDS:
            loc = loc[1:]
        field = str(loc[-1]) if loc else "value"
        code, message, hint = _friendly(dict(error), field)
        if error["type"] == "extra_forbidden" and known_fields is not None:
            known = known_fields(loc[:-1])
            close = difflib.get_close_matches(field, known, n=1)
            if close:
                hint = f"did you mean '{close[0]}'?"
            elif known and "translations" in loc:
                hint = f"remove this line: only {', '.join(known)} can be translated here"
            else:
                hint = "remove this line or check its spelling"
        if error["type"] == "union_tag_invalid":
            code, message = codes.INVALID_VALUE, "'kind' must be one of figure, deal, quote, event"
            hint = "set kind: figure (a number), deal, quote or event"
            loc = ("kind",)
        full = (*pointer, *loc)
        # A missing field has no line of its own: point at its parent.
        line = locate(full if error["type"] != "missing" else full[:-1])
        if any(f.path == json_pointer(full) for f in findings):
            continue
        findings.append(
            Finding(
                code=code, message=message, file=file, line=line, path=json_pointer(full), hint=hint
            )
        )
    return findings


def build(
    model: type[BaseModel] | TypeAdapter[Any],
    data: Any,
    *,
    file: str | None,
    pointer: tuple[Any, ...],
    locate: Locate,
    line: int | None = None,
) -> tuple[Any | None, list[Finding]]:
    """Validate ``data`` as ``model``; return the object (with its origin) or findings."""
    try:
        if isinstance(model, TypeAdapter):
            obj = model.validate_python(data)
        else:
            obj = model.model_validate(data)
    except ValidationError as exc:

        def fields_at(loc: tuple[Any, ...]) -> list[str]:
            target: Any = model
            if isinstance(model, TypeAdapter) and isinstance(data, dict):
                target = FACT_KINDS.get(str(data.get("kind")), None)
            if target is None or not hasattr(target, "model_fields"):
                return []
            in_container = False
            for part in loc:
                if in_container:  # the index in a list or the key in a dict: same model
                    in_container = False
                    continue
                info = target.model_fields.get(part) if isinstance(part, str) else None
                annotation = getattr(info, "annotation", None)
                inner = [
                    a
                    for a in getattr(annotation, "__args__", (annotation,))
                    if hasattr(a, "model_fields")
                ]
                if not inner:
                    return []
                target = inner[0]
                in_container = get_origin(annotation) in (list, dict)
            return list(target.model_fields)

        return None, findings_from_error(
            exc,
            file=file,
            pointer=pointer,
            locate=locate,
            known_fields=fields_at,
            skip_discriminator=isinstance(model, TypeAdapter),
        )
    # The line is looked up only when a message needs it (Pressroom.line_of): working
    # out the line of every key of every file costs more than reading the files.
    obj._origin = Origin(file=file, line=line, pointer=pointer)
    return obj, []
