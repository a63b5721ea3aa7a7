"""Provenance: numbers typed by hand are found and located, in linear time on any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from adversarial import MB, NAMED, bodies, cpu_seconds, repeated
from pressgen.check.provenance import MAX_NUMBERS, hand_typed_numbers


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("Sales rose 12% to 3,400 units.", ["12", "3,400"]),
        ("Cited {{ fact.x_2025 }} and {% if 3 %}{# 4 #}", []),
        ("An unclosed {{ fact.x 5 and more 6", []),  # the rest of the text is template
        ("`code 7` [link](https://x.org/8) <b9> {: #a10 } 11", ["11"]),
        ("1. a list item, - 2 not a marker", ["2"]),
        ("On July 15, 2025 and 15 July; 10:00 on 2025-01-02", []),
        ("SSGJ-707, PD-1, 3SBio, the 5th, COVID-19", []),
        ("Phase 3 results: 42", ["42"]),
        ("In 2025, 2025% growth", ["2025"]),
    ],
)
def test_hand_typed_numbers(text: str, numbers: list[str]) -> None:
    assert [n for _, n in hand_typed_numbers(text, ["Phase 3"])] == numbers


def test_offsets_point_at_the_numbers() -> None:
    text = "a 12\nb {{ x }} 345"
    assert [(text[o : o + len(n)], n) for o, n in hand_typed_numbers(text, [])] == [
        ("12", "12"),
        ("345", "345"),
    ]


def test_at_most_max_numbers_are_reported() -> None:
    assert len(hand_typed_numbers("7 " * 10_000, [])) == MAX_NUMBERS


@pytest.mark.parametrize("name", sorted(NAMED))
def test_hand_typed_numbers_is_linear_on_known_attacks(name: str) -> None:
    """100 kB of each: an unclosed '{{' made the old expression rescan the rest."""
    text = repeated(NAMED[name], MB // 10)
    assert cpu_seconds(lambda: hand_typed_numbers(text, ["Phase 3"]), 1.0) < 1.0


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_hand_typed_numbers_takes_under_two_seconds_on_any_1mb_body(body: str) -> None:
    assert cpu_seconds(lambda: hand_typed_numbers(body, ["Phase 3"]), 2.0) < 2.0
