"""A printable PDF of each press release (WeasyPrint), with the company letterhead.

The PDF is the article page's own HTML inside a letterhead, styled by the same
print stylesheet the site uses (``templates/print.css``, inlined). PDFs are cached under
``.pressgen-cache/pdf/`` by the digest of everything they are made from (the HTML,
the project files it refers to, the WeasyPrint version), so an unchanged release
is not typeset again; a cached PDF is written atomically and verified when read
(checksum, and it must look like a whole PDF), and thrown away with a PG906
warning when it does not (:mod:`pressgen.build.cache_files`).

WeasyPrint loads images (and anything a stylesheet or an SVG names) through a URL
fetcher. Its default one reads any ``file://`` path of the machine and fetches
``http(s)://`` addresses, so an image ``/any/where.png``, ``../../x.png`` or a logo
``http://…`` would be embedded from the builder's disk or the network. Here the
fetcher is :class:`PdfSources`: it serves only image files inside ``content/`` (read
through :class:`pressgen.load.confined.Area`: no link out, no pipe or device, a size
limit) and small ``data:`` images, and refuses everything else. The PDF is made
without a refused image, and a warning finding names the release and the address.
The build makes no network request. pressgen's own stylesheet is inlined in the
document and fonts come from the system, so nothing of the package is fetched.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import html
import logging
import mimetypes
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urljoin, urlsplit
from urllib.request import url2pathname

from .. import codes
from ..build.cache_files import CacheDamaged, discard, read_entry, write_entry
from ..digests import digest, digest_bytes
from ..findings import Finding, Location
from ..load.confined import Area
from ..model import RenderedArticle, in_language
from ..pressroom import Pressroom

PDF_CACHE = "pdf"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"})
MAX_IMAGE_BYTES = 20_000_000  # one image in a PDF: a large photograph
MAX_DATA_CHARS = 1_000_000  # a data: address, as written
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_NETWORK = "the build fetches nothing from the network"
_LINKING = frozenset({"image", "use", "link", "object", "embed"})  # elements that load href
_HREFS = frozenset({"href", "xlink:href", "data"})
CACHE_KIND = "pdf"


class PdfUnavailable(RuntimeError):
    """WeasyPrint (or the Pango library it needs) is not installed."""


class Refused(ValueError):
    """An address the PDF may not load (WeasyPrint leaves the image out)."""


@dataclass
class PdfSources:
    """What a PDF may load: image files inside ``content/``, small ``data:`` images.

    ``refused`` records every refused address (as WeasyPrint asked for it) with the
    code and the reason, for the findings.
    """

    content: Path | None
    refused: dict[str, tuple[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.area = Area.of(self.content, "content") if self.content is not None else None

    @property
    def base_url(self) -> str | None:
        """The address relative image paths are resolved against (content/ itself)."""
        return Path(self.area.folder).as_uri() + "/" if self.area is not None else None

    def load(self, url: str) -> tuple[bytes, str]:
        """The bytes and media type of an address the PDF may use; :class:`Refused` else."""
        found = self._decide(url, read=True)
        assert found is not None
        return found

    def check(self, url: str) -> None:
        """Record whether ``url`` would be refused, without reading it (a cached PDF)."""
        with contextlib.suppress(Refused):
            self._decide(url, read=False)

    def _refuse(self, url: str, code: str, reason: str) -> Refused:
        self.refused.setdefault(url, (code, reason))
        return Refused(reason)

    def _decide(self, url: str, *, read: bool) -> tuple[bytes, str] | None:
        match = _SCHEME.match(url)
        scheme = match[1].lower() if match else ""
        if scheme == "data":
            return self._data(url)
        if scheme != "file":
            if scheme in {"http", "https", "ftp", "ftps", "ws", "wss"} or "//" in url[:12]:
                raise self._refuse(url, codes.PDF_NETWORK, _NETWORK)
            raise self._refuse(url, codes.PDF_ADDRESS, "only images inside content/ are used")
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise self._refuse(url, codes.PDF_NETWORK, _NETWORK)
        if self.area is None:
            raise self._refuse(url, codes.PDF_FILE, "this press room has no content/ folder")
        path = url2pathname(parts.path)
        if "\x00" in path:
            raise self._refuse(url, codes.PDF_FILE, "there is no such file in content/")
        if Path(path).suffix.lower() not in IMAGE_SUFFIXES:
            raise self._refuse(url, codes.PDF_FILE, "it is not an image (png, jpg, gif, webp, svg)")
        if not read:
            refused = self.area.check(path)[1]
            if refused is not None:
                raise self._refuse(url, codes.PDF_FILE, _reason(refused))
            return None
        data, refused = self.area.read_bytes(path, limit=MAX_IMAGE_BYTES)
        if data is None:
            assert refused is not None
            raise self._refuse(url, codes.PDF_FILE, _reason(refused))
        return data, mimetypes.guess_type(path)[0] or "application/octet-stream"

    def _data(self, url: str) -> tuple[bytes, str]:
        if len(url) > MAX_DATA_CHARS:
            raise self._refuse(
                url,
                codes.PDF_ADDRESS,
                f"a data: image may be at most {MAX_DATA_CHARS:,} characters",
            )
        header, comma, payload = url[5:].partition(",")
        media = header.split(";")[0].strip().lower() or "text/plain"
        if not comma or not media.startswith("image/"):
            raise self._refuse(url, codes.PDF_ADDRESS, "a data: address must hold an image")
        try:
            if header.lower().endswith(";base64"):
                return base64.b64decode(unquote(payload), validate=False), media
            return unquote_to_bytes(payload), media
        except (binascii.Error, ValueError):
            raise self._refuse(url, codes.PDF_ADDRESS, "the data: image is damaged") from None


def _reason(refused: Finding) -> str:
    return {
        codes.OUTSIDE_PROJECT: "it is outside content/",
        codes.NOT_A_FILE: "it is not an ordinary file",
        codes.FILE_TOO_LARGE: f"it is larger than {MAX_IMAGE_BYTES:,} bytes",
    }.get(refused.code, "there is no such file in content/")


def _fetcher(sources: PdfSources) -> Any:
    """A WeasyPrint URL fetcher that asks ``sources`` and nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class ConfinedFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            data, media = sources.load(url)
            return URLFetcherResponse(url, data, {"Content-Type": media})

    return ConfinedFetcher(allowed_protocols=(), allow_redirects=False, fail_on_errors=False)


