"""Images named by the content exist inside content/, are what their names say by their
bytes, and no SVG under content/ can run script or fetch anything."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CMS_COMPANY, CMS_EDITOR, TODAY, write
from pressgen import Pressroom, codes
from pressgen.check.assets import image_kind, svg_problem

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'


def logo_findings(project: Path, name: str, data: bytes | None) -> list:
    if data is not None:
        (project / "content/images" / name).write_bytes(data)
    company = project / "content/company.yml"
    company.write_text(company.read_text().replace("images/dengyuemed-logo.png", f"images/{name}"))
    found = Pressroom.from_path(project, today=TODAY).check()
    return [f for f in found if f.path == "/logo"]


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PNG, "PNG"),
        (JPEG, "JPEG"),
        (GIF, "GIF"),
        (WEBP, "WebP"),
        (SVG, "SVG"),
        (b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- made by hand -->\n' + SVG, "SVG"),
        (b"<!DOCTYPE svg>\n" + SVG, "SVG"),
        (b"<html><svg></svg></html>", None),
        (b"<!DOCTYPE html><script>alert(1)</script>", None),
        (b"%PDF-1.7", None),
        (b"", None),
    ],
)
def test_an_image_is_known_by_its_first_bytes(data: bytes, kind: str | None) -> None:
    assert image_kind(data) == kind


@pytest.mark.parametrize(
    ("svg", "said"),
    [
        ("<svg><script>alert(1)</script></svg>", "<script>"),
        ('<svg onload="alert(1)"/>', "onload"),
        ('<svg ONLOAD="alert(1)"/>', "onload"),
        ('<svg><a href="javascript:alert(1)"><text>x</text></a></svg>', "script address"),
        ('<svg><a href="&#106;ava&#x0A;script:alert(1)"/></svg>', "script address"),
        ('<svg xmlns:x="http://www.w3.org/1999/xlink"><a x:href=" JavaScript:1"/></svg>', "script"),
        ('<svg><image href="https://tracker.example/p.png"/></svg>', "outside the file"),
        ('<svg><use href="other.svg#icon"/></svg>', "outside the file"),
        ('<svg><image href="data:image/svg+xml;base64,AAAA"/></svg>', "outside the file"),
        ('<svg><set attributeName="href" to="javascript:alert(1)"/></svg>', "changes a link"),
        ("<svg><foreignObject><div/></foreignObject></svg>", "foreignobject"),
        ("<svg><iframe/></svg>", "<iframe>"),
        ("<svg><style>@import url(https://x.example/a.css);</style></svg>", "style"),
        ('<svg><rect style="fill: url(https://x.example/p)"/></svg>', "style"),
        ('<?xml-stylesheet href="https://x.example/a.css"?><svg/>', "processing instruction"),
        ('<!DOCTYPE svg [<!ENTITY a "b">]><svg>&a;</svg>', "<!DOCTYPE>"),
        ('<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg>&x;</svg>', "<!DOCTYPE>"),
        (
            '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/'
            'DTD/svg11.dtd"><svg>&x;</svg>',
            "entity",
        ),
        ("<svg><unclosed></svg>", "cannot be read"),
    ],
)
def test_an_svg_that_could_run_or_fetch_something_is_refused(svg: str, said: str) -> None:
    problem = svg_problem(svg.encode())
    assert problem is not None and said in problem


@pytest.mark.parametrize(
    "svg",
    [
        SVG.decode(),
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg/>',
        '<svg><defs><linearGradient id="g"/></defs><rect fill="url(#g)"/><use href="#g"/></svg>',
        "<svg><style>.a { fill: url(#g); }</style></svg>",
        '<svg><image href="data:image/png;base64,iVBORw0KGgo="/></svg>',
        '<svg><a href=""><text id="javascript-logo">onload</text></a></svg>',
    ],
)
def test_a_plain_drawing_is_accepted(svg: str) -> None:
    assert svg_problem(svg.encode()) is None


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["<g>", "<g a='", "<!--", "<![CDATA[", "&#", "<a href='"]))
def test_reading_an_svg_takes_linear_time(piece: str) -> None:
    data = ("<svg>" + piece * 200_000).encode()  # about 1 MB of an adversarial drawing
    started = time.perf_counter()
    svg_problem(data)
    assert time.perf_counter() - started < 3


def test_the_example_logo_is_a_png(project: Path) -> None:
    assert logo_findings(project, "dengyuemed-logo.png", None) == []


def test_a_missing_logo_suggests_the_file_that_exists(project: Path) -> None:
    [finding] = logo_findings(project, "dengyuemed-logo.jpg", None)
    assert finding.code == codes.ASSET_MISSING
    assert finding.file == "content/company.yml" and finding.line == 7
    assert finding.hint == "write the path of the file that exists: images/dengyuemed-logo.png"


def test_an_image_of_another_kind_says_which(project: Path) -> None:
    [finding] = logo_findings(project, "logo.gif", PNG)
    assert finding.code == codes.ASSET_KIND
    assert "is a PNG image" in finding.message and "logo.png" in finding.hint


def test_a_link_to_a_file_outside_content_is_never_read(project: Path, tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.png", "root:x:0:0:SECRET")
    (project / "content/images/logo.png").symlink_to(secret)
    [finding] = logo_findings(project, "logo.png", None)
    assert finding.code == codes.ASSET_OUTSIDE
    assert "SECRET" not in finding.message + finding.hint


def test_a_link_inside_content_is_followed(project: Path) -> None:
    (project / "content/images/logo.png").symlink_to("dengyuemed-logo.png")
    assert logo_findings(project, "logo.png", None) == []


def test_a_fifo_named_like_an_image_does_not_hang_the_check(project: Path) -> None:
    os.mkfifo(project / "content/images/logo.png")
    [finding] = logo_findings(project, "logo.png", None)
    assert finding.code == codes.ASSET_KIND and "special file" in finding.message


def test_an_svg_nobody_names_is_checked_too(project: Path) -> None:
    write(project / "content/images/extra/banner.svg", "<svg><script>alert(1)</script></svg>")
    found = Pressroom.from_path(project, today=TODAY).check()
    [finding] = [f for f in found if f.code == codes.UNSAFE_SVG]
    assert finding.file == "content/images/extra/banner.svg"
    assert "PNG" in finding.hint


def test_content_given_as_data_has_no_files_to_check() -> None:
    room = Pressroom.from_data(
        {"company": {**CMS_COMPANY, "logo": "images/none.png"}, "editors": [CMS_EDITOR]},
        today=TODAY,
    )
    assert not [f for f in room.findings if f.code.startswith("PG33")]
