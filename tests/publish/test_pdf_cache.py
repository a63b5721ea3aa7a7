"""The PDF cache (pressgen.publish.pdf): a truncated or foreign PDF in the cache is thrown
away with a PG906 warning and typeset again, never published; the key covers the files
the PDF is made from."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from conftest import TODAY
from pressgen import Pressroom
from pressgen.build.cache_files import read_entry, write_entry
from pressgen.publish import pdf
from pressgen.publish.pdf import CACHE_KIND, PDF_CACHE, PdfSources, pdf_cache_key, release_pdf

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"


def whole_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


@pytest.fixture
def room(project: Path) -> Pressroom:
    return Pressroom.from_path(project, today=TODAY)


def cached_files(room: Pressroom) -> list[Path]:
    assert room.root is not None
    return sorted((room.root / ".pressgen-cache" / PDF_CACHE).glob("*.pdf"))


@pytest.mark.slow
@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
        lambda path: write_entry(path, CACHE_KIND, read_entry(path, CACHE_KIND)[:-2000]),
        lambda path: write_entry(path, CACHE_KIND, b"<html>not a pdf</html>"),
        lambda path: path.write_bytes(b"%PDF-1.7 a PDF cached by pressgen 0.1, cut short"),
    ],
    ids=["truncated-file", "truncated-pdf-resigned", "not-a-pdf-resigned", "old-raw-file"],
)
def test_a_damaged_cached_pdf_is_never_published(room: Pressroom, damage, caplog) -> None:
    result = room.render_article(RELEASE)
    made = release_pdf(room, RELEASE, result)
    assert whole_pdf(made)
    [path] = cached_files(room)
    damage(path)
    with caplog.at_level(logging.WARNING, logger="pressgen.cache"):
        again = release_pdf(room, RELEASE, result)
    assert whole_pdf(again) and len(again) > 1000
    [record] = caplog.records
    assert record.finding.code == "PG906" and record.finding.file.endswith(path.name)
    assert read_entry(path, CACHE_KIND) == again  # the cache holds a whole PDF again


@pytest.mark.slow
def test_an_unchanged_release_comes_from_the_cache(room: Pressroom, monkeypatch) -> None:
    result = room.render_article(RELEASE)
    made = release_pdf(room, RELEASE, result)

    def typeset(*args: object) -> bytes:
        raise AssertionError("typeset again")

    monkeypatch.setattr(pdf, "render_pdf", typeset)
    assert release_pdf(room, RELEASE, result) == made


def test_the_key_covers_the_bytes_of_the_files_the_pdf_shows(tmp_path: Path) -> None:
    base = tmp_path / "content"
    (base / "images").mkdir(parents=True)
    logo = base / "images" / "logo.png"
    logo.write_bytes(b"first logo")
    document = '<img src="images/logo.png"><img src="images/chart.png">'
    first = pdf_cache_key(document, PdfSources(base))
    assert pdf_cache_key(document, PdfSources(base)) == first
    logo.write_bytes(b"a new logo under the same name")
    assert pdf_cache_key(document, PdfSources(base)) != first
    second = pdf_cache_key(document, PdfSources(base))
    (base / "images" / "chart.png").write_bytes(b"a chart that was missing")
    assert pdf_cache_key(document, PdfSources(base)) != second


def test_the_key_depends_on_nothing_outside_the_content_folder(tmp_path: Path) -> None:
    base = tmp_path / "content"
    base.mkdir()
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the PDF")
    (base / "link.png").symlink_to(secret)
    document = (
        '<img src="../secret.png"><img src="/etc/hostname"><img src="link.png">'
        '<img src="file:///etc/passwd"><img src="images/\x00.png">'
    )
    first = pdf_cache_key(document, PdfSources(base))
    secret.write_bytes(b"changed outside: the key must not have read it")
    assert pdf_cache_key(document, PdfSources(base)) == first
