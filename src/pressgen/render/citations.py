"""Citing facts from templates: views that format a fact and record that it was cited.

A template or article body writes ``{{ fact.cn_exports_2025 }}``; the lookup
records the citation (so the article can end with its Sources) and returns a
view whose text is the formatted figure. Views print data, they are never
re-templated, and their text is HTML-escaped so a fact cannot inject markup.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .. import codes
from ..findings import Finding, closest
from ..model import Deal, Event, FactBase, Figure, Quote, Source, fact_date, period_bounds
from . import formatting as fmt

if TYPE_CHECKING:
    from ..pressroom import Pressroom


class CitationProblem(Exception):
    """Raised inside a render when a template cites something that does not exist."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


_MARKUP = str.maketrans({"[": "&#91;", "]": "&#93;", "`": "&#96;"})


def _esc(text: object) -> str:
    """Fact text is data: no HTML, no Markdown links or code spans can come out of it."""
    return html.escape(str(text), quote=False).translate(_MARKUP)


@dataclass
class CitationLog:
    """The facts one render cited, in first-cited order, and the findings it raised."""

    declared: frozenset[str]
    cited: dict[str, FactBase] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def record(self, fact: FactBase) -> None:
        self.cited.setdefault(fact.id, fact)

    def sources(self, room: Pressroom) -> list[tuple[Source, list[FactBase]]]:
        """Cited facts grouped by source, numbered in first-cited order."""
        order: dict[str, list[FactBase]] = {}
        for fact in self.cited.values():
            order.setdefault(fact.source, []).append(fact)
        return [
            (room.sources[source_id], facts)
            for source_id, facts in order.items()
            if source_id in room.sources
        ]


class FactView:
    """What a template sees of a fact. ``str(view)`` is the formatted fact."""

    def __init__(self, fact: FactBase, room: Pressroom, locale: str):
        self._fact, self._room, self._locale = fact, room, locale

    @cached_property
    def id(self) -> str:
        return self._fact.id

    @cached_property
    def kind(self) -> str:
        return self._fact.kind  # type: ignore[attr-defined]

    @cached_property
    def source(self) -> str:
        source = self._room.sources.get(self._fact.source)
        return _esc(source.display_name if source else self._fact.source)

    @cached_property
    def as_of(self) -> str:
        return fmt.format_long_date(fact_date(self._fact), self._locale)

    def __html__(self) -> str:  # Jinja's markup protocol: already safe text
        return str(self)


class FigureView(FactView):
    _fact: Figure

    @cached_property
    def label(self) -> str:
        return _esc(self._fact.label)

    @cached_property
    def value(self) -> str:
        f = self._fact
        if f.is_money:
            text = fmt.format_money(f.value, f.scale, f.currency or "USD", self._locale)
        elif f.is_percent:
            text = fmt.format_percentage(f.value, self._locale)
        else:
            text = fmt.format_amount(f.value, f.scale, self._locale)
            if f.unit:
                text = f"{text} {_esc(f.unit)}"
        return f"{f.qualifier} {text}" if f.qualifier else text

    @cached_property
    def number(self) -> str:
        """The value without its unit noun (for tables and headlines)."""
        f = self._fact
        if f.is_money or f.is_percent or not f.unit:
            return self.value
        text = fmt.format_amount(f.value, f.scale, self._locale)
        return f"{f.qualifier} {text}" if f.qualifier else text

    @cached_property
    def change(self) -> str:
        c = self._fact.change
        if c is None:
            return ""
        return _esc(fmt.format_change(c.value, c.unit, c.basis, self._locale))

    @cached_property
    def period(self) -> str:
        if not self._fact.period:
            return ""
        first, last = period_bounds(self._fact.period)
        return fmt.format_month_range(first, last, self._locale)

    @cached_property
    def full(self) -> str:
        """'$91.17 billion in January–October 2025, up 3.5% year on year'."""
        parts = [self.value]
        if self.period:
            parts.append(f"in {self.period}")
        text = " ".join(parts)
        return f"{text}, {self.change}" if self.change else text

    def __str__(self) -> str:
        return self.value


