"""Citing facts from templates: views that format a fact and record that it was cited.

A template or article body writes ``{{ fact.cn_exports_2025 }}``; the lookup
records the citation (so the article can end with its Sources) and returns a
view whose text is the formatted figure. Views print data, they are never
re-templated, and their text is HTML-escaped so a fact cannot inject markup.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar

from .. import codes
from ..content import Content
from ..findings import Finding, closest
from ..html import markdown_text
from ..labels import Wording
from ..model import (
    Deal,
    Event,
    FactBase,
    Figure,
    Quote,
    Source,
    Statement,
    fact_date,
    period_bounds,
)

T = TypeVar("T")


class Renderer(Protocol):
    """What citing needs of :class:`~pressgen.render.renderer.Renderer` (which imports the
    field lists from here): the content and a per-press-room memo."""

    content: Content

    def memo(self, key: Hashable, make: Callable[[], T]) -> T: ...


class CitationProblem(Exception):
    """Raised inside a render when a template cites something that does not exist."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


def _esc(text: object) -> str:
    """Fact text is data: no HTML, link, emphasis, attribute list or other Markdown can
    come out of it (the same escaping as every text a template prints)."""
    return markdown_text(text)


@dataclass
class CitationLog:
    """The facts one render cited, in first-cited order, and the findings it raised."""

    declared: frozenset[str]
    cited: dict[str, FactBase] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def record(self, fact: FactBase) -> None:
        self.cited.setdefault(fact.id, fact)

    def sources(self, content: Content) -> list[tuple[Source, list[FactBase]]]:
        """Cited facts grouped by source, numbered in first-cited order."""
        order: dict[str, list[FactBase]] = {}
        for fact in self.cited.values():
            order.setdefault(fact.source, []).append(fact)
        return [
            (content.sources[source_id], facts)
            for source_id, facts in order.items()
            if source_id in content.sources
        ]


def qualified(qualifier: str | None, text: str, labels: Mapping[str, Any]) -> str:
    """'over $1 billion' / '超過10億美元': the qualifier in the view's language."""
    if not qualifier:
        return text
    word = labels["qualifiers"].get(qualifier, qualifier)
    return labels["qualified"].format(qualifier=_esc(word), value=text)


class FactView:
    """What a template sees of a fact. ``str(view)`` is the formatted fact."""

    TEXT_FIELDS: frozenset[str] = frozenset()  # fields served by __getattr__

    def __init__(self, fact: FactBase, content: Content, wording: Wording):
        self._fact, self._content, self._wording = fact, content, wording
        self._lang, self._locale = wording.lang, wording.locale
        self._labels = wording.table

    def _word(self, name: str) -> str:
        """A text field in the view's language, escaped."""
        return _esc(self._fact.wording(name, self._lang) or "")

    @cached_property
    def id(self) -> str:
        return self._fact.id

    @cached_property
    def kind(self) -> str:
        return self._fact.kind  # type: ignore[attr-defined]

    @cached_property
    def source(self) -> str:
        source = self._content.sources.get(self._fact.source)
        return _esc(source.display_name if source else self._fact.source)

    @cached_property
    def as_of(self) -> str:
        return self._wording.long_date(fact_date(self._fact))

    def __html__(self) -> str:  # Jinja's markup protocol: already safe text
        return str(self)


class FigureView(FactView):
    _fact: Figure

    @cached_property
    def label(self) -> str:
        return self._word("label")

    def _qualified(self, text: str) -> str:
        return qualified(self._fact.wording("qualifier", self._lang), text, self._labels)

    @cached_property
    def value(self) -> str:
        f = self._fact
        if f.is_money:
            text = self._wording.money(f.value, f.scale, f.currency or "USD")
        elif f.is_percent:
            text = self._wording.percent(f.value)
        else:
            text = self._wording.amount(f.value, f.scale)
            if f.unit:
                text = f"{text}{self._labels['unit_joiner']}{self._word('unit')}"
        return self._qualified(text)

    @cached_property
    def number(self) -> str:
        """The value without its unit noun (for tables and headlines)."""
        f = self._fact
        if f.is_money or f.is_percent or not f.unit:
            return self.value
        return self._qualified(self._wording.amount(f.value, f.scale))

    @cached_property
    def change(self) -> str:
        c = self._fact.change
        if c is None:
            return ""
        basis = self._fact.wording("basis", self._lang) or c.basis
        return _esc(self._wording.change(c.value, c.unit, basis))

    @cached_property
    def period(self) -> str:
        if not self._fact.period:
            return ""
        first, last = period_bounds(self._fact.period)
        return self._wording.month_range(first, last)

    @cached_property
    def full(self) -> str:
        """'$91.17 billion in January–October 2025, up 3.5% year on year'."""
        labels = self._labels
        text = (
            labels["figure_in_period"].format(value=self.value, period=self.period)
            if self.period
            else self.value
        )
        return (
            labels["figure_with_change"].format(figure=text, change=self.change)
            if self.change
            else text
        )

    def __str__(self) -> str:
        return self.value


