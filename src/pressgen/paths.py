"""Where pages live: source paths of generated pages and relative links between them."""

from __future__ import annotations


def relative_link(from_src: str, to_src: str) -> str:
    """Relative link between two source paths (plain string work; relpath is slow)."""
    here = from_src.split("/")[:-1]
    there = to_src.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def src_of_url(url: str) -> str:
    """The Markdown source path of a page URL: news/2025/11/x/ → news/2025/11/x.md."""
    return url.rstrip("/") + ".md"
