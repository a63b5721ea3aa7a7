"""Content safety: scripts, event-handler attributes and dangerous links in Markdown.

The site's HTML is sanitised with nh3 whatever happens; these checks tell the
editor *where* the problem is, so that nothing is silently removed from a page.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Iterator

from .. import codes
from ..content import Content
from ..findings import Finding
from ..model import Article

# Every pattern here runs in linear time on any text (a property test throws 1 MB
# adversarial bodies at scan()): no two quantifiers that can match the same run,
# and a run that may fail to close stops at a character that starts the next try.
_DANGEROUS_TAG = re.compile(
    r"<\s*(?:/\s*)?(script|iframe|object|embed|style|form|input|button|link|meta|base|svg|"
    r"math|frame|frameset|applet)\b",
    re.IGNORECASE,
)
# A raw HTML tag, up to its '>' or the next '<' (an unclosed tag ends there).
_TAG = re.compile(r"<[a-zA-Z][^<>]*")
# An event handler inside a tag or an attribute list, in any case: ' onclick=',
# '/onerror=', '"ONMOUSEOVER ='.
_EVENT = re.compile(r"(?<![\w-])(on[a-z]+)\s*=", re.IGNORECASE)
# An attribute list: '{' ... '}' on one line (searched only up to a line's last '}').
_ATTR_LIST = re.compile(r"\{[^}\n]*\}")
_LINK_TARGETS = [
    re.compile(r"\]\(\s*<?([^)\s>]+)"),  # [text](target)
    re.compile(
        r"""\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE
    ),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^<>\s]+)>"),  # <scheme:...> autolinks
    re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)", re.MULTILINE),  # [ref]: url
]
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")
_INVISIBLE_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


class _Lines:
    """Offset → file line, by binary search over the text's newlines (found once)."""

    def __init__(self, text: str, first_line: int):
        self.text, self.first_line = text, first_line
        self._newlines: list[int] | None = None

    def __call__(self, index: int) -> int:
        if self._newlines is None:
            self._newlines = [m.start() for m in re.finditer("\n", self.text)]
        return self.first_line + bisect.bisect_left(self._newlines, index)


def _attribute_lists(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of every '{...}' on one line: each line is searched only up to its
    last '}', so an unclosed '{' never makes the search run to the end of the line."""
    offset = 0
    for line in text.split("\n"):
        last = line.rfind("}")
        if last > 0 and "{" in line:
            for match in _ATTR_LIST.finditer(line, 0, last + 1):
                yield offset + match.start(), match.group()
        offset += len(line) + 1


def scan(text: str, file: str | None, first_line: int) -> list[Finding]:
    """Findings for unsafe HTML, attributes and link schemes in Markdown ``text``."""
    findings: list[Finding] = []
    line_of = _Lines(text, first_line)

    def add(code: str, index: int, message: str, hint: str) -> None:
        findings.append(
            Finding(code=code, file=file, line=line_of(index), message=message, hint=hint)
        )

    def event_attribute(index: int, name: str) -> None:
        add(
            codes.UNSAFE_ATTRIBUTE,
            index,
            f"the attribute '{name}' would run a script in the reader's browser",
            "remove the attribute",
        )

    # Each pattern runs only if the text has the characters it needs (most bodies don't).
    has_tag, has_equals = "<" in text, "=" in text
    if has_tag:
        for match in _DANGEROUS_TAG.finditer(text):
            add(
                codes.UNSAFE_HTML,
                match.start(),
                f"raw HTML <{match.group(1).lower()}> is not allowed in content",
                "remove the tag; write the content in Markdown",
            )
    if has_tag and has_equals:
        for tag in _TAG.finditer(text):
            for event in _EVENT.finditer(tag.group()):
                event_attribute(tag.start() + event.start(), event.group(1))
    if has_equals and "{" in text:
        for offset, attributes in _attribute_lists(text):
            for event in _EVENT.finditer(attributes):
                event_attribute(offset + event.start(), event.group(1))
    has_link = "](" in text or "]:" in text or (has_tag and (has_equals or ":" in text))
    for pattern in _LINK_TARGETS if has_link else []:
        for match in pattern.finditer(text):
            target = _INVISIBLE_IN_URL.sub("", html.unescape(match.group(1))).lower()
            if target.startswith(_BAD_SCHEMES):
                add(
                    codes.UNSAFE_LINK,
                    match.start(),
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
