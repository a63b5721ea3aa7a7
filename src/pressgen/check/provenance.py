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

_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_NOT_PROSE = re.compile(
    r"`[^`\n]*`"  # inline code
    r"|\]\([^)]*\)"  # link targets
    r"|^\s{0,3}\[[^\]]+\]:.*$"  # reference definitions
    r"|<[^>\n]*>"  # HTML tags and autolinks
    r"|\{[:#.][^}\n]*\}"  # attribute lists
    r"|^\s*(?:\d+[.)]|[-*+])\s",  # list markers
    re.MULTILINE,
)
_DIGIT = re.compile(r"\d")
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
_MONTHS = (
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|"
    "september|oct|october|nov|november|dec|december"
)
_DATE_NEAR = re.compile(rf"(?:\b(?:{_MONTHS})\.?\s+$)", re.IGNORECASE)
_DATE_AFTER = re.compile(rf"^\s+(?:{_MONTHS})\b", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?|\d{1,2}:\d{2}")


def _blank(match: re.Match[str]) -> str:
    """Replace with spaces, keeping newlines so that lines still count right."""
    return re.sub(r"[^\n]", " ", match.group())


def hand_typed_numbers(text: str, allow: list[str]) -> list[tuple[int, str]]:
    """(offset, number) for each figure typed by hand in ``text``."""
    text = _JINJA.sub(_blank, text) if "{" in text else text
    if not _DIGIT.search(text):
        return []
    for phrase in allow:
        text = re.sub(re.escape(phrase), _blank, text, flags=re.IGNORECASE)
    text = _NOT_PROSE.sub(_blank, text)
    text = _ISO_DATE.sub(_blank, text)
    found = []
    for match in _NUMBER.finditer(text):
        start, end, number = match.start(), match.end(), match.group()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if before.isalpha() or after.isalpha():  # SSGJ707, 3SBio, 5th, 1st
            continue
        if before == "-" and start >= 2 and text[start - 2].isalnum():  # PD-1, COVID-19
            continue
        if re.fullmatch(r"(19|20|21)\d\d", number) and after not in "%":  # a year
            continue
        if _DATE_NEAR.search(text[max(0, start - 12) : start]) or _DATE_AFTER.match(text[end:]):
            continue  # a day of a month: July 15, 15 July
        found.append((start, number))
    return found


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
    for offset, number in hand_typed_numbers(body, allow):
        line = article.origin.body_line + body.count("\n", 0, offset)
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
