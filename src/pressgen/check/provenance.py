"""Provenance: every number a reader sees comes from a cited fact.

Two rules: numbers typed by hand into an article (strict mode), and derived
figures whose arithmetic does not agree with their inputs.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from .. import codes
from ..content import Content
from ..findings import Finding, Location
from ..model import Article, Figure
from ..model.base import SCALE_FACTORS

# Linear time on any text (a property test throws 1 MB adversarial bodies at it):
# template tags are found by str.find, not by a lazy '.*?' that rescans the rest of
# the text from every unclosed '{{'; every other run stops at a newline or at the
# character that starts the next try (a link target at ']', a tag at '<').
_TEMPLATE_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
_TEMPLATE_OPEN = re.compile(r"\{[{%#]")
_NOT_PROSE = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|\]\([^)\]\n]*\)"  # link targets
    r"|^[ \t]{0,3}\[[^\]\n]+\]:.*$"  # reference definitions
    r"|<[^<>\n]*>"  # HTML tags and autolinks
    r"|\{[:#.][^{}\n]*\}"  # attribute lists
    r"|^[ \t]*(?:\d+[.)]|[-*+])[ \t]",  # list markers
    re.MULTILINE,
)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|"
    "september|oct|october|nov|november|dec|december"
)
_MONTH_NAMES = frozenset(_MONTHS.split("|"))
MAX_NUMBERS = 200  # reported per text: an editor with more to fix needs no more detail
_DATE_AFTER = re.compile(rf"[ \t]+(?:{_MONTHS})\b", re.IGNORECASE)  # matched at a position
_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|\d{1,2}:\d{2}")
_YEAR = re.compile(r"(19|20|21)\d\d")
_NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(match: re.Match[str]) -> str:
    """Replace with spaces, keeping newlines so that lines still count right."""
    text = match.group()
    return _NOT_NEWLINE.sub(" ", text) if "\n" in text else " " * len(text)


def _blank_templates(text: str) -> str:
    """Blank ``{{ }}``, ``{% %}`` and ``{# #}``; an unclosed one blanks the rest."""
    parts, position = [], 0
    while (opening := _TEMPLATE_OPEN.search(text, position)) is not None:
        close = text.find(_TEMPLATE_CLOSE[opening.group()], opening.end())
        end = len(text) if close < 0 else close + 2
        parts += [
            text[position : opening.start()],
            _NOT_NEWLINE.sub(" ", text[opening.start() : end]),
        ]
        position = end
    parts.append(text[position:])
    return "".join(parts)


def hand_typed_numbers(text: str, allow: list[str]) -> list[tuple[int, str]]:
    """(offset, number) for each figure typed by hand in ``text``."""
    text = _blank_templates(text) if "{" in text else text
    if not _DIGIT.search(text):
        return []
    for phrase in allow:
        text = re.sub(re.escape(phrase), _blank, text, flags=re.IGNORECASE)
    text = _NOT_PROSE.sub(_blank, text)
    text = _ISO_DATE.sub(_blank, text)
    found: list[tuple[int, str]] = []
    for match in _NUMBER.finditer(text):
        start, end = match.span()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before.isalpha() or after.isalpha():  # SSGJ707, 3SBio, 5th, 1st
            continue
        if before == "-" and start >= 2 and text[start - 2].isalnum():  # PD-1, COVID-19
            continue
        number = match.group()
        if len(number) == 4 and _YEAR.fullmatch(number) and after != "%":  # a year
            continue
        if (after in " \t" and _DATE_AFTER.match(text, end)) or (
            before.isspace() and _month_before(text, start)
        ):
            continue  # a day of a month: July 15, 15 July
        found.append((start, number))
        if len(found) == MAX_NUMBERS:
            break
    return found


def _month_before(text: str, start: int) -> bool:
    """Whether a month's name (and maybe a dot) stands before the spaces before ``start``."""
    end = start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end > 0 and text[end - 1] == ".":
        end -= 1
    begin = end
    while begin > 0 and end - begin <= 9 and text[begin - 1].isalpha():
        begin -= 1
    if begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
        return False
    return text[begin:end].lower() in _MONTH_NAMES


def numbers_sourced(content: Content, article: Article, today: dt.date) -> list[Finding]:
    """Strict provenance: no number typed by hand in the title, summary or body."""
    if content.settings.provenance != "strict":
        return []
    allow = content.settings.provenance_allow
    findings = []
    for field in ("title", "subtitle", "summary"):
        value = getattr(article, field) or ""
        for _, number in hand_typed_numbers(value, allow):
            findings.append(_finding(content.locate(article, field), number))
    body = article.body
    body_at = content.locate(article, "body")
    line, counted = article.origin.body_line, 0
    for offset, number in hand_typed_numbers(body, allow):  # offsets in increasing order
        line += body.count("\n", counted, offset)
        counted = offset
        findings.append(_finding(Location(body_at.file, line, body_at.path), number))
    return findings


def _finding(where: Location, number: str) -> Finding:
    return where.finding(
        codes.UNSOURCED_NUMBER,
        f"the number {number} is typed by hand, so no source backs it",
        "put it in a fact with its source and cite it as {{ fact.ID }}, or, if it is "
        "not a figure, add the phrase to provenance_allow in content/settings.yml",
    )


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def derived_figures_agree(content: Content, today: dt.date) -> list[Finding]:
    """A derived figure must agree with its inputs within its rounding."""
    return [
        finding
        for fact in content.facts.values()
        if isinstance(fact, Figure)
        and fact.derived is not None
        and (finding := _derived_problem(content, fact)) is not None
    ]


def _derived_problem(content: Content, fact: Figure) -> Finding | None:
    derived = fact.derived
    assert derived is not None

    def problem(field: str, message: str, hint: str, code: str = codes.DERIVED_MISMATCH) -> Finding:
        return content.locate(fact, field).finding(code, message, hint)

    inputs = []
    for input_id in derived.inputs:
        source = content.facts.get(input_id)
        if not isinstance(source, Figure):
            return problem(
                "derived",
                f"the input '{input_id}' of '{fact.id}' is not a figure",
                "list the ids of the figures this one is computed from",
                codes.UNKNOWN_FACT,
            )
        inputs.append(source.total)
    computed = _compute(derived.operation, inputs)
    if computed is None:
        return problem("derived", f"'{fact.id}' divides by a figure that is zero", "")
    if derived.operation not in {"share", "ratio"}:
        computed /= SCALE_FACTORS.get(fact.scale or "", 1)  # back to the units written
    tolerance = (
        derived.rounding
        if derived.rounding is not None
        else (Decimal(5) / Decimal(10) ** (_decimals(fact.value) + 1))
    )
    if abs(fact.value - computed) <= tolerance:
        return None
    return problem(
        "value",
        f"'{fact.id}' is {fact.value}, but its inputs give "
        f"{computed.quantize(Decimal('0.01'))} (allowed difference {tolerance})",
        "correct the value or the inputs, or state the rounding with 'rounding:' under 'derived:'",
    )


def _compute(operation: str, values: list[Decimal]) -> Decimal | None:
    if operation == "sum":
        return sum(values, Decimal(0))
    if operation == "difference":
        return values[0] - sum(values[1:], Decimal(0))
    if values[1] == 0:
        return None
    ratio = values[0] / values[1]
    return ratio * 100 if operation == "share" else ratio
