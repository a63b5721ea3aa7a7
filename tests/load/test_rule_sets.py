"""Rule sets are read from content/rules/ or pressgen's own folder, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from conftest import TODAY, write
from pressgen import Pressroom, codes
from pressgen.load.rule_sets import read_rule_sets


@pytest.mark.parametrize(
    "name",
    ["../../../../etc/passwd", "/etc/passwd", "..", "hk-public/../../x", "a/b", "", ".hidden"],
)
def test_a_rule_set_name_that_is_a_path_is_refused(project: Path, name: str) -> None:
    found, findings = read_rule_sets([name], project)
    assert found == []
    assert [(f.code, f.file, f.path) for f in findings] == [
        (codes.OUTSIDE_PROJECT, "content/settings.yml", "/rule_sets/0")
    ]
    assert findings[0].hint


NAMES = st.one_of(
    st.text(max_size=30),
    st.lists(
        st.sampled_from(["..", ".", "", "rules", "templates", "i18n", "en", "hk-public"]),
        min_size=1,
        max_size=6,
    ).map("/".join),
)


@example("../templates/i18n/en")
@given(NAMES)
def test_no_name_reads_a_file_outside_the_two_rule_folders(name: str) -> None:
    """``../templates/i18n/en`` names a real .yml file of pressgen: it is never read."""
    found, _ = read_rule_sets([name], None)
    assert all(display.startswith("pressgen:rules/") for display, _ in found)
    assert all(".." not in display for display, _ in found)


def test_a_project_rule_set_linked_outside_is_refused(project: Path) -> None:
    (project / "content/rules").mkdir()
    (project / "content/rules/hk-public.yml").symlink_to("/etc/passwd")
    room = Pressroom.from_path(project, today=TODAY)
    found = [f for f in room.findings if f.file == "content/rules/hk-public.yml"]
    assert [f.code for f in found] == [codes.OUTSIDE_PROJECT]
    assert "root:" not in "\n".join(str(f) for f in room.findings)


def test_a_project_rule_set_is_still_read(project: Path) -> None:
    write(
        project / "content/rules/hk-public.yml",
        "name: Ours\nphrases:\n  - pattern: miracle\n    reason: a claim\n"
        "    hint: say what the data shows\n",
    )
    found, findings = read_rule_sets(["hk-public"], project)
    assert [display for display, _ in found] == ["content/rules/hk-public.yml"]
    assert findings == []
