"""Labels: one object for every wording; project overrides reach fact wording too."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import TODAY, write
from pressgen import Pressroom, codes
from pressgen.i18n import LANGUAGES, builtin_labels
from pressgen.labels import Labels, unsafe_field
from pressgen.model import Settings

SRC = Path(__file__).resolve().parents[2] / "src" / "pressgen"


def test_a_project_override_of_change_up_reaches_fact_wording(project: Path) -> None:
    write(project / "templates" / "i18n" / "en.yml", 'change_up: "climbing {size}{basis}"\n')
    room = Pressroom.from_path(project, today=TODAY)
    assert not room.errors
    markdown = room.render_article(
        "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
    ).markdown
    assert "climbing " in markdown
    assert "up 3.5%" not in markdown


def test_a_project_override_of_the_dateline_reaches_the_page(project: Path) -> None:
    write(project / "templates" / "i18n" / "en.yml", 'dateline: "{city} ({short_date}) —"\n')
    room = Pressroom.from_path(project, today=TODAY)
    key = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
    assert "Hong Kong (Nov. 27, 2025) —" in room.render_article(key).markdown


@pytest.mark.parametrize(
    "text",
    [
        "{x.__globals__}",
        "{company.__class__}",
        "{values[0]}",
        "{size:>1000000000}",
        "{size!r}",
        "unclosed {",
    ],
)
def test_labels_refuse_anything_but_plain_placeholders(text: str) -> None:
    assert unsafe_field(text) is not None


@pytest.mark.parametrize("text", ["{company}", "About {company}", "{{literal}}", "{CITY}, {x_1}"])
def test_labels_accept_plain_placeholders(text: str) -> None:
    assert unsafe_field(text) is None


def test_an_unsafe_project_label_is_a_finding_and_is_not_used(project: Path) -> None:
    write(project / "templates" / "i18n" / "en.yml", 'about: "{company.__init__.__globals__}"\n')
    room = Pressroom.from_path(project, today=TODAY)
    found = [f for f in room.findings if f.file == "templates/i18n/en.yml"]
    assert [(f.code, f.path) for f in found] == [(codes.INVALID_VALUE, "/about")]
    assert room.labels.wording("en")("about", company="X") == "About X"


def test_every_builtin_table_has_the_same_keys_and_only_plain_placeholders() -> None:
    keys = {tag: set(builtin_labels(tag)) for tag in LANGUAGES}
    assert keys["zh-Hant-HK"] == keys["en"] == keys["zh-Hans-CN"]
    for tag in LANGUAGES:
        for key, value in builtin_labels(tag).items():
            texts = value.values() if isinstance(value, dict) else [value]
            for text in texts:
                if isinstance(text, str):
                    assert unsafe_field(text) is None, (tag, key)


def test_wording_follows_the_language() -> None:
    labels = Labels(Settings(languages=["en", "zh-Hant-HK"]))
    amount = Decimal("91.17")
    assert labels.wording("en").money(amount, "billion", "USD") == "$91.17 billion"
    assert labels.wording("zh-Hant-HK").money(amount, "billion", "USD") == "911.7億美元"
    assert labels.wording("en").join(["A", "B"]) == "A, B"
    assert labels.wording("zh-Hant-HK").join(["A", "B"]) == "A，B"


def test_no_language_branches_in_code() -> None:
    """Language rules live in the label tables or come from Babel."""
    branch = re.compile(r"""(==|!=)\s*["'](en|zh)["']|\.language\s*(==|!=)""")
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if branch.search(line)
    ]
    assert offenders == []
