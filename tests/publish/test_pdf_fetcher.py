"""The PDF's URL fetcher serves only images inside content/ (and small data: images);
everything else is left out with a warning, and the build makes no network request."""

from __future__ import annotations

import base64
import http.server
import io
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import NOW, TODAY
from pressgen import Pressroom, codes
from pressgen.publish.pdf import MAX_DATA_CHARS, PdfSources, Refused, release_pdf

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
RELEASE_FILE = "content/articles/2025-11-27-dengyuemed-single-export-desk.md"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "secret.png").write_bytes(b"root:x:0:0 not an image")
    folder = tmp_path / "content"
    (folder / "images").mkdir(parents=True)
    (folder / "images/dot.png").write_bytes(PNG)
    (folder / "images/alias.png").symlink_to("dot.png")
    (folder / "images/out.png").symlink_to(tmp_path / "secret.png")
    (folder / "images/zero.png").symlink_to("/dev/zero")
    (folder / "images/self.png").symlink_to("/proc/self/environ")
    os.mkfifo(folder / "images/pipe.png")
    (folder / "facts").mkdir()
    (folder / "facts/trade.yml").write_text("facts: []\n")
    return folder


def refusal(sources: PdfSources, url: str) -> tuple[str, str]:
    with pytest.raises(Refused):
        sources.load(url)
    return sources.refused[url]


def test_images_inside_content_are_served(content: Path) -> None:
    sources = PdfSources(content)
    base = sources.base_url
    assert base is not None
    assert sources.load(base + "images/dot.png") == (PNG, "image/png")
    assert sources.load(base + "images/alias.png") == (PNG, "image/png")
    assert sources.load("data:image/png;base64," + base64.b64encode(PNG).decode()) == (
        PNG,
        "image/png",
    )
    assert sources.refused == {}


@pytest.mark.parametrize(
    ("address", "code", "reason"),
    [
        ("http://127.0.0.1:9/x.png", codes.PDF_NETWORK, "network"),
        ("https://example.com/logo.png", codes.PDF_NETWORK, "network"),
        ("ftp://example.com/logo.png", codes.PDF_NETWORK, "network"),
        ("file://fileserver/share/logo.png", codes.PDF_NETWORK, "network"),
        ("gopher://example.com/x.png", codes.PDF_NETWORK, "network"),
        ("file:///etc/passwd", codes.PDF_FILE, "not an image"),
        ("{base}../secret.png", codes.PDF_FILE, "outside content/"),
        ("{base}images/out.png", codes.PDF_FILE, "outside content/"),
        ("{base}images/zero.png", codes.PDF_FILE, "outside content/"),
        ("{base}images/self.png", codes.PDF_FILE, "outside content/"),
        ("{base}images/pipe.png", codes.PDF_FILE, "not an ordinary file"),
        ("{base}images/missing.png", codes.PDF_FILE, "no such file"),
        ("{base}facts/trade.yml", codes.PDF_FILE, "not an image"),
        ("data:text/html,<script>alert(1)</script>", codes.PDF_ADDRESS, "must hold an image"),
        ("data:image/png;base64," + "A" * MAX_DATA_CHARS, codes.PDF_ADDRESS, "at most"),
        ("javascript:alert(1)", codes.PDF_ADDRESS, "only images inside content/"),
        ("about:blank", codes.PDF_ADDRESS, "only images inside content/"),
    ],
)
def test_everything_else_is_refused_with_a_reason(
    content: Path, address: str, code: str, reason: str
) -> None:
    sources = PdfSources(content)
    url = address.format(base=sources.base_url)
    assert refusal(sources, url)[0] == code
    assert reason in refusal(sources, url)[1]


def test_without_a_content_folder_no_file_is_served() -> None:
    assert refusal(PdfSources(None), "file:///etc/hostname.png")[0] == codes.PDF_FILE