class _Addresses(HTMLParser):
    """Every ``src`` of a document as written (what a finding quotes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "src" or (tag in _LINKING and name in _HREFS)):
                self.found.append(value)


def addresses(document: str) -> list[str]:
    """The addresses a document loads (``src`` of any element), as written."""
    parser = _Addresses()
    parser.feed(document)
    parser.close()
    return list(dict.fromkeys(parser.found))


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


def render_pdf(document: str, base: Path | None, sources: PdfSources | None = None) -> bytes:
    """Typeset one HTML document; images come only from ``base`` (content/), see
    :class:`PdfSources`."""
    sources = sources or PdfSources(base)
    try:
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        logging.getLogger("fontTools").setLevel(logging.ERROR)
        from weasyprint import HTML
    except (ImportError, OSError) as exc:
        raise PdfUnavailable(str(exc)) from None
    return HTML(
        string=document, base_url=sources.base_url, url_fetcher=_fetcher(sources)
    ).write_pdf()


def refused_findings(
    room: Pressroom, key: str, document: str, sources: PdfSources
) -> list[Finding]:
    """One warning per refused address: where it is written, what was left out, why."""
    article = room.articles[key]
    company = room.content.company
    written: dict[str, str] = {}
    for address in addresses(document):
        resolved = urljoin(sources.base_url or "", address)
        written.setdefault(unquote(resolved), address)
    findings = []
    for url, (code, reason) in sources.refused.items():
        address = written.get(unquote(url)) or _shown(url, sources)
        if company is not None and address == company.logo:
            where = room.content.locate(company, "logo")
            what = f"the PDFs of press releases leave out the logo '{address}'"
        else:
            where = room.content.locate(article)
            body = article.body or ""
            if address in body and where.line is not None:
                line = article.origin.body_line + body[: body.index(address)].count("\n")
                where = Location(where.file, line, room.content.locate(article, "body").path)
            what = f"the PDF of this release leaves out the image '{address}'"
        findings.append(
            where.finding(
                code,
                f"{what}: {reason}",
                "put the image into content/images/ and write its path from content/, "
                "e.g. images/chart.png (not a web address, not '..' or a leading '/')",
                warning=True,
            )
        )
    return findings


def _shown(url: str, sources: PdfSources) -> str:
    """An address no element wrote (a stylesheet's or an SVG's): the builder's own
    folders are not printed."""
    if url.startswith("file:") and sources.area is not None:
        path = url2pathname(urlsplit(url).path)
        name = sources.area.name_of(path)
        return name if name != path else "a file outside content/"
    return url if len(url) <= 200 else url[:200] + "…"


def release_pdf(
    room: Pressroom, key: str, result: RenderedArticle, findings: list[Finding] | None = None
) -> bytes:
    """The PDF of one release, from the cache when nothing it is made from has changed.

    Addresses the PDF may not load are left out and reported into ``findings``
    (warnings, each once), from the cache too.
    """
    document = release_html(room, key, result)
    sources = PdfSources(room.root / "content" if room.root else None)
    if room.root is None:
        content = render_pdf(document, None, sources)
        _report(findings, refused_findings(room, key, document, sources))
        return content
    name = f"{pdf_cache_key(document, sources)}.pdf"
    cached = room.root / ".pressgen-cache" / PDF_CACHE / name
    found = read_cached_pdf(cached, f".pressgen-cache/{PDF_CACHE}/{name}")
    if found is not None:
        for address in addresses(document):  # the same decisions, without typesetting
            sources.check(urljoin(sources.base_url or "", address))
        _report(findings, refused_findings(room, key, document, sources))
        return found
    content = render_pdf(document, sources.content, sources)
    _report(findings, refused_findings(room, key, document, sources))
    with contextlib.suppress(OSError):  # a read-only project still builds
        write_entry(cached, CACHE_KIND, content)
    return content


def pdf_cache_key(document: str, sources: PdfSources) -> str:
    """A digest of everything a PDF is made from: its HTML, the bytes of every project
    image it loads (a logo replaced under the same name makes a new PDF), and the
    version of WeasyPrint. Files are read only as the PDF would read them (inside
    content/, through :class:`PdfSources`' confinement)."""
    files: list[tuple[str, str | None]] = []
    probe = PdfSources(sources.content)  # its refusals are reported by the render
    for address in addresses(document):
        url = urljoin(sources.base_url or "", address)
        try:
            data, _media = probe.load(url)
        except Refused:
            files.append((address, None))
            continue
        files.append((address, digest_bytes(data)))
    return digest([document, sorted(files, key=str), _weasyprint_version()])


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


def _report(findings: list[Finding] | None, new: list[Finding]) -> None:
    if findings is not None:
        findings += [f for f in new if f not in findings]
