"""Formatting filters: money, percentages, changes, periods, dates (Babel), in each language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgen.i18n import builtin_labels, get_locale, language_for_locale
from pressgen.labels import Wording
from pressgen.model import period_bounds


def words(locale: str) -> Wording:
    """pressgen's own wording for a Babel locale (no project overrides)."""
    tag = language_for_locale(locale).tag
    return Wording(tag, locale, builtin_labels(tag))


def test_money_in_english() -> None:
    assert words("en").money(Decimal("91.17"), "billion", "USD") == "$91.17 billion"
    assert words("en").money(Decimal("45"), "billion", "USD") == "$45 billion"
    assert words("en").money(Decimal("1.25"), "billion", "USD", "prefixed") == ("US$1.25 billion")
    assert words("en").money(Decimal("3"), "million", "HKD") == "HK$3 million"


def test_money_in_simplified_chinese_rescales_to_yi() -> None:
    assert words("zh_Hans_CN").money(Decimal("91.17"), "billion", "USD") == "911.7亿美元"


def test_percent_change_and_plain_numbers() -> None:
    assert words("en").percent(Decimal("3.5")) == "3.5%"
    assert words("en").percent(18) == "18%"
    assert words("en").change(Decimal("3.5"), "percent", "year on year") == ("up 3.5% year on year")
    assert words("en").change(Decimal("-2"), "percent", "year on year") == ("down 2% year on year")
    assert words("en").change(0, "percent", "year on year") == "unchanged year on year"
    assert words("en").change(Decimal("1.5"), "percentage points", "") == (
        "up 1.5 percentage points"
    )
    assert words("en").amount(Decimal("1775"), None) == "1,775"


@pytest.mark.parametrize(
    ("period", "text"),
    [
        ("2025-01/2025-10", "January–October 2025"),
        ("2024", "2024"),
        ("2025-08", "August 2025"),
        ("2025-Q1", "January–March 2025"),
        ("2025-H2", "July–December 2025"),
        ("2024-10/2025-03", "October 2024 – March 2025"),
    ],
)
def test_periods(period: str, text: str) -> None:
    first, last = period_bounds(period)
    assert words("en").month_range(first, last) == text


def test_ap_style_dateline() -> None:
    assert words("en").dateline("Hong Kong", dt.date(2025, 11, 27)) == "HONG KONG, Nov. 27, 2025 —"
    assert words("en").short_date(dt.date(2025, 9, 2)) == "Sept. 2, 2025"
    assert words("en").short_date(dt.date(2025, 6, 2)) == "June 2, 2025"


def test_unknown_locale_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        get_locale("xx_YY_bogus")


amounts = st.decimals(
    min_value=Decimal("0.01"),
    max_value=Decimal("999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@settings(max_examples=300, deadline=None)
@given(amounts, st.sampled_from(["million", "billion"]))
def test_english_money_keeps_every_written_digit(value: Decimal, scale: str) -> None:
    """$<value> <scale>: the number a reader sees is exactly the number in the fact."""
    text = words("en").money(value, scale, "USD")
    assert text.startswith("$") and text.endswith(f" {scale}")
    assert text[1 : -len(scale) - 1].replace(",", "") == str(value)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False))
def test_change_direction_matches_sign(value: Decimal) -> None:
    text = words("en").change(value, "percent", "year on year")
    expected = "up" if value > 0 else "down" if value < 0 else "unchanged"
    assert text.startswith(expected)


@settings(max_examples=200, deadline=None)
@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(0, 11))
def test_every_valid_period_formats(year: int, month: int, span: int) -> None:
    last = min(12, month + span)
    first_date, last_date = period_bounds(f"{year}-{month:02d}/{year}-{last:02d}")
    text = words("en").month_range(first_date, last_date)
    assert str(year) in text


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "$91.17 billion"),
        ("zh_Hant_HK", "911.7億美元"),
        ("zh_Hans_CN", "911.7亿美元"),
    ],
)
def test_money_in_each_language(locale: str, expected: str) -> None:
    assert words(locale).money(Decimal("91.17"), "billion", "USD") == expected


def test_changes_and_periods_in_each_language() -> None:
    assert words("en").change(Decimal("3.5"), "percent", "year on year") == ("up 3.5% year on year")
    assert words("zh_Hant_HK").change(Decimal("3.5"), "percent", "year on year") == ("按年上升3.5%")
    assert words("zh_Hans_CN").change(Decimal("-2"), "percent", "year on year") == ("同比下降2%")
    assert words("zh_Hans_CN").month_range(dt.date(2024, 1, 1), dt.date(2024, 12, 31)) == ("2024年")


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999"), places=2))
def test_chinese_amounts_keep_the_value(value: Decimal) -> None:
    """億 / 万 formatting is exact: reading the text back gives the same number."""
    text = words("zh_Hans_CN").amount(value, "million")
    units = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
    unit = text[-1] if text[-1] in units else ""
    number = Decimal(text.rstrip("亿万").replace(",", ""))
    assert number * units.get(unit, 1) == value * 10**6