SCHEMES = st.sampled_from(["", "file://", "file:///", "http://", "data:", "ftp://", "//", "x:"])
PIECES = st.sampled_from(
    [
        "..",
        ".",
        "images",
        "dot.png",
        "alias.png",
        "out.png",
        "zero.png",
        "self.png",
        "pipe.png",
        "secret.png",
        "etc",
        "passwd",
        "%2e%2e",
        "localhost",
        "content",
        "?q=1",
        "#x",
        "",
    ]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(scheme=SCHEMES, parts=st.lists(PIECES, max_size=7), relative=st.booleans())
def test_the_fetcher_serves_content_images_or_refuses(
    content: Path, scheme: str, parts: list[str], relative: bool
) -> None:
    """Whatever address is asked for: the bytes of an image inside content/, or Refused —
    never another exception, never a byte from outside."""
    sources = PdfSources(content)
    path = "/".join(parts)
    url = (sources.base_url or "") + path if relative else scheme + path
    try:
        data, _ = sources.load(url)
    except Refused:
        assert url in sources.refused
        return
    assert data == PNG  # the one image inside content/ (directly or by the inside link)


# ---------------------------------------------------------------- a real PDF


def pdf_images(data: bytes) -> int:
    """How many different images a PDF holds (WeasyPrint shares them between pages)."""
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return len({image.data for page in pages for image in page.images})


@pytest.fixture
def hostile(project: Path, tmp_path: Path) -> Path:
    """The example release with a logo from the network and body images from outside
    content/ (absolute, '..', a link out) besides one image that is allowed."""
    (tmp_path / "outside.png").write_bytes(PNG)
    (project / "content/images/linked.png").symlink_to(tmp_path / "outside.png")
    company = project / "content/company.yml"
    company.write_text(
        company.read_text().replace(
            "logo: images/dengyuemed-logo.png", "logo: http://127.0.0.1:9/logo.png"
        )
    )
    release = project / RELEASE_FILE
    release.write_text(
        release.read_text()
        + "\n![a](../../outside.png) ![b](/etc/hostname.png)\n"
        + "![c](images/linked.png) ![d](https://example.com/d.png)\n"
        + "![ok](images/dengyuemed-logo.png)\n"
    )
    return project


@pytest.mark.slow
def test_a_release_pdf_leaves_out_what_it_may_not_load_and_says_where(hostile: Path) -> None:
    room = Pressroom.from_path(hostile, today=TODAY)
    rendered = room.render_article(RELEASE)
    findings: list = []
    data = release_pdf(room, RELEASE, rendered, findings)
    assert pdf_images(data) == 1  # only images/dengyuemed-logo.png
    shown = sorted((f.code, f.file, f.line, f.path) for f in findings)
    body_line = len((hostile / RELEASE_FILE).read_text().splitlines()) - 2
    assert shown == sorted(
        [
            (codes.PDF_NETWORK, "content/company.yml", 7, "/logo"),
            (codes.PDF_FILE, RELEASE_FILE, body_line, "/body"),  # ../../outside.png
            (codes.PDF_FILE, RELEASE_FILE, body_line, "/body"),  # /etc/hostname.png
            (codes.PDF_FILE, RELEASE_FILE, body_line + 1, "/body"),  # a link out
            (codes.PDF_NETWORK, RELEASE_FILE, body_line + 1, "/body"),
        ]
    )
    assert all(not f.is_error and f.hint for f in findings)
    messages = "\n".join(f.message for f in findings)
    for address in ("../../outside.png", "/etc/hostname.png", "https://example.com/d.png"):
        assert f"'{address}'" in messages
    # From the cache: the same PDF, the same warnings.
    again: list = []
    assert release_pdf(room, RELEASE, rendered, again) == data
    assert again == findings


class Recorder(http.server.BaseHTTPRequestHandler):
    hits: ClassVar[list[str]]  # one list per server (see the fixture)

    def do_GET(self) -> None:
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (Recorder,), {"hits": hits})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.site
@pytest.mark.slow
def test_a_build_makes_no_network_request(
    project: Path, tmp_path: Path, server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logo and images at a local server that records every request: the full build
    (pages, feeds, PDFs) asks it nothing, and no socket of the build connects anywhere."""
    from pressgen.commands.build import build_site

    address, hits = server
    # The server answers (so a fetch would succeed and be counted) ...
    with socket.create_connection(("127.0.0.1", int(address.rsplit(":", 1)[1])), timeout=5):
        pass
    company = project / "content/company.yml"
    company.write_text(
        company.read_text().replace("logo: images/dengyuemed-logo.png", f"logo: {address}/logo.png")
    )
    release = project / RELEASE_FILE
    release.write_text(release.read_text() + f"\n![A chart]({address}/chart.png)\n")
    # ... and from now on no socket may connect, nor look a name up.
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args[1:] or kwargs)
        raise OSError("the build tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = build_site(project, site_dir=tmp_path / "site", now=NOW)
    assert result.ok, [str(f) for f in result.findings]
    assert hits == [] and attempts == []
    warned = {(f.code, f.file) for f in result.findings}
    assert (codes.PDF_NETWORK, "content/company.yml") in warned
    assert (codes.PDF_NETWORK, RELEASE_FILE) in warned
    # Readers' browsers still load the web image: the page keeps it.
    page = tmp_path / "site/news/2025/11" / RELEASE / "index.html"
    assert f"{address}/chart.png" in page.read_text("utf-8")
