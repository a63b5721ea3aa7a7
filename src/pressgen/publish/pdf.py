"""A printable PDF of each press release (WeasyPrint), with the company letterhead.

The PDF is the article page's own HTML inside a letterhead, styled by the same
print stylesheet the site uses (``templates/print.css``). PDFs are cached by
the digest of their HTML, so an unchanged release is not typeset again.
"""

from __future__ import annotations

import html
import logging
from importlib import resources
from pathlib import Path

from ..digests import digest_text
from ..model import RenderedArticle, in_language
from ..pressroom import Pressroom

PDF_CACHE = "pdf"


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the Pango library it needs) is not installed."""


def print_css() -> str:
    return resources.files("pressgen").joinpath("templates/print.css").read_text("utf-8")


def release_html(room: Pressroom, key: str, result: RenderedArticle) -> str:
    """The standalone HTML document a release's PDF is made from."""
    article = room.articles[key]
    lang = room.content.lang_of(article)
    company = in_language(room.content.company, lang) if room.content.company else None
    logo = ""
    if room.content.company is not None and room.content.company.logo:
        logo = (
            f'<img class="letterhead-logo" src="{html.escape(room.content.company.logo)}" alt="">'
        )
    letterhead = ""
    if company is not None:
        letterhead = (
            f'<header class="letterhead">{logo}<div class="letterhead-text">'
            f'<p class="letterhead-name">{html.escape(company.name)}</p>'
            f"<p>{html.escape(company.headquarters)} · {html.escape(company.website)}</p>"
            "</div></header>"
        )
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(article.title)}</title>"
        f"<style>{print_css()}</style></head>"
        f'<body class="pressgen-pdf">{letterhead}<main class="md-content">{result.html}</main>'
        "</body></html>"
    )


def render_pdf(document: str, base: Path | None) -> bytes:
    """Typeset one HTML document; images are looked up under ``base`` (content/)."""
    try:
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(str(exc)) from None
    return HTML(string=document, base_url=str(base) if base else None).write_pdf()


def release_pdf(room: Pressroom, key: str, result: RenderedArticle) -> bytes:
    """The PDF of one release, from the cache when its HTML has not changed."""
    document = release_html(room, key, result)
    cache_dir = room.root / ".pressgen-cache" / PDF_CACHE if room.root else None
    cached = cache_dir / f"{digest_text(document)}.pdf" if cache_dir else None
    if cached is not None and cached.is_file():
        return cached.read_bytes()
    content = render_pdf(document, room.root / "content" if room.root else None)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(content)
        except OSError:
            pass  # a read-only project still builds
    return content