class DealView(FactView):
    _fact: Deal

    def _money(self, money: Any) -> str:
        if money is None:
            return ""
        text = self._wording.money(money.amount, money.scale, money.currency, "prefixed")
        return qualified(money.qualifier, text, self._labels)

    @cached_property
    def upfront(self) -> str:
        return self._money(self._fact.upfront)

    @cached_property
    def total_value(self) -> str:
        return self._money(self._fact.total_value)

    TEXT_FIELDS = frozenset({"licensor", "licensee", "asset", "modality", "territory", "status"})

    def __getattr__(self, name: str) -> str:
        if name in {"licensor", "licensee", "asset", "modality", "territory"}:
            return self._word(name)
        if name == "status":
            return _esc(self._fact.status)
        raise AttributeError(name)

    @cached_property
    def date(self) -> str:
        return self._wording.long_date(self._fact.date)

    def __str__(self) -> str:
        d, labels, word = self._fact, self._labels, self._word
        money = [
            m
            for m in (
                labels["deal_upfront"].format(amount=self.upfront) if d.upfront else "",
                labels["deal_total"].format(amount=self.total_value) if d.total_value else "",
            )
            if m
        ]
        return labels["deal"].format(
            licensee=word("licensee"),
            licensor=word("licensor"),
            asset=word("asset"),
            modality=labels["deal_modality"].format(modality=word("modality"))
            if d.modality
            else "",
            territory=labels["deal_territory"].format(territory=word("territory"))
            if d.territory
            else "",
            money=labels["deal_money"].format(parts=labels["deal_and"].join(money))
            if money
            else "",
        )


class QuoteView(FactView):
    _fact: Quote

    @cached_property
    def text(self) -> str:
        return self._word("text")

    @cached_property
    def speaker(self) -> str:
        return self._word("speaker")

    @cached_property
    def attribution(self) -> str:
        parts = [p for p in (self._word(n) for n in ("speaker", "title", "organisation")) if p]
        return self._wording.join(parts)

    def __str__(self) -> str:
        open_mark, close_mark = self._labels["quote_open"], self._labels["quote_close"]
        return f"> {open_mark}{self.text}{close_mark}\n>\n> — {self.attribution}"


class EventView(FactView):
    _fact: Event

    @cached_property
    def name(self) -> str:
        return self._word("name")

    @cached_property
    def dates(self) -> str:
        e = self._fact
        if e.end and e.end != e.start:
            return self._wording.day_range(e.start, e.end)
        return self._wording.long_date(e.start)

    @cached_property
    def place(self) -> str:
        return self._word("place")

    def __str__(self) -> str:
        details = ", ".join(p for p in (self.place, self.dates) if p)
        return f"{self.name} ({details})"


class StatementView(FactView):
    _fact: Statement

    @cached_property
    def who(self) -> str:
        return self._word("who")

    @cached_property
    def what(self) -> str:
        return self._word("what")

    @cached_property
    def jurisdiction(self) -> str:
        return self._word("jurisdiction")

    @cached_property
    def date(self) -> str:
        return self._wording.long_date(self._fact.date)

    def __str__(self) -> str:
        return self._wording("statement", who=self.who, what=self.what, date=self.date)


VIEWS: dict[str, type[FactView]] = {
    "figure": FigureView,
    "deal": DealView,
    "quote": QuoteView,
    "event": EventView,
    "statement": StatementView,
}


def fields_of(view: type[FactView]) -> frozenset[str]:
    """The fields a body may cite of a kind of fact: ``{{ fact.ID.FIELD }}``."""
    return (
        frozenset(
            name
            for name in dir(view)
            if not name.startswith("_") and isinstance(getattr(view, name), cached_property)
        )
        | view.TEXT_FIELDS
    )


@functools.cache  # constant: computed once
def any_fact_field() -> frozenset[str]:
    """Every field of every kind of fact (the kind is known only when rendering)."""
    return frozenset().union(*(fields_of(view) for view in VIEWS.values()))


def view_of(fact: FactBase, renderer: Renderer, wording: Wording) -> FactView:
    """The view of a fact, made once per press room and locale (facts are immutable)."""
    return renderer.memo(
        ("view", fact.id, wording.locale, id(fact)),
        lambda: VIEWS[fact.kind](fact, renderer.content, wording),  # type: ignore[attr-defined]
    )


class FactLookup:
    """``fact.<id>`` in templates: finds the fact, records the citation, returns its view."""

    def __init__(self, renderer: Renderer, log: CitationLog, wording: Wording, where: str | None):
        self._renderer, self._log, self._wording, self._where = renderer, log, wording, where
        self._content = renderer.content

    def __getattr__(self, fact_id: str) -> FactView:
        return self[fact_id]

    def __getitem__(self, fact_id: str) -> FactView:
        fact = self._content.facts.get(fact_id)
        if fact is None and fact_id in self._content.broken["fact"]:
            raise CitationProblem(
                Finding(
                    code=codes.UNKNOWN_FACT,
                    file=self._where,
                    message=f"the fact '{fact_id}' has errors (see its file) and cannot be cited",
                    hint="fix the fact's file first",
                )
            )
        if fact is None:
            close = closest(fact_id, self._content.facts)
            raise CitationProblem(
                Finding(
                    code=codes.UNKNOWN_FACT,
                    file=self._where,
                    message=f"the fact '{fact_id}' does not exist",
                    hint=f"did you mean '{close}'?"
                    if close
                    else "add it to a file in content/facts/ or correct the id",
                )
            )
        if fact_id not in self._log.declared and fact_id not in self._log.cited:
            self._log.findings.append(
                Finding(
                    code=codes.UNDECLARED_FACT,
                    file=self._where,
                    message=f"the body cites the fact '{fact_id}', which 'facts:' does not list",
                    hint=f"add '{fact_id}' to the 'facts:' list of the article",
                    path="/facts",
                )
            )
        self._log.record(fact)
        return view_of(fact, self._renderer, self._wording)
