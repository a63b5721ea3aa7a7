"""The site publishes nothing from outside content/: links out, linked folders, pipes
and devices stop the build with a located finding, and site/ holds none of their bytes."""

from __future__ import annotations

import os
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from conftest import NOW
from pressgen import codes
from pressgen.commands.build import build_site
from pressgen.findings import Finding
from pressgen.publish.confinement import confine_docs_dir, confine_published


def config_of(project: Path) -> SimpleNamespace:
    return SimpleNamespace(docs_dir=str(project / "content"), site_dir=str(project / "site"))


def files_of(project: Path, *names: str) -> Files:
    content = str(project / "content")
    return Files([File(name, content, str(project / "site"), True) for name in names])


def test_links_out_of_content_stop_the_build_before_mkdocs_walks_it(project: Path) -> None:
    (project / "content/images/passwd.png").symlink_to("/etc/passwd")
    (project / "content/images/all").symlink_to("/")
    findings: list[Finding] = []
    started = time.monotonic()
    with pytest.raises(PluginError) as stopped:
        confine_docs_dir(config_of(project), project, findings)
    assert time.monotonic() - started < 5  # "/" was not walked
    assert sorted((f.file, f.code) for f in findings) == [
        ("content/images/all", codes.LINKED_FOLDER),
        ("content/images/passwd.png", codes.OUTSIDE_PROJECT),
    ]
    assert "content/images/passwd.png" in str(stopped.value)
    assert "root:" not in str(stopped.value)


def test_a_clean_content_folder_passes(project: Path) -> None:
    (project / "content/images/alias.png").symlink_to("dengyuemed-logo.png")
    findings: list[Finding] = []
    confine_docs_dir(config_of(project), project, findings)
    confine_published(
        files_of(project, "images/alias.png", "images/dengyuemed-logo.png"),
        config_of(project),
        project,
        findings,
    )
    assert findings == []


def test_every_published_file_is_checked_again(project: Path, tmp_path: Path) -> None:
    """A file that became a link out after MkDocs listed it is refused; generated files
    and the theme's own files are not from content/ and are left alone."""
    (project / "content/images/late.png").symlink_to("/proc/self/environ")
    os.mkfifo(project / "content/images/pipe.png")
    files = files_of(project, "images/late.png", "images/pipe.png", "images/dengyuemed-logo.png")
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").symlink_to("/etc/passwd")  # a theme is not content
    files.append(File("main.html", str(theme), str(project / "site"), True))
    generated = File("images/made.png", str(project / "content"), str(project / "site"), True)
    generated.generated_by = "pressgen"  # a file a plugin made: not read from content/
    (project / "content/images/made.png").symlink_to("/etc/passwd")
    files.append(generated)
    findings: list[Finding] = []
    with pytest.raises(PluginError):
        confine_published(files, config_of(project), project, findings)
    assert sorted((f.file, f.code) for f in findings) == [
        ("content/images/late.png", codes.OUTSIDE_PROJECT),
        ("content/images/pipe.png", codes.NOT_A_FILE),
    ]


def site_bytes(site: Path) -> bytes:
    if not site.exists():
        return b""
    return b"".join(p.read_bytes() for p in site.rglob("*") if p.is_file())


@pytest.mark.site
@pytest.mark.parametrize(
    ("target", "secret"),
    [("/etc/passwd", b"root:x:0"), ("/proc/self/environ", f"HOME={os.environ['HOME']}".encode())],
)
def test_a_build_with_an_image_linked_outside_fails_and_publishes_nothing(
    project: Path, tmp_path: Path, target: str, secret: bytes
) -> None:
    (project / "content/images/chart.png").symlink_to(target)
    result = build_site(project, site_dir=tmp_path / "site", now=NOW)
    assert not result.ok
    report = "\n".join(str(f) for f in result.findings)
    assert codes.OUTSIDE_PROJECT in report and "content/images/chart.png" in report
    assert secret not in report.encode()
    assert secret not in site_bytes(tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.site
@pytest.mark.slow
def test_a_link_inside_content_is_published_as_the_file_it_names(
    project: Path, tmp_path: Path
) -> None:
    (project / "content/images/alias.png").symlink_to("dengyuemed-logo.png")
    result = build_site(project, site_dir=tmp_path / "site", now=NOW)
    assert result.ok, [str(f) for f in result.findings]
    published = tmp_path / "site/images/alias.png"
    assert not published.is_symlink()
    assert published.read_bytes() == (project / "content/images/dengyuemed-logo.png").read_bytes()
