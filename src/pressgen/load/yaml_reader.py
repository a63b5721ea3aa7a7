"""A strict YAML reader for content written by people.

PyYAML follows YAML 1.1, which silently turns ``NO`` into ``False``, ``10:00``
into ``600`` and ``01234`` into ``668``, and lets a duplicate key win without a
word. This reader keeps libyaml's C parser (8-9x faster than the pure Python
one) but resolves scalars the YAML 1.2 way, keeps decimals exact (``1.10`` stays
``Decimal('1.10')``), refuses duplicate keys, anchors/aliases and language tags,
and records the line of every key so errors can point at it.

Two things are refused before they can hurt: nesting deeper than
:data:`MAX_DEPTH` (libyaml's composer recurses in C, and a 100,000-deep list
crashed the process), found by a cheap bound and, only when that bound is high,
an event pass that stops at the first level too deep; and a value that does not
fit its explicit tag (``!!int 0x1F``, ``!!float abc``, ``!!bool maybe``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import yaml

from .. import codes
from ..findings import Finding

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LineMap = dict[tuple[Any, ...], int]


class YamlProblem(Exception):
    """A YAML problem with its position (0-based line inside the YAML text)."""

    def __init__(self, code: str, message: str, hint: str, line: int | None):
        super().__init__(message)
        self.code, self.message, self.hint, self.line = code, message, hint, line
        self.first_line: int | None = None

    def with_first(self, first_line: int) -> YamlProblem:
        """The same problem, naming the line where a duplicated key first appears."""
        self.first_line = first_line
        return self


class _StrictLoader(_BaseLoader):
    pass


# YAML 1.2 core schema resolvers (replacing YAML 1.1's).
_StrictLoader.yaml_implicit_resolvers = {}
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    # No leading zeros (01234 stays text), no sexagesimal (10:00 stays text).
    re.compile(r"^(?:[-+]?(?:0|[1-9][0-9_]*))$"),
    list("-+0123456789"),
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        # A dot is required: '2E5' (a product code) stays text.
        r"^(?:[-+]?(?:0|[1-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null",
    re.compile(r"^(?:~|null|Null|NULL|)$"),
    ["~", "n", "N", ""],
)
_StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:timestamp",
    re.compile(
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?
         (?:[Tt]|[ \t]+)[0-9][0-9]?
         :[0-9][0-9] (?::[0-9][0-9] (?:\.[0-9]*)?)?
         (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        re.X,
    ),
    list("0123456789"),
)

_TIMESTAMP = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:(?:[Tt]|[ \t]+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d*))?)?"
    r"(?:[ \t]*(?P<tz>Z|[-+]\d{1,2}(?::?\d{2})?))?)?$"
)


MAX_DEPTH = 64  # content is a few levels deep; the parsers recurse per level
MAX_DIGITS = 100  # a longer number is a typo or an attack (int() refuses 4,300)
_INT_TEXT = re.compile(r"[-+]?[0-9][0-9_]*")
_FLOAT_TEXT = re.compile(
    r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]{1,4})?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
_BOOLS = {"true": True, "false": False}
_NULLS = {"", "~", "null"}


def _bad_scalar(node: yaml.Node, wanted: str, hint: str) -> YamlProblem:
    if isinstance(node.value, str):
        shown = node.value if len(node.value) <= 40 else node.value[:40] + "…"
        message = f"'{shown}' is not {wanted}"
    else:
        kind = "list" if isinstance(node, yaml.SequenceNode) else "set of keys"
        message = f"a {kind} where the tag asks for {wanted}"
    return YamlProblem(
        codes.YAML_BAD_SCALAR,
        message,
        hint,
        node.start_mark.line,
    )


def _scalar(node: yaml.Node, wanted: str, hint: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise _bad_scalar(node, wanted, hint)
    return str(node.value)


def _construct_float(loader: Any, node: yaml.ScalarNode) -> Decimal | float:
    hint = "write a number with digits and a dot, such as 91.17, or remove the !!float tag"
    text = _scalar(node, "a number", hint)
    if not _FLOAT_TEXT.fullmatch(text) or len(text) > MAX_DIGITS:
        raise _bad_scalar(node, "a number", hint)
    text = text.replace("_", "")
    lowered = text.lower()
    if lowered.endswith(".inf") or lowered == ".nan":
        # Kept as float so that the model can refuse it with a clear message.
        return float(lowered.replace(".", ""))
    return Decimal(text)


def _construct_int(loader: Any, node: yaml.ScalarNode) -> int:
    hint = "write a whole number in plain digits, such as 1775, or remove the !!int tag"
    text = _scalar(node, "a whole number", hint)
    if not _INT_TEXT.fullmatch(text) or len(text) > MAX_DIGITS:
        raise _bad_scalar(node, "a whole number written in digits", hint)
    return int(text.replace("_", ""))


def _construct_bool(loader: Any, node: yaml.ScalarNode) -> bool:
    hint = "write true or false, or remove the !!bool tag"
    text = _scalar(node, "true or false", hint)
    if text.lower() not in _BOOLS:
        raise _bad_scalar(node, "true or false", hint)
    return _BOOLS[text.lower()]


def _construct_null(loader: Any, node: yaml.ScalarNode) -> None:
    hint = "leave the value empty (or write null), or remove the !!null tag"
    if _scalar(node, "empty", hint).lower() not in _NULLS:
        raise _bad_scalar(node, "empty", hint)


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> dt.date | dt.datetime:
    match = _TIMESTAMP.match(node.value)
    if not match:
        raise YamlProblem(
            codes.BAD_DATE_VALUE,
            f"'{node.value}' is not a date",
            "write dates as YYYY-MM-DD, times as YYYY-MM-DDTHH:MM+08:00",
            node.start_mark.line,
        )
    parts = match.groupdict()
    try:
        if parts["H"] is None:
            return dt.date(int(parts["y"]), int(parts["m"]), int(parts["d"]))
        fraction = (parts["f"] or "0")[:6].ljust(6, "0")
        tz = None
        if parts["tz"]:
            if parts["tz"] == "Z":
                tz = dt.UTC
            else:
                sign = -1 if parts["tz"][0] == "-" else 1
                digits = parts["tz"][1:].replace(":", "")
                hours, minutes = int(digits[:2] if len(digits) > 2 else digits), 0
                if len(digits) > 2:
                    minutes = int(digits[2:])
                tz = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
        return dt.datetime(
            int(parts["y"]),
            int(parts["m"]),
            int(parts["d"]),
            int(parts["H"]),
            int(parts["M"]),
            int(parts["S"] or 0),
            int(fraction),
            tzinfo=tz,
        )
    except ValueError as exc:
        raise YamlProblem(
            codes.BAD_DATE_VALUE,
            f"'{node.value}' is not a real date or time ({exc})",
            "check the day and month, e.g. February has 28 or 29 days",
            node.start_mark.line,
        ) from None


def _construct_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> dict:
    if not isinstance(node, yaml.MappingNode):
        raise _bad_scalar(node, "a set of keys", "remove the !!map tag")
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            raise YamlProblem(
                codes.YAML_ALIAS,
                "merge keys (<<) are not supported",
                "write the keys out in full",
                key_node.start_mark.line,
            )
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise YamlProblem(
                codes.YAML_SYNTAX,
                "a key must be plain text",
                "remove the brackets around the key",
                key_node.start_mark.line,
            ) from None
        if key in seen:
            raise YamlProblem(
                codes.DUPLICATE_KEY,
                f"the key '{key}' appears twice (first on line {{first}})",
                "keep one of the two: YAML would silently use the last one",
                key_node.start_mark.line,
            ).with_first(seen[key])
        seen[key] = key_node.start_mark.line
    mapping: dict = {}
    for key_node, value_node in node.value:
        mapping[loader.construct_object(key_node, deep=True)] = loader.construct_object(
            value_node, deep=True
        )
    return mapping


_StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_StrictLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
_StrictLoader.add_constructor("tag:yaml.org,2002:null", _construct_null)

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass
class YamlResult:
    data: Any
    lines: LineMap | None  # None: not computed yet, see line_map()
    quoted_dates: list[tuple[Any, ...]]


_MAY_NEED_WALK = re.compile(r"[&*!]|[\"']\d{4}-\d{2}-\d{2}")


def line_map(text: str) -> LineMap:
    """The (0-based) line of every key and item of a YAML text already known to parse."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        lines: LineMap = {}
        if node is not None:
            _walk(node, (), lines, set(), [])
        return lines
    finally:
        loader.dispose()


