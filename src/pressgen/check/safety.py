"""Content safety: scripts, event-handler attributes and dangerous links in Markdown.

The site's HTML is sanitised with nh3 whatever happens; these checks tell the
editor *where* the problem is, so that nothing is silently removed from a page.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from .. import codes
from ..content import Content
from ..findings import Finding
from ..model import Article

_DANGEROUS_TAG = re.compile(
    r"<\s*/?\s*(script|iframe|object|embed|style|form|input|button|link|meta|base|svg|math|"
    r"frame|frameset|applet)\b",
    re.IGNORECASE,
)
# Attribute names are compared without regard to case (ONMOUSEOVER is onmouseover).
_EVENT_ATTRIBUTE = re.compile(r"<[a-zA-Z][^>]*?\s(on[a-zA-Z]+)\s*=", re.DOTALL | re.IGNORECASE)
_ATTR_LIST_EVENT = re.compile(r"\{:?[^}\n]*?\b(on[a-zA-Z]+)\s*=[^}\n]*\}", re.IGNORECASE)
_LINK_TARGETS = [
    re.compile(r"\]\(\s*<?([^)\s>]+)"),  # [text](target)
    re.compile(
        r"""\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE
    ),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]+)>"),  # <scheme:...> autolinks
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE),  # [ref]: target
]
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_INVISIBLE_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


def _line(text: str, index: int, first_line: int) -> int:
    return first_line + text.count("\n", 0, index)


def scan(text: str, file: str | None, first_line: int) -> list[Finding]:
    """Findings for unsafe HTML, attributes and link schemes in Markdown ``text``."""
    findings: list[Finding] = []

    def add(code: str, match: re.Match[str], message: str, hint: str) -> None:
        findings.append(
            Finding(
                code=code,
                file=file,
                line=_line(text, match.start(), first_line),
                message=message,
                hint=hint,
            )
        )

    # Each pattern runs only if the text has the characters it needs (most bodies don't).
    has_tag, has_equals = "<" in text, "=" in text
    if has_tag:
        for match in _DANGEROUS_TAG.finditer(text):
            add(
                codes.UNSAFE_HTML,
                match,
                f"raw HTML <{match.group(1).lower()}> is not allowed in content",
                "remove the tag; write the content in Markdown",
            )
    attribute_patterns = [
        p for p, needed in ((_EVENT_ATTRIBUTE, has_tag), (_ATTR_LIST_EVENT, "{" in text)) if needed
    ]
    for pattern in attribute_patterns if has_equals else []:
        for match in pattern.finditer(text):
            add(
                codes.UNSAFE_ATTRIBUTE,
                match,
                f"the attribute '{match.group(1)}' would run a script in the reader's browser",
                "remove the attribute",
            )
    has_link = "](" in text or "]:" in text or (has_tag and (has_equals or ":" in text))
    for pattern in _LINK_TARGETS if has_link else []:
        for match in pattern.finditer(text):
            target = _INVISIBLE_IN_URL.sub("", html.unescape(match.group(1))).lower()
            if target.startswith(_BAD_SCHEMES):
                add(
                    codes.UNSAFE_LINK,
                    match,
                    f"a link with the '{target.split(':', 1)[0]}:' scheme is not allowed",
                    "link only to https://, http://, mailto: or tel: addresses",
                )
    return findings


def article_body_safe(content: Content, article: Article, today: dt.date) -> list[Finding]:
    """Unsafe HTML, attributes and links in an article's body."""
    return scan(article.body, article.origin.file, article.origin.body_line)


def fragments_safe(content: Content, today: dt.date) -> list[Finding]:
    """Unsafe HTML, attributes and links in every fragment."""
    return [
        finding
        for fragment in content.fragments.values()
        for finding in scan(fragment.body, fragment.origin.file, fragment.origin.body_line)
    ]
