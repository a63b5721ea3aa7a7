"""Labels: every wording of a press room, in every language, from one object.

pressgen's own tables (``pressgen/templates/i18n/<tag>.yml``) are merged with the
project's overrides (``templates/i18n/<tag>.yml``, read by :mod:`pressgen.load`),
and Babel supplies numbers, currencies and dates. Page templates, fact wording and
exports all ask a :class:`Wording` (one language), so an override reaches every
text that uses the label. Language rules (punctuation, units, datelines) are label
keys, never ``if lang == ...`` in code.

A label's placeholders may only be plain names (``{company}``): attribute access,
indexing, conversions and format specs are refused when the table is read, so a
label can never reach into the objects it is filled with.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from .. import codes
from ..findings import Finding, json_pointer
from ..i18n import builtin_labels, language_for_locale
from ..load.project import Record
from ..model import Settings
from . import formatting as fmt

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def unsafe_field(text: str) -> str | None:
    """The first placeholder of ``text`` that is not a plain ``{name}``, or None."""
    try:
        parts = list(string.Formatter().parse(text))
    except ValueError as exc:  # an unmatched brace
        return str(exc)
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if not _NAME.fullmatch(name) or spec or conversion:
            return (
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
    return None


def _problems(data: Any, file: str, record: Record | None = None) -> list[Finding]:
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str | dict | list | None) for k, v in data.items()
    ):
        return [
            Finding(
                code=codes.INVALID_VALUE,
                file=file,
                message="a label table must map names to texts, e.g. sources: Sources",
                hint="copy pressgen's own table from src/pressgen/templates/i18n/ and edit it",
            )
        ]
    out = []
    for key, value in data.items():
        for path, text in _texts(value, (key,)):
            bad = unsafe_field(text)
            if bad:
                out.append(
                    Finding(
                        code=codes.INVALID_VALUE,
                        file=file,
                        line=record.line_of(path) if record is not None else None,
                        path=json_pointer(path),
                        message=f"the label '{key}' uses the placeholder {bad}; labels may only "
                        "use plain names in braces",
                        hint="write placeholders as in pressgen's own table, e.g. {company}; "
                        "write a literal brace as {{ or }}",
                    )
                )
                break
    return out


def _texts(value: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Every text of a label, however deep it is nested in maps and lists."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))


class Wording:
    """The wording of one language: labels, filled in, and Babel formats for its locale."""

    def __init__(self, lang: str, locale: str, table: Mapping[str, Any]):
        self.lang, self.locale, self.table = lang, locale, table

    def __call__(self, key: str, **values: Any) -> str:
        """``label('about', company=...)``: a label, filled in."""
        text = self.table.get(key)
        if not isinstance(text, str):
            raise KeyError(f"no label '{key}' in templates/i18n/{self.lang}.yml")
        return text.format(**values) if values else text

    def get(self, key: str, default: Any = None) -> Any:
        return self.table.get(key, default)

    def words(self, name: str) -> Mapping[str, str]:
        """A nested table (``qualifiers``, ``bases``)."""
        value = self.table.get(name)
        return value if isinstance(value, Mapping) else {}

    def join(self, parts: Iterable[str]) -> str:
        """Parts of an attribution: 'Name, Title, Company' / 'Name，Title，Company'."""
        return self.table["list_comma"].join(parts)

    # Formats: thin wrappers so that callers never pass the table by hand.
    def amount(self, value: Decimal | int, scale: str | None = None) -> str:
        return fmt.format_amount(value, scale, self.locale, self.table)

    def money(
        self, value: Decimal | int, scale: str | None, currency: str, display: str = "symbol"
    ) -> str:
        return fmt.format_money(value, scale, currency, self.locale, self.table, display)

    def percent(self, value: Decimal | int) -> str:
        return fmt.format_percentage(value, self.locale)

    def change(self, value: Decimal | int, unit: str, basis: str) -> str:
        return fmt.format_change(value, unit, basis, self.locale, self.table)

    def month_range(self, first: dt.date, last: dt.date) -> str:
        return fmt.format_month_range(first, last, self.locale, self.table)

    def day_range(self, first: dt.date, last: dt.date) -> str:
        return fmt.format_day_range(first, last, self.locale, self.table)

    def long_date(self, value: dt.date | dt.datetime) -> str:
        return fmt.format_long_date(value, self.locale)

    def short_date(self, value: dt.date | dt.datetime) -> str:
        return fmt.format_ap_date(value, self.locale, self.table)

    def dateline(self, city: str, value: dt.date | dt.datetime) -> str:
        return fmt.format_dateline(city, value, self.locale, self.table)


class Labels:
    """The label tables of every language of one press room (immutable once made)."""

    def __init__(
        self, settings: Settings, project_tables: Mapping[str, Sequence[Record]] | None = None
    ):
        self.settings = settings
        self.findings: list[Finding] = []
        overrides = project_tables or {}
        tables: dict[str, dict[str, Any]] = {}
        for lang in dict.fromkeys([*settings.languages, *overrides]):
            merged = dict(builtin_labels(lang))
            for table in overrides.get(lang, ()):
                problems = _problems(table.data, table.file or f"templates/i18n/{lang}.yml", table)
                self.findings.extend(problems)
                if not problems:
                    merged.update(table.data)
            tables[lang] = merged
        self._tables = MappingProxyType({k: MappingProxyType(v) for k, v in tables.items()})
        self._wordings: dict[str, Wording] = {}

    def table(self, lang: str | None) -> Mapping[str, Any]:
        tag = lang or self.settings.main_language
        found = self._tables.get(tag)
        return found if found is not None else MappingProxyType(builtin_labels(tag))

    def wording(self, lang: str | None) -> Wording:
        """The wording of a language in the press room's locale for it (made once)."""
        tag = lang or self.settings.main_language
        found = self._wordings.get(tag)
        if found is None:
            found = self._wordings.setdefault(
                tag, Wording(tag, self.settings.locale_for(tag), self.table(tag))
            )
        return found

    def for_locale(self, locale: str) -> Wording:
        """The wording of the language a Babel locale belongs to, in that exact locale."""
        lang = language_for_locale(locale).tag
        if self.settings.locale_for(lang) == locale:
            return self.wording(lang)
        return Wording(lang, locale, self.table(lang))

    def label_function(self, lang: str | None) -> Callable[..., str]:
        return self.wording(lang)


__all__ = ["Labels", "Wording", "unsafe_field"]
