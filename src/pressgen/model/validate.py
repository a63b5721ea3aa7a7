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
from .types import Refused

Locate = Callable[[tuple[Any, ...]], int | None]


_PATTERN_HINTS = {
    r"^[a-z0-9][a-z0-9_-]{0,79}$": "use lower-case letters, digits, '-' and '_' only (no "
    "spaces), e.g. cn_exports_2025",
    r"^[a-z0-9][a-z0-9-]{0,99}$": "use lower-case letters, digits and '-' only, e.g. "
    "china-exports-rise",
    r"^(?:[a-z-]+/)?[a-z0-9][a-z0-9-]{0,99}$": "write the article's key: its slug, with the "
    "language folder in front for a translation, e.g. zh-hant/china-exports-rise",
    r"^[A-Z]{3}$": "write the three-letter currency code in capitals, e.g. USD",
    r"^[\w][\w \-&/.]{0,39}$": "start with a letter or digit and use letters, digits, spaces, "
    "'-', '&', '/' and '.' only, at most 40 characters, e.g. cold chain",
}
_BOUNDS = {
    "greater_than_equal": ("ge", "at least {}"),
    "greater_than": ("gt", "more than {}"),
    "less_than_equal": ("le", "at most {}"),
    "less_than": ("lt", "less than {}"),
}


