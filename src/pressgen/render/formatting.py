"""Locale-aware formatting of figures, money, changes, periods and dates (built on Babel).

Pure functions of their arguments: the same figure and locale always give the
same text, which keeps rendering deterministic and thread-safe.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.dates import format_interval
from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
)

from ..i18n import labels_for_locale, language_for_locale

SCALE_FACTORS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_AP_MONTHS = {
    1: "Jan.",
    2: "Feb.",
    3: "March",
    4: "April",
    5: "May",
    6: "June",
    7: "July",
    8: "Aug.",
    9: "Sept.",
    10: "Oct.",
    11: "Nov.",
    12: "Dec.",
}


@lru_cache(maxsize=32)
def get_locale(name: str) -> Locale:
    """A Babel locale from 'en', 'en_HK', 'zh_Hant_HK', 'zh-Hans-CN', ..."""
    try:
        return Locale.parse(name.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as exc:
        raise ValueError(f"unknown locale {name!r}") from exc


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


def format_amount(value: Decimal | int, scale: str | None, locale: str) -> str:
    """91.17 + billion → '91.17 billion' (en) / '911.7億' (zh_Hant)."""
    value = Decimal(value)
    loc = get_locale(locale)
    if scale and loc.language == "en":
        # Keep the source's own scale word: "0.5 billion" stays, never "500 million".
        return f"{_written(value, loc)} {scale}"
    if scale:
        total = value * SCALE_FACTORS[scale]
        # Chinese counts in 萬/億 (Babel's zh_Hant_HK table says "B"; zh_Hant says 億).
        loc = get_locale(language_for_locale(locale).number_locale) if loc.language == "zh" else loc
        kind = "long" if "long" in loc.compact_decimal_formats else "short"
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
    value: Decimal | int, scale: str | None, currency: str, locale: str, display: str = "symbol"
) -> str:
    """'$91.17 billion', 'US$1.25 billion' (prefixed), '911.7億美元' (zh)."""
    amount = format_amount(value, scale, locale)
    loc = get_locale(locale)
    if loc.language == "zh":
        return f"{amount}{get_currency_name(currency, locale=loc)}"
    return f"{currency_symbol(currency, locale, display)}{amount}"


def format_percentage(value: Decimal | int, locale: str) -> str:
    """18 → '18%', 3.5 → '3.5%' (the value is already in percent)."""
    return _written(Decimal(value), get_locale(locale), percent=True)


def format_change(value: Decimal | int, unit: str, basis: str, locale: str) -> str:
    """+3.5 percent, 'year on year' → 'up 3.5% year on year'."""
    value = Decimal(value)
    labels = labels_for_locale(locale)
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


def format_month_range(first: dt.date, last: dt.date, locale: str) -> str:
    """January–October 2025; August 2025; 2024 (a whole year)."""
    loc = get_locale(locale)
    if first.month == 1 and last.month == 12 and first.year == last.year:
        return f"{first.year}年" if loc.language == "zh" else str(first.year)
    if (first.year, first.month) == (last.year, last.month):
        return babel_format_date(first, "MMMM y" if loc.language != "zh" else "y年M月", locale=loc)
    text = format_interval(first, last, "yMMMM", locale=loc)
    if loc.language == "en":
        # Babel pads the dash with thin spaces; house style closes it up within a year.
        if first.year == last.year:
            text = text.replace("\u2009–\u2009", "–").replace(" – ", "–")
        else:
            text = text.replace("\u2009–\u2009", " – ")
    return text


def format_long_date(value: dt.date | dt.datetime, locale: str) -> str:
    """November 27, 2025 (en) / 27 November 2025 (en_GB) / 2025年11月27日 (zh)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_format_date(value, "long", locale=get_locale(locale))


def format_ap_date(value: dt.date | dt.datetime, locale: str = "en") -> str:
    """AP style: 'Nov. 27, 2025' (months of five letters or fewer spelled out)."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if get_locale(locale).language != "en":
        return format_long_date(value, locale)
    return f"{_AP_MONTHS[value.month]} {value.day}, {value.year}"


def format_dateline(city: str, value: dt.date | dt.datetime, locale: str = "en") -> str:
    """'HONG KONG, Nov. 27, 2025 —' (the dash starts the lede)."""
    if get_locale(locale).language == "en":
        return f"{city.upper()}, {format_ap_date(value, locale)} —"
    return f"{city}，{format_long_date(value, locale)} —"
