"""Project label tables are read from inside their template folder only."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, write
from pressgen import Pressroom, codes
from pressgen.load.label_tables import read_label_tables


def test_a_label_table_linked_outside_is_refused(project: Path) -> None:
    (project / "templates/i18n").mkdir()
    (project / "templates/i18n/en.yml").symlink_to("/etc/passwd")
    room = Pressroom.from_path(project, today=TODAY)
    found = [f for f in room.findings if f.file == "templates/i18n/en.yml"]
    assert [f.code for f in found] == [codes.OUTSIDE_PROJECT]  # once, not twice
    assert "root:" not in "\n".join(str(f) for f in room.findings)


def test_a_linked_template_folder_is_named(project: Path) -> None:
    (project / "templates/i18n").symlink_to("/etc")
    _, findings = read_label_tables([project / "templates"], ["en"], project)
    assert [(f.file, f.code) for f in findings if f.code == codes.LINKED_FOLDER] == [
        ("templates/i18n", codes.LINKED_FOLDER)
    ]


def test_a_label_table_linked_inside_its_folder_is_used(project: Path) -> None:
    write(project / "templates/i18n/shared.yml", 'news: "Newsroom"\n')
    (project / "templates/i18n/en.yml").symlink_to("shared.yml")
    room = Pressroom.from_path(project, today=TODAY)
    assert not room.errors
    assert room.labels.wording("en")("news") == "Newsroom"


def test_template_folders_of_a_cms_are_named_by_their_path(tmp_path: Path) -> None:
    folder = tmp_path / "cms-templates"
    (folder / "i18n").mkdir(parents=True)
    (folder / "i18n/en.yml").symlink_to("/etc/passwd")
    _, findings = read_label_tables([folder], ["en"], None)
    assert [(f.file, f.code) for f in findings] == [
        (f"{folder}/i18n/en.yml", codes.OUTSIDE_PROJECT)
    ]
