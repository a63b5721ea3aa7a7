"""Formatting filters: money, percentages, changes, periods, dates (Babel), in each language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgen.model import period_bounds
from pressgen.render import formatting as fmt


def test_money_in_english() -> None:
    assert fmt.format_money(Decimal("91.17"), "billion", "USD", "en") == "$91.17 billion"
    assert fmt.format_money(Decimal("45"), "billion", "USD", "en") == "$45 billion"
    assert fmt.format_money(Decimal("1.25"), "billion", "USD", "en", "prefixed") == (
        "US$1.25 billion"
    )
    assert fmt.format_money(Decimal("3"), "million", "HKD", "en") == "HK$3 million"


def test_money_in_simplified_chinese_rescales_to_yi() -> None:
    assert fmt.format_money(Decimal("91.17"), "billion", "USD", "zh_Hans_CN") == "911.7亿美元"


def test_percent_change_and_plain_numbers() -> None:
    assert fmt.format_percentage(Decimal("3.5"), "en") == "3.5%"
    assert fmt.format_percentage(18, "en") == "18%"
    assert fmt.format_change(Decimal("3.5"), "percent", "year on year", "en") == (
        "up 3.5% year on year"
    )
    assert fmt.format_change(Decimal("-2"), "percent", "year on year", "en") == (
        "down 2% year on year"
    )
    assert fmt.format_change(0, "percent", "year on year", "en") == "unchanged year on year"
    assert fmt.format_change(Decimal("1.5"), "percentage points", "", "en") == (
        "up 1.5 percentage points"
    )
    assert fmt.format_amount(Decimal("1775"), None, "en") == "1,775"


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
    assert fmt.format_month_range(first, last, "en") == text


def test_ap_style_dateline() -> None:
    assert fmt.format_dateline("Hong Kong", dt.date(2025, 11, 27)) == "HONG KONG, Nov. 27, 2025 —"
    assert fmt.format_ap_date(dt.date(2025, 9, 2)) == "Sept. 2, 2025"
    assert fmt.format_ap_date(dt.date(2025, 6, 2)) == "June 2, 2025"


def test_unknown_locale_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        fmt.get_locale("xx_YY_bogus")


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
    text = fmt.format_money(value, scale, "USD", "en")
    assert text.startswith("$") and text.endswith(f" {scale}")
    assert text[1 : -len(scale) - 1].replace(",", "") == str(value)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-1000, max_value=1000, places=1, allow_nan=False))
def test_change_direction_matches_sign(value: Decimal) -> None:
    text = fmt.format_change(value, "percent", "year on year", "en")
    expected = "up" if value > 0 else "down" if value < 0 else "unchanged"
    assert text.startswith(expected)


@settings(max_examples=200, deadline=None)
@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(0, 11))
def test_every_valid_period_formats(year: int, month: int, span: int) -> None:
    last = min(12, month + span)
    first_date, last_date = period_bounds(f"{year}-{month:02d}/{year}-{last:02d}")
    text = fmt.format_month_range(first_date, last_date, "en")
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
    assert fmt.format_money(Decimal("91.17"), "billion", "USD", locale) == expected


def test_changes_and_periods_in_each_language() -> None:
    assert fmt.format_change(Decimal("3.5"), "percent", "year on year", "en") == (
        "up 3.5% year on year"
    )
    assert fmt.format_change(Decimal("3.5"), "percent", "year on year", "zh_Hant_HK") == (
        "按年上升3.5%"
    )
    assert fmt.format_change(Decimal("-2"), "percent", "year on year", "zh_Hans_CN") == (
        "同比下降2%"
    )
    assert fmt.format_month_range(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "zh_Hans_CN") == (
        "2024年"
    )


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999"), places=2))
def test_chinese_amounts_keep_the_value(value: Decimal) -> None:
    """億 / 万 formatting is exact: reading the text back gives the same number."""
    text = fmt.format_amount(value, "million", "zh_Hans_CN")
    units = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
    unit = text[-1] if text[-1] in units else ""
    number = Decimal(text.rstrip("亿万").replace(",", ""))
    assert number * units.get(unit, 1) == value * 10**6
