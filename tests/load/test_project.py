"""Reading a project: every content file is read through content/'s confinement."""

from __future__ import annotations

import threading
from pathlib import Path

from conftest import TODAY, write
from pressgen import Pressroom, codes
from pressgen.load.project import read_project

FACT = """facts:
  - id: {id}
    kind: figure
    label: A figure
    value: 1.5
    scale: billion
    currency: USD
    period: 2025
    source: cccmhpie
    as_of: 2025-11-20
"""


def messages(room: Pressroom) -> str:
    return "\n".join(f"{f}" for f in room.check())


def test_a_fragment_linked_to_etc_passwd_is_refused_and_never_quoted(project: Path) -> None:
    (project / "content/fragments/leak.md").symlink_to("/etc/passwd")
    room = Pressroom.from_path(project, today=TODAY)
    found = [f for f in room.findings if f.file == "content/fragments/leak.md"]
    assert [f.code for f in found] == [codes.OUTSIDE_PROJECT]
    assert "root:" not in messages(room)


def test_an_article_linked_to_the_environment_is_refused(project: Path) -> None:
    (project / "content/articles/env.md").symlink_to("/proc/self/environ")
    room = Pressroom.from_path(project, today=TODAY)
    [found] = [f for f in room.findings if f.file == "content/articles/env.md"]
    assert found.code == codes.OUTSIDE_PROJECT
    assert "HOME=" not in messages(room) and "PATH=" not in messages(room)


def test_a_data_file_linked_to_dev_zero_does_not_hang(project: Path) -> None:
    (project / "content/settings.yml").unlink()
    (project / "content/settings.yml").symlink_to("/dev/zero")
    result: list[list[str]] = []
    reader = threading.Thread(
        target=lambda: result.append([f.code for f in read_project(project).findings]),
        daemon=True,
    )
    reader.start()
    reader.join(timeout=10)
    assert result == [[codes.OUTSIDE_PROJECT]]


def test_a_linked_facts_folder_is_not_followed(project: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "more.yml", FACT.format(id="from_outside"))
    (project / "content/facts/more").symlink_to(outside)
    room = Pressroom.from_path(project, today=TODAY)
    assert "from_outside" not in room.content.facts
    [found] = [f for f in room.findings if f.file == "content/facts/more"]
    assert found.code == codes.LINKED_FOLDER and found.hint


def test_a_fact_file_linked_inside_content_is_followed(project: Path) -> None:
    write(project / "content/shared/extra.yml", FACT.format(id="shared_figure"))
    (project / "content/facts/extra.yml").symlink_to("../shared/extra.yml")
    room = Pressroom.from_path(project, today=TODAY)
    assert "shared_figure" in room.content.facts
    assert not [f for f in room.findings if f.code in {codes.OUTSIDE_PROJECT, codes.NOT_A_FILE}]


def test_anything_the_site_would_publish_from_outside_is_named_once(project: Path) -> None:
    (project / "content/images/chart.png").symlink_to("/etc/passwd")
    (project / "content/fragments/leak.md").symlink_to("/etc/passwd")
    found = [
        (f.file, f.code) for f in read_project(project).findings if f.code == codes.OUTSIDE_PROJECT
    ]
    assert sorted(found) == [
        ("content/fragments/leak.md", codes.OUTSIDE_PROJECT),
        ("content/images/chart.png", codes.OUTSIDE_PROJECT),
    ]


def test_a_dangling_company_link_is_reported_not_skipped(project: Path) -> None:
    (project / "content/company.yml").unlink()
    (project / "content/company.yml").symlink_to("/nonexistent/company.yml")
    [found] = [f for f in read_project(project).findings if f.file == "content/company.yml"]
    assert found.code == codes.OUTSIDE_PROJECT