_DATE_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}([Tt ].*)?$")


def _walk(
    node: yaml.Node,
    path: tuple[Any, ...],
    lines: LineMap,
    seen: set[int],
    quoted_dates: list[tuple[Any, ...]],
) -> None:
    if id(node) in seen:
        raise YamlProblem(
            codes.YAML_ALIAS,
            "anchors and aliases (&name / *name) are not supported",
            "repeat the value instead of referring to it",
            lines.get(path, lines.get(path[:-1], node.start_mark.line)),
        )
    seen.add(id(node))
    if node.tag not in _ALLOWED_TAGS:
        raise YamlProblem(
            codes.YAML_TAG,
            f"the tag '{node.tag}' is not allowed in content files",
            "remove the '!' tag: content is plain text, numbers, dates, lists and keys",
            node.start_mark.line,
        )
    lines.setdefault(path, node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.tag == "tag:yaml.org,2002:int"
                and _INT_TEXT.fullmatch(key_node.value)
                and len(key_node.value) <= MAX_DIGITS
            ):  # (a bad one is refused with its line when the key is constructed)
                key = int(key_node.value.replace("_", ""))
            child = (*path, key)
            lines[child] = key_node.start_mark.line
            _walk(key_node, (*child, "<key>"), {}, seen, [])
            _walk(value_node, child, lines, seen, quoted_dates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), lines, seen, quoted_dates)
    elif (
        isinstance(node, yaml.ScalarNode)
        and node.style in ("'", '"')
        and _DATE_LIKE.match(node.value)
    ):
        quoted_dates.append(path)


