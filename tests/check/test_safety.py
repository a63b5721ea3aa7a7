"""The safety scanner: what it finds, where, and that it runs in linear time on any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from adversarial import MB, NAMED, bodies, cpu_seconds, repeated
from pressgen import codes
from pressgen.check.safety import scan


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("ok\n<script>alert(1)", codes.UNSAFE_HTML, 2),
        ("< / SCRIPT >", codes.UNSAFE_HTML, 1),
        ('<span onclick="x()">', codes.UNSAFE_ATTRIBUTE, 1),
        ('<img/onerror="x()" src=y>', codes.UNSAFE_ATTRIBUTE, 1),
        ('<img src=y\n\n  ONERROR="x()">', codes.UNSAFE_ATTRIBUTE, 3),  # the attribute's line
        ('<a title="x"onmouseover="y()">', codes.UNSAFE_ATTRIBUTE, 1),
        ('Text\n{: onclick="alert(1)" }', codes.UNSAFE_ATTRIBUTE, 2),
        ("## Title {: #t ONMOUSEOVER=alert(1) }", codes.UNSAFE_ATTRIBUTE, 1),
        ("{ onx { onclick=y }", codes.UNSAFE_ATTRIBUTE, 1),
        ("[x](javascript:alert(1))", codes.UNSAFE_LINK, 1),
        ("\n\n<vbscript:msgbox>", codes.UNSAFE_LINK, 3),
        ("[ref]: data:text/html,x", codes.UNSAFE_LINK, 1),
        ('<a href="&#106;avascript:x">', codes.UNSAFE_LINK, 1),
    ],
)
def test_unsafe_markup_is_found_and_located(text: str, code: str, line: int) -> None:
    found = scan(text, "f.md", 1)
    assert [(f.code, f.line) for f in found if f.code == code] == [(code, line)]
    assert all(f.hint and f.file == "f.md" for f in found)


@pytest.mark.parametrize(
    "text",
    [
        "Plain prose with {{ fact.x }} and [a link](https://example.com).",
        "An attribute list {: #id .class } and <abbr title='on time'>OT</abbr>.",
        "Turn on = off, {on the way}, <a data-onclick=1>",
        "{ onclick=x",  # an attribute list must be closed on its line
    ],
)
def test_safe_markup_is_not_reported(text: str) -> None:
    assert scan(text, None, 1) == []


def test_every_finding_of_a_long_text_has_its_line() -> None:
    text = "\n".join(["<script>"] * 5000)
    assert [f.line for f in scan(text, None, 10)] == list(range(10, 5010))


@pytest.mark.parametrize("name", sorted(NAMED))
def test_scan_is_linear_on_known_attacks(name: str) -> None:
    """100 kB of each: the old expressions took from seconds to hours on these."""
    assert cpu_seconds(lambda: scan(repeated(NAMED[name], MB // 10), None, 1), 1.0) < 1.0


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_scan_takes_under_two_seconds_on_any_1mb_body(body: str) -> None:
    assert cpu_seconds(lambda: scan(body, None, 1), 2.0) < 2.0
