"""Adversarial bodies for the scanners (safety, provenance, placeholders) and a CPU-time
bound that can interrupt a regular expression.

A scanner that is quadratic on some input takes minutes on 1 MB of it; the bound turns
that into a failure after a few seconds instead of a hung test run. CPU time (not wall
time) is measured, so that other work on the machine does not make a test flaky.
"""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

MB = 1_000_000

# Units that open something a regular expression may try to close further on: tags,
# placeholders, attribute lists, links, code spans; runs of digits, spaces and newlines;
# near-misses of the patterns' keywords.
UNITS = [
    "<",
    "<a",
    "<a ",
    "< ",
    "</",
    "<a onx",
    "<a:",
    "<1",
    "{{",
    "{{ 1",
    "{%",
    "{#",
    "{:",
    "{ onx=",
    "{:1",
    "}",
    "](",
    "](1",
    "[",
    "[1\n",
    "[a]:",
    "`",
    "`1",
    "1",
    "1,",
    "1.",
    "7 ",
    "7 July ",
    "July ",
    " ",
    "\n",
    "\t",
    "href=",
    "=",
    "on",
    "-",
    "fact.",
    "{{ fact.",
    "{{ fact.a",
    "}}",
    "javascript:",
    "&#",
    "x",
]

# The attacks found so far, each as the unit repeated to the size asked for.
NAMED = {
    "unclosed <": "<",
    "unclosed <a": "<a ",
    "unclosed <a:": "<a:",
    "unclosed {{": "{{",
    "unclosed {{ with digits": "{{ 1",
    "unclosed {%": "{%",
    "attribute list without }": "{ onx=",
    "unclosed {: with digits": "{:1",
    "link target without )": "](1",
    "reference without ]": "[1\n",
    "code span without `": "`1",
    "numbers": "7 ",
    "days of months": "7 July ",
    "digits": "1",
    "digits and commas": "1,",
    "spaces": " ",
    "newlines then a digit": "\n",
    "tags with digits": "<1",
    "event attributes without >": "<a onx",
    "half placeholders": "{{ fact.a",
}


def repeated(unit: str, size: int) -> str:
    """``unit`` repeated to ``size`` characters, ending with a digit (so that scanners
    that return early on text without digits do their full work)."""
    return (unit * (size // len(unit) + 1))[: size - 1] + "1"


@st.composite
def bodies(draw: st.DrawFn, size: int = MB) -> str:
    """A body of about ``size`` characters: a short mix of units, repeated."""
    pattern = "".join(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=5)))
    return repeated(pattern, size)


class TooSlow(Exception):
    pass


def cpu_seconds(function: Callable[[], Any], limit: float) -> float:
    """CPU seconds ``function()`` took; raises :class:`TooSlow` once it passes ``limit``
    (SIGVTALRM, which the regular expression engine notices while it runs)."""

    def stop(signum: int, frame: Any) -> None:
        raise TooSlow(f"still running after {limit} s of CPU time")

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, limit)
    start = time.process_time()
    try:
        function()
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)
    return time.process_time() - start
