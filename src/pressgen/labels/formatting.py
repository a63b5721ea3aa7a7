"""Locale-aware formatting of figures, money, changes, periods and dates (built on Babel).

Pure functions of their arguments: the same figure and locale always give the
same text, which keeps rendering deterministic and thread-safe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval, format_skeleton
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
)

from ..i18n import get_locale, language_for_locale

Table = Mapping[str, Any]
SCALE_FACTORS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _decimals(value: Decimal) -> int:
    """Decimals as written: Decimal('1.10') has 2 (the source published two)."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _written(value: Decimal, locale: Locale, percent: bool = False) -> str:
    """The number with exactly the decimals it was written with, grouped for the locale."""
    decimals = _decimals(value)
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + ("%" if percent else "")
    number = value / 100 if percent else value
    return (
        format_decimal(number, format=pattern, locale=locale)
        if not percent
        else (format_percent(number, format=pattern, locale=locale))
    )


def format_amount(value: Decimal | int, scale: str | None, locale: str, table: Table) -> str:
    """91.17 + billion → '91.17 billion' (en) / '911.7億' (zh_Hant).

    The label ``scale_style`` decides: ``words`` keeps the source's own scale word
    ("0.5 billion" stays, never "500 million"); ``compact`` writes the whole number
    in the language's own units (萬/億) from Babel's compact formats.
    """
    value = Decimal(value)
    loc = get_locale(locale)
    if scale and table["scale_style"] == "words":
        return table["scaled_amount"].format(amount=_written(value, loc), scale=scale)
    if scale:
        total = value * SCALE_FACTORS[scale]
        # Babel's zh_Hant_HK table says "B"; the language's number locale (zh_Hant) says 億.
        loc = get_locale(language_for_locale(locale).number_locale)
        long = "long" in loc.compact_decimal_formats
        kind: Literal["short", "long"] = "long" if long else "short"
        return format_compact_decimal(
            total, format_type=kind, fraction_digits=_decimals(value) + 4, locale=loc
        )
    return _written(value, loc)


def currency_symbol(currency: str, locale: str, display: str = "symbol") -> str:
    """'$' for USD in English; 'prefixed' display disambiguates dollars: 'US$', 'HK$'."""
    symbol = get_currency_symbol(currency, locale=get_locale(locale))
    if display == "prefixed" and symbol == "$":
        return currency[:2] + "$"
    if display == "code":
        return currency + " "
    return symbol


def format_money(
    value: Decimal | int,
    scale: str | None,
    currency: str,
    locale: str,
    table: Table,
    display: str = "symbol",
) -> str:
    """'$91.17 billion', 'US$1.25 billion' (prefixed), '911.7億美元' (zh): label ``money``."""
    return table["money"].format(
        amount=format_amount(value, scale, locale, table),
        symbol=currency_symbol(currency, locale, display),
        currency_name=get_currency_name(currency, locale=get_locale(locale)),
    )


def format_percentage(value: Decimal | int, locale: str) -> str:
    """18 → '18%', 3.5 → '3.5%' (the value is already in percent)."""
    return _written(Decimal(value), get_locale(locale), percent=True)


def format_change(value: Decimal | int, unit: str, basis: str, locale: str, table: Table) -> str:
    """+3.5 percent, 'year on year' → 'up 3.5% year on year'."""
    value = Decimal(value)
    labels = table
    size = (
        format_percentage(abs(value), locale)
        if unit == "percent"
        else labels["percentage_points"].format(
            value=format_decimal(abs(value), locale=get_locale(locale))
        )
    )
    basis_part = labels["basis"].format(basis=labels["bases"].get(basis, basis)) if basis else ""
    key = "change_up" if value > 0 else "change_down" if value < 0 else "change_unchanged"
    return labels[key].format(size=size, basis=basis_part)


def format_month_range(first: dt.date, last: dt.date, locale: str, table: Table) -> str:
    """January–October 2025; August 2025; 2024 (a whole year), from Babel's skeletons.

    Babel pads an interval's dash with thin spaces; the labels ``dash_within_year`` and
    ``dash_across_years`` give the house style (left as Babel writes it when unset).
    """
    loc = get_locale(locale)
    if first.month == 1 and last.month == 12 and first.year == last.year:
        return format_skeleton("y", first, locale=loc)
    if (first.year, first.month) == (last.year, last.month):
        return format_skeleton("yMMMM", first, locale=loc)
    text = format_interval(first, last, "yMMMM", locale=loc)
    dash = table.get("dash_within_year" if first.year == last.year else "dash_across_years")
    if dash:
        text = text.replace("\u2009–\u2009", dash).replace(" – ", dash)
    return text


def format_day_range(first: dt.date, last: dt.date, locale: str, table: Table) -> str:
    """March 3–5, 2026 (an event's days), with the house style's dash."""
    text = format_interval(first, last, "yMMMd", locale=get_locale(locale))
    dash = table.get("dash_within_year")
    return text.replace("\u2009–\u2009", dash) if dash else text


def format_long_date(value: dt.date | dt.datetime, locale: str) -> str:
    """November 27, 2025 (en) / 27 November 2025 (en_GB) / 2025年11月27日 (zh)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_format_date(value, "long", locale=get_locale(locale))


def format_ap_date(value: dt.date | dt.datetime, locale: str, table: Table) -> str:
    """AP style: 'Nov. 27, 2025' (label ``short_months``); the long date where a language
    has no such style."""
    if isinstance(value, dt.datetime):
        value = value.date()
    months = table.get("short_months")
    if not months:
        return format_long_date(value, locale)
    return table["short_date"].format(month=months[value.month - 1], day=value.day, year=value.year)


def format_dateline(city: str, value: dt.date | dt.datetime, locale: str, table: Table) -> str:
    """'HONG KONG, Nov. 27, 2025 —' (the dash starts the lede): label ``dateline``."""
    return table["dateline"].format(
        city=city,
        CITY=city.upper(),
        short_date=format_ap_date(value, locale, table),
        long_date=format_long_date(value, locale),
    )