# The start of a line that only indents and opens block items ("  - - ? "): each
# level of block nesting costs at least one of these characters, or a '[' or '{'.
_BLOCK_PREFIX = re.compile(r"^[ \-?]*", re.MULTILINE)
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def refuse_deep_nesting(text: str) -> None:
    """Raise :class:`YamlProblem` if ``text`` nests deeper than :data:`MAX_DEPTH`.

    Linear, and before any recursive code sees the text. A bound first (two levels
    per character of a line's indentation and item marks, one per bracket in the
    whole text): ordinary files stay far below it and are not scanned further.
    Above it, libyaml's parser (a state machine, not recursive) streams events and
    the scan stops at the first level too deep.
    """
    if len(text) <= MAX_DEPTH:
        return
    brackets = text.count("[") + text.count("{")
    if brackets <= MAX_DEPTH // 2:
        widest = max(map(len, _BLOCK_PREFIX.findall(text)), default=0)
        if 2 * widest + brackets + 2 <= MAX_DEPTH:
            return
    loader = _StrictLoader(text)
    try:
        depth = 0
        while (event := loader.get_event()) is not None:
            if isinstance(event, _OPEN):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlProblem(
                        codes.YAML_TOO_DEEP,
                        f"the YAML is nested more than {MAX_DEPTH} levels deep",
                        "content needs a few levels of lists and keys; flatten the structure",
                        event.start_mark.line,
                    )
            elif isinstance(event, _CLOSE):
                depth -= 1
    except yaml.YAMLError:
        return  # a syntax error: the real parse reports it with its line
    finally:
        loader.dispose()


def parse_yaml(text: str) -> YamlResult:
    """Parse one YAML document strictly. Raises :class:`YamlProblem` (0-based lines)."""
    refuse_deep_nesting(text)
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlResult(None, {}, [])
        lines: LineMap | None = None
        quoted: list[tuple[Any, ...]] = []
        if _MAY_NEED_WALK.search(text):
            # Aliases, tags or quoted dates are possible: check them now. Otherwise the
            # line of each key is only worked out if an error needs it (line_map).
            lines = {}
            _walk(node, (), lines, set(), quoted)
        data = loader.construct_document(node)
        return YamlResult(data, lines, quoted)
    except YamlProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line if mark else None
        problem = exc.problem or str(exc)
        source_line = (
            text.splitlines()[line] if line is not None and line < len(text.splitlines()) else ""
        )
        indent = source_line[: len(source_line) - len(source_line.lstrip())]
        if "\t" in indent or "tab" in problem.lower():
            raise YamlProblem(
                codes.YAML_TAB,
                "a tab character is used for indentation",
                "indent with spaces only (two spaces per level)",
                line,
            ) from None
        if exc.problem and "could not determine a constructor" in exc.problem:
            raise YamlProblem(
                codes.YAML_TAG,
                "a '!' tag that pressgen does not accept",
                "remove the tag",
                line,
            ) from None
        context = f" {exc.context}" if getattr(exc, "context", None) else ""
        raise YamlProblem(
            codes.YAML_SYNTAX,
            f"YAML syntax error:{context} {problem}".strip(),
            "check the indentation and the colons around this line; quote text that "
            "contains ': ' or starts with a special character",
            line,
        ) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(codes.YAML_SYNTAX, f"YAML error: {exc}", "check the file", None) from None
    except RecursionError:
        raise YamlProblem(
            codes.YAML_TOO_DEEP,
            "the YAML is nested too deeply",
            "flatten the structure",
            None,
        ) from None
    except (ValueError, TypeError, KeyError, ArithmeticError) as exc:
        # A constructor refused a value (the ones above say where; this is the net).
        raise YamlProblem(
            codes.YAML_BAD_SCALAR,
            f"a value cannot be read: {exc}",
            "check the values that carry a '!!' tag or look like numbers",
            None,
        ) from None
    finally:
        loader.dispose()


def problem_to_finding(problem: YamlProblem, file: str | None, line_offset: int) -> Finding:
    """Turn a YAML problem into a finding whose line is a line of *the file*."""
    line = None if problem.line is None else problem.line + line_offset
    message = problem.message
    if "{first}" in message:
        first = problem.first_line
        message = message.replace("{first}", str(first + line_offset if first is not None else "?"))
    return Finding(code=problem.code, message=message, file=file, line=line, hint=problem.hint)
