"""Attribute lists in bodies and fragments: refused ids, classes and attribute names are
located findings (PG504); event handlers in any case are PG503."""

from __future__ import annotations

from pathlib import Path

from conftest import ARTICLE, TODAY, write
from pressgen import Pressroom, codes


def findings_for(project: Path, body: str) -> list[tuple[str, int | None, str]]:
    text = ARTICLE.format(title="Attribute lists") + body
    write(project / "content/articles/2025-11-28-attributes.md", text)
    found = Pressroom.from_path(project, today=TODAY).check()
    return [
        (f.code, f.line, f.message)
        for f in found
        if f.file == "content/articles/2025-11-28-attributes.md"
        and f.code in {codes.UNSAFE_ATTRIBUTE, codes.UNSAFE_ATTRIBUTE_LIST}
    ]


def line_of(project: Path, text: str) -> int:
    lines = (project / "content/articles/2025-11-28-attributes.md").read_text("utf-8")
    return lines[: lines.index(text)].count("\n") + 1


def test_refused_attributes_are_located_on_their_line(project: Path) -> None:
    found = findings_for(
        project,
        "\n## Good { #good .key-figures width=80 }\n\n"
        '## Bad id { #x"y }\n\n'
        "Paragraph\n{: .ok data-src=x }\n\n"
        "## Upper case { ONMOUSEOVER=alert(1) }\n",
    )
    assert sorted((line, code) for code, line, _ in found) == [
        (line_of(project, "## Bad id"), codes.UNSAFE_ATTRIBUTE_LIST),
        (line_of(project, "{: .ok"), codes.UNSAFE_ATTRIBUTE_LIST),
        (line_of(project, "## Upper"), codes.UNSAFE_ATTRIBUTE),
    ]
    messages = " ".join(message for _, _, message in found)
    assert 'x"y' in messages and "data-src" in messages and "ONMOUSEOVER" in messages


def test_placeholders_and_braces_in_prose_are_not_attribute_lists(project: Path) -> None:
    body = "\nThe range { from one to two } is wide, and {{ company.name }} agrees.\n"
    assert findings_for(project, body) == []


def test_a_fragment_is_checked_too(project: Path) -> None:
    path = project / "content/fragments/forward-looking.md"
    path.write_text(path.read_text("utf-8") + "\nMore\n{: .ok style=color:red }\n", "utf-8")
    found = Pressroom.from_path(project, today=TODAY).check()
    [finding] = [f for f in found if f.code == codes.UNSAFE_ATTRIBUTE_LIST]
    assert finding.file == "content/fragments/forward-looking.md" and finding.hint
    assert finding.line == path.read_text("utf-8").count("\n")