class DealView(FactView):
    _fact: Deal

    def _money(self, money: Any) -> str:
        if money is None:
            return ""
        text = fmt.format_money(money.amount, money.scale, money.currency, self._locale, "prefixed")
        return f"{money.qualifier} {text}" if money.qualifier else text

    @cached_property
    def upfront(self) -> str:
        return self._money(self._fact.upfront)

    @cached_property
    def total_value(self) -> str:
        return self._money(self._fact.total_value)

    def __getattr__(self, name: str) -> str:
        if name in {"licensor", "licensee", "asset", "modality", "territory", "status"}:
            return _esc(getattr(self._fact, name) or "")
        raise AttributeError(name)

    @cached_property
    def date(self) -> str:
        return fmt.format_long_date(self._fact.date, self._locale)

    def __str__(self) -> str:
        d = self._fact
        asset = f"{_esc(d.asset)}" + (f", a {_esc(d.modality)}," if d.modality else "")
        text = f"{_esc(d.licensee)}'s licence from {_esc(d.licensor)} for {asset}"
        if d.territory:
            text += f" covering {_esc(d.territory)}"
        money = [
            m
            for m in (
                f"{self.upfront} upfront" if d.upfront else "",
                f"up to {self.total_value} in total" if d.total_value else "",
            )
            if m
        ]
        if money:
            text += f" ({' and '.join(money)})"
        return text


class QuoteView(FactView):
    _fact: Quote

    @cached_property
    def text(self) -> str:
        return _esc(self._fact.text)

    @cached_property
    def speaker(self) -> str:
        return _esc(self._fact.speaker)

    @cached_property
    def attribution(self) -> str:
        q = self._fact
        return ", ".join(_esc(p) for p in (q.speaker, q.title, q.organisation) if p)

    def __str__(self) -> str:
        return f"> “{self.text}”\n>\n> — {self.attribution}"


class EventView(FactView):
    _fact: Event

    @cached_property
    def name(self) -> str:
        return _esc(self._fact.name)

    @cached_property
    def dates(self) -> str:
        e = self._fact
        if e.end and e.end != e.start:
            text = fmt.format_interval(e.start, e.end, "yMMMd", locale=fmt.get_locale(self._locale))
            return text.replace("\u2009–\u2009", "–")
        return fmt.format_long_date(e.start, self._locale)

    @cached_property
    def place(self) -> str:
        return _esc(self._fact.place or "")

    def __str__(self) -> str:
        details = ", ".join(p for p in (self.place, self.dates) if p)
        return f"{self.name} ({details})"


VIEWS: dict[str, type[FactView]] = {
    "figure": FigureView,
    "deal": DealView,
    "quote": QuoteView,
    "event": EventView,
}


def view_of(fact: FactBase, room: Pressroom, locale: str) -> FactView:
    """The view of a fact, made once per press room and locale (facts are immutable)."""
    key = (fact.id, locale, id(fact))
    view = room.view_cache.get(key)
    if view is None:
        view = room.view_cache.setdefault(key, VIEWS[fact.kind](fact, room, locale))  # type: ignore[attr-defined]
    return view


class FactLookup:
    """``fact.<id>`` in templates: finds the fact, records the citation, returns its view."""

    def __init__(self, room: Pressroom, log: CitationLog, locale: str, where: str | None):
        self._room, self._log, self._locale, self._where = room, log, locale, where

    def __getattr__(self, fact_id: str) -> FactView:
        return self[fact_id]

    def __getitem__(self, fact_id: str) -> FactView:
        fact = self._room.facts.get(fact_id)
        if fact is None and fact_id in self._room.broken["fact"]:
            raise CitationProblem(
                Finding(
                    code=codes.UNKNOWN_FACT,
                    file=self._where,
                    message=f"the fact '{fact_id}' has errors (see its file) and cannot be cited",
                    hint="fix the fact's file first",
                )
            )
        if fact is None:
            close = closest(fact_id, self._room.facts)
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
        return view_of(fact, self._room, self._locale)
