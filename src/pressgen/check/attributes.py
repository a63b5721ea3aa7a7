"""Attribute lists (``{ #id .class key=value }``) in bodies and fragments.

The policy is :mod:`pressgen.html`'s, the one the build enforces
(:class:`pressgen.html.SafeAttributes` removes what it refuses before the page
and its table of contents are made): ids and classes of letters, digits, '-' and
'_'; only the attribute names an article needs, compared without regard to case.
This rule says *where* a refused attribute was written, so that nothing is
silently dropped from a page. Event handlers (``onclick``, ``ONMOUSEOVER``) are
reported by :mod:`pressgen.check.safety` (PG503), everything else here (PG504).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from .. import codes
from ..content import Content
from ..findings import Finding
from ..html import attribute_list_problems
from ..model import Article, Fragment


def _problems(content: Content, document: Article | Fragment) -> list[Finding]:
    text = document.body
    found = []
    for problem in attribute_list_problems(text):
        if problem.name.lower().startswith("on"):
            continue  # an event handler: check.safety reports it (PG503)
        where = content.locate(document, "body")
        line = document.origin.body_line + text.count("\n", 0, problem.offset)
        found.append(
            dataclasses.replace(where, line=line).finding(
                codes.UNSAFE_ATTRIBUTE_LIST, problem.message, problem.hint
            )
        )
    return found


def article_attributes_safe(content: Content, article: Article, today: dt.date) -> list[Finding]:
    """Refused ids, classes and attributes in an article's attribute lists."""
    return _problems(content, article)


def fragment_attributes_safe(content: Content, today: dt.date) -> list[Finding]:
    """Refused ids, classes and attributes in every fragment's attribute lists."""
    return [f for fragment in content.fragments.values() for f in _problems(content, fragment)]