def _friendly(error: dict[str, Any], field: str) -> tuple[str, str, str]:
    """(code, message, hint) for one pydantic error, in an editor's words; the hint says
    what to write, with an example, so that it works when followed literally."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    refused = ctx.get("error")
    if kind == "value_error" and isinstance(refused, Refused):
        return refused.code, f"'{field}' {refused.message}", refused.hint
    if kind == "string_unicode":  # half of a character (a lone surrogate), from JSON
        return (
            codes.CONTROL_CHARACTER,
            f"'{field}' contains half of a broken character, which no output can hold",
            f"retype '{field}', or paste it as plain text",
        )
    if kind == "ambiguous_number":
        return (
            codes.INVALID_VALUE,
            f"'{field}' {error['msg']}",
            "write the number without quotes, leading zeros or separators, e.g. 1234",
        )
    if kind == "number_type":
        return (
            codes.INVALID_VALUE,
            f"'{field}' {error['msg']}",
            f"write the number as the source gives it, e.g. {field}: 91.17",
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
        return (
            codes.UNKNOWN_FIELD,
            f"'{field}' is not a field pressgen knows",
            "remove this line or check its spelling",
        )
    if kind in {"string_type"}:
        if isinstance(given, (dict, list)):
            return (
                codes.INVALID_VALUE,
                f"'{field}' must be text, but a {'list' if isinstance(given, list) else 'group'}"
                " of values was read",
                f"write '{field}' as one value on its line, e.g. {field}: Some text",
            )
        shown = "true/false" if isinstance(given, bool) else repr(given)
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be text, but {shown} was read",
            f'put the value in quotes: {field}: "{given}"',
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        first = expected.split(",")[0].split(" or ")[0].strip()
        return (
            codes.INVALID_VALUE,
            f"'{field}' is {given!r}; it must be one of {expected}",
            f"write one of the values listed, e.g. {field}: {first.strip(chr(39))}",
        )
    if kind == "string_pattern_mismatch":
        return (
            codes.INVALID_VALUE,
            f"'{field}' has the value {given!r}, which is not allowed here",
            _PATTERN_HINTS.get(
                str(ctx.get("pattern")), "use letters, digits and '-' only, e.g. example-1"
            ),
        )
    if kind in {"finite_number"}:
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be a real number, not {given!r}",
            "write the number as it appears in the source, e.g. 91.17",
        )
    if kind.startswith(("decimal", "float")):
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be a number, not {given!r}",
            f"write a plain number, e.g. {field}: 91.17",
        )
    if kind.startswith("int"):
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be a whole number, not {given!r}",
            f"write a whole number without quotes, e.g. {field}: 5",
        )
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        bound = words.format(ctx.get(key))
        return (
            codes.INVALID_VALUE,
            f"'{field}' is {given!r}, but it must be {bound}",
            f"write a number {bound}",
        )
    if kind.startswith("date") or kind.startswith("datetime") or kind == "timezone_aware":
        return (
            codes.INVALID_VALUE,
            f"'{field}': {error['msg'].lower()}",
            "write a date as 2025-11-27, or a time with its zone as 2025-11-27T09:00:00+08:00",
        )
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        return (
            codes.INVALID_VALUE,
            f"'{field}' {message}",
            f"correct '{field}' as described in 'pressgen schema'",
        )
    if kind in {"string_too_short"}:
        return codes.INVALID_VALUE, f"'{field}' is empty", f"write a value for '{field}'"
    if kind in {"string_too_long"}:
        limit = ctx.get("max_length")
        return (
            codes.INVALID_VALUE,
            f"'{field}' is too long ({error['msg'].lower()})",
            f"shorten it to at most {limit} characters",
        )
    if kind == "list_type":
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be a list, not {given!r}",
            f"write the entries in square brackets, e.g. {field}: [first, second]",
        )
    if kind in {"too_short", "too_long"}:
        return (
            codes.INVALID_VALUE,
            f"'{field}': {error['msg'].lower()}",
            f"list {'at least' if kind == 'too_short' else 'at most'} "
            f"{ctx.get('min_length' if kind == 'too_short' else 'max_length')} entries",
        )
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return (
            codes.INVALID_VALUE,
            f"'{field}' must be a group of fields, not {given!r}",
            f"write the fields of '{field}' on the lines below it, indented by two spaces",
        )
    return (
        codes.INVALID_VALUE,
        f"'{field}': {error['msg']}",
        f"correct '{field}' as described in 'pressgen schema'",
    )


def findings_from_error(
    exc: ValidationError,
    *,
    file: str | None,
    pointer: tuple[Any, ...],
    locate: Locate,
    known_fields: Callable[[tuple[Any, ...]], list[str]] | None = None,
    skip_discriminator: bool = False,
    body_line: int | None = None,
) -> list[Finding]:
    """One located finding per pydantic error. A problem inside the Markdown body (which is
    not YAML, so has no line of its own) is put on its file line, from ``body_line``."""
    findings: list[Finding] = []
    for error in exc.errors(include_url=False):
        loc = tuple(error["loc"])
        if skip_discriminator and loc and isinstance(loc[0], str) and loc[0] in FACT_KINDS:
            loc = loc[1:]
        refused = (error.get("ctx") or {}).get("error")
        if isinstance(refused, Refused) and refused.field is not None:
            loc = (*loc, refused.field)  # a rule over several fields points at one of them
        if loc and loc[-1] == "[key]":  # a key of a mapping (a language of 'translations')
            loc = loc[:-1]
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
        if error["type"] in {"union_tag_invalid", "union_tag_not_found"}:
            kinds = ", ".join(FACT_KINDS)
            code, message = codes.INVALID_VALUE, f"'kind' must be one of {kinds}"
            hint = "set kind: figure (a number), deal, quote, event or statement"
            loc = ("kind",)
        full = (*pointer, *loc)
        # A missing field has no line of its own: point at its parent.
        line = locate(full if error["type"] != "missing" else full[:-1])
        if isinstance(refused, Refused) and loc == ("body",) and body_line is not None:
            line = body_line + refused.line_in_text
        if any(f.path == json_pointer(full) for f in findings):
            continue
        findings.append(
            Finding(
                code=code, message=message, file=file, line=line, path=json_pointer(full), hint=hint
            )
        )
    return findings


def _blank_lines_before(data: Any) -> int:
    """The blank lines the body starts with (stripped before it is validated)."""
    body = data.get("body") if isinstance(data, dict) else None
    if not isinstance(body, str):
        return 0
    return body[: len(body) - len(body.lstrip())].count("\n")


def build(
    model: type[BaseModel] | TypeAdapter[Any],
    data: Any,
    *,
    file: str | None,
    pointer: tuple[Any, ...],
    locate: Locate,
    line: int | None = None,
    body_line: int | None = None,
) -> tuple[Any | None, list[Finding]]:
    """Validate ``data`` as ``model``; return the object (with its origin) or findings.
    ``body_line``: the file line the Markdown body starts on (for a document)."""
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
            body_line=None if body_line is None else body_line + _blank_lines_before(data),
        )
    # The line is looked up only when a message needs it (Pressroom.line_of): working
    # out the line of every key of every file costs more than reading the files.
    obj._origin = Origin(file=file, line=line, pointer=pointer)
    return obj, []
