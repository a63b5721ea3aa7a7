"""A printable PDF of each press release (WeasyPrint), with the company letterhead.

The PDF is the article page's own HTML inside a letterhead, styled by the same
print stylesheet the site uses (``templates/print.css``). PDFs are cached under
``.pressgen-cache/pdf/`` by the digest of everything they are made from (the HTML,
the project files it refers to, the WeasyPrint version), so an unchanged release
is not typeset again; a cached PDF is written atomically and verified when read
(checksum, and it must look like a whole PDF), and thrown away with a PG906
warning when it does not (:mod:`pressgen.build.cache_files`).
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..build.cache_files import CacheDamaged, discard, read_entry, write_entry
from ..digests import digest, digest_bytes
from ..model import RenderedArticle, in_language
from ..pressroom import Pressroom

PDF_CACHE = "pdf"
CACHE_KIND = "pdf"
# What WeasyPrint fetches for a document: src attributes and CSS url(...)
_REFERENCE = re.compile(r"""\bsrc\s*=\s*["']([^"'<>]*)["']|url\(\s*["']?([^"')]*)""")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


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
    """The PDF of one release, from the cache when nothing it is made from has changed."""
    document = release_html(room, key, result)
    if room.root is None:
        return render_pdf(document, None)
    base = room.root / "content"
    name = f"{pdf_cache_key(document, base)}.pdf"
    cached = room.root / ".pressgen-cache" / PDF_CACHE / name
    found = read_cached_pdf(cached, f".pressgen-cache/{PDF_CACHE}/{name}")
    if found is not None:
        return found
    content = render_pdf(document, base)
    with contextlib.suppress(OSError):  # a read-only project still builds
        write_entry(cached, CACHE_KIND, content)
    return content


def pdf_cache_key(document: str, base: Path) -> str:
    """A digest of everything a PDF is made from: its HTML, the bytes of every project
    file the HTML refers to (a logo replaced under the same name makes a new PDF), and
    the version of WeasyPrint. Only files inside ``base`` are read."""
    root = base.resolve()
    files = set()
    for match in _REFERENCE.finditer(document):
        ref = html.unescape(match.group(1) or match.group(2) or "").strip()
        if ref and not _SCHEME.match(ref) and not ref.startswith(("#", "//")):
            files.add((ref, _file_digest(root, ref)))
    return digest([document, sorted(files, key=str), _weasyprint_version()])


def _file_digest(root: Path, ref: str) -> str | None:
    """The digest of a referenced file inside ``root``; None for anything else."""
    try:
        path = (root / ref.split("#")[0].split("?")[0].lstrip("/")).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            return None
        return digest_bytes(path.read_bytes())
    except (OSError, ValueError):
        return None


def _weasyprint_version() -> str | None:
    try:
        return version("weasyprint")
    except PackageNotFoundError:
        return None


def read_cached_pdf(path: Path, shown: str) -> bytes | None:
    """A cached PDF, verified; None (and a PG906 warning if it was damaged) otherwise."""
    try:
        content = read_entry(path, CACHE_KIND)
        if not content.startswith(b"%PDF-") or b"%%EOF" not in content[-1024:]:
            raise CacheDamaged("it is not a whole PDF")
    except FileNotFoundError:
        return None
    except CacheDamaged as exc:
        discard(path, shown, exc.reason)
        return None
    return content
