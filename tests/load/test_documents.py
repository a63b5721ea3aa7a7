"""Reading files: encodings, front matter boundaries, YAML syntax and file lines."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, write
from pressgen import Pressroom, codes
from pressgen.load.documents import MAX_FILE_BYTES, parse_front_matter, read_document


def test_front_matter_lines_are_lines_of_the_file() -> None:
    doc, findings = parse_front_matter("---\ntitle: x\neditor: a\n---\n\nBody\n", "a.md")
    assert not findings
    assert doc.line_of(("editor",)) == 3
    assert doc.body_line == 6
    assert doc.body == "Body\n"


def codes_of(path: Path, front_matter: bool = True) -> list[str]:
    _, findings = read_document(path, path.name, front_matter=front_matter)
    return [f.code for f in findings]


def test_bom_is_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbf---\ntitle: x\n---\n")
    _, findings = read_document(path, "a.md", front_matter=True)
    assert findings[0].code == codes.BOM
    assert "UTF-8" in findings[0].hint


def test_cp1252_quotes_are_located(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: x\n---\nHe said \x93hello\x94\n")
    _, findings = read_document(path, "a.md", front_matter=True)
    assert findings[0].code == codes.NOT_UTF8
    assert findings[0].line == 4


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("---\ntitle: x\n---\n" + "x" * (MAX_FILE_BYTES + 1))
    assert codes_of(path) == [codes.FILE_TOO_LARGE]


def test_front_matter_shapes(tmp_path: Path) -> None:
    cases = {
        "---\ntitle: x\n": codes.UNCLOSED_FRONT_MATTER,
        "-----\ntitle: x\n---\n": codes.NO_FRONT_MATTER,
        "{title: x}\n": codes.NO_FRONT_MATTER,
        "---\n---\nbody": codes.EMPTY_FRONT_MATTER,
        "---\n- a\n- b\n---\n": codes.NOT_A_MAPPING,
        "---\njust text\n---\n": codes.NOT_A_MAPPING,
    }
    for text, code in cases.items():
        path = tmp_path / "case.md"
        path.write_text(text)
        assert codes_of(path) == [code], text


def test_malformed_yaml_is_located(project: Path) -> None:
    write(project / "content/facts/broken.yml", "facts:\n  - id: x\n    label: a: b\n")
    findings = Pressroom.from_path(project, today=TODAY).check()
    [finding] = [f for f in findings if f.file == "content/facts/broken.yml"]
    assert finding.code == codes.YAML_SYNTAX
    assert finding.line == 3
