"""Sanitised article HTML to plain text for a newswire: paragraphs, headings, lists, tables."""

from __future__ import annotations

import re
from html.parser import HTMLParser

BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "div", "hr", "table"}
SKIP = {"script", "style"}


class _TextWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.href: str | None = None
        self.link_text: list[str] = []
        self.skipping = 0
        self.lists: list[list[int]] = []  # per open list: [next number] or [] (bulleted)
        self.prefix = ""

    def _flush(self) -> None:
        # Only ASCII white space is layout; no-break and ideographic spaces are text.
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.current)).strip(" ")
        if text.strip():
            self.blocks.append(self.prefix + text)
            self.prefix = "  " * len(self.lists) if self.lists else ""
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP:
            self.skipping += 1
        elif tag in {"ul", "ol"}:
            self._flush()
            self.lists.append([1] if tag == "ol" else [])
        elif tag == "li":
            self._flush()
            counter = self.lists[-1] if self.lists else []
            marker = f"{counter[0]}. " if counter else "- "
            if counter:
                counter[0] += 1
            self.prefix = "   " * (len(self.lists) - 1) + marker
        elif tag == "br":
            self._flush()
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.link_text = []
        elif tag in {"td", "th"} and self.current:
            self.current.append(" | ")
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP:
            self.skipping -= 1
        elif tag in {"ul", "ol"}:
            self._flush()
            if self.lists:
                self.lists.pop()
            self.prefix = ""
        elif tag == "a":
            text = "".join(self.link_text).strip()
            href = self.href or ""
            if href.startswith(("http://", "https://")) and href.rstrip("/") != text.rstrip("/"):
                self.current.append(f" <{href}>")
            self.href = None
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.current.append(data)
        if self.href is not None:
            self.link_text.append(data)


def html_to_text(html: str) -> str:
    """Paragraphs separated by a blank line; list items and table rows one per line."""
    writer = _TextWriter()
    writer.feed(html)
    writer.close()
    writer._flush()
    out: list[str] = []
    previous_tight = False
    for block in writer.blocks:
        tight = bool(re.match(r"\s*(?:-|\d+\.) ", block)) or " | " in block
        if out and not (tight and previous_tight):
            out.append("")  # a blank line between blocks, none inside a list or table
        out.append(block)
        previous_tight = tight
    return "\n".join(out).strip("\n") + "\n"
