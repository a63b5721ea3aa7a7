"""Languages: translated wording and label tables; translations checked for fact parity,
conflicts, enabled languages, outdated and untranslated versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TODAY, write
from pressgen import Pressroom, codes

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
HANT = "content/articles/2025-11-27-dengyuemed-single-export-desk.zh-Hant-HK.md"


def test_translated_pages_use_translated_labels_and_wording(project: Path) -> None:
    room = Pressroom.from_path(project, today=TODAY)
    hant = room.render_article(f"zh-hant/{RELEASE}").markdown
    for text in (
        "即時發佈",
        "## 關於DengYueMed",
        "## 資料來源",
        "## 編輯聯絡資料",
        "香港，2025年11月27日 —",
    ):
        assert text in hant, text
    assert "911.7億美元，按年上升3.5%" in hant
    assert "「海外醫院" in hant and "宋瑞霖，執行會長" in hant
    hans = room.render_article(f"zh-hans/{RELEASE}").markdown
    assert "911.7亿美元，同比增长3.5%" in hans
    update = room.render_article(
        "zh-hans/from-imitation-to-innovation-china-s-biopharma-sector-in-figures"
    ).markdown
    assert "辉瑞从三生制药取得SSGJ-707" in update


def test_translation_must_cite_the_same_facts(project: Path) -> None:
    path = project / HANT
    path.write_text(
        path.read_text()
        .replace("  - song_ruilin_rd_level\n", "")
        .replace("{{ fact.song_ruilin_rd_level }}", "")
    )
    [finding] = [
        f for f in Pressroom.from_path(project, today=TODAY).errors if f.code == codes.FACT_PARITY
    ]
    assert finding.file == HANT and finding.path == "/facts"
    assert "does not cite song_ruilin_rd_level" in finding.message


def test_translation_older_than_its_original_is_flagged(project: Path) -> None:
    original = project / "content/articles/2025-11-27-dengyuemed-single-export-desk.md"
    original.write_text(
        original.read_text().replace("tags:", "updated: 2025-12-01T10:00:00+08:00\ntags:", 1)
    )
    found = [
        f
        for f in Pressroom.from_path(project, today=TODAY).findings
        if f.code == codes.OUTDATED_TRANSLATION
    ]
    assert sorted(f.file for f in found) == [
        "content/articles/2025-11-27-dengyuemed-single-export-desk.zh-Hans-CN.md",
        HANT,
    ]
    assert all(not f.is_error and "2025-12-01" in f.message for f in found)
    path = project / HANT
    path.write_text(
        path.read_text().replace("tags:", "updated: 2025-12-02T10:00:00+08:00\ntags:", 1)
    )
    found = [
        f
        for f in Pressroom.from_path(project, today=TODAY).findings
        if f.code == codes.OUTDATED_TRANSLATION
    ]
    assert [f.file for f in found] == [
        "content/articles/2025-11-27-dengyuemed-single-export-desk.zh-Hans-CN.md"
    ]


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (
            ("translation_of: " + RELEASE, "translation_of: dengyuemed-opens-a-single-export"),
            codes.UNKNOWN_ORIGINAL,
        ),
        (("lang: zh-Hant-HK", "lang: zh-Hans-CN"), codes.TRANSLATION_CONFLICT),
        (("type: press-release", "type: market-update"), codes.TRANSLATION_CONFLICT),
    ],
)
def test_translation_conflicts(project: Path, change: tuple[str, str], code: str) -> None:
    path = project / HANT
    path.write_text(path.read_text().replace(*change))
    room = Pressroom.from_path(project, today=TODAY)
    found = [f for f in room.errors if f.code == code]
    assert found and found[0].path == "/translation_of"


def test_language_must_be_enabled(project: Path) -> None:
    settings = project / "content/settings.yml"
    settings.write_text(
        settings.read_text().replace(
            "languages: [en, zh-Hant-HK, zh-Hans-CN]", "languages: [en, zh-Hant-HK]"
        )
    )
    found = [
        f
        for f in Pressroom.from_path(project, today=TODAY).errors
        if f.code == codes.LANGUAGE_NOT_ENABLED
    ]
    assert {f.file for f in found} == {
        "content/articles/2025-11-27-dengyuemed-single-export-desk.zh-Hans-CN.md",
        "content/articles/2026-02-12-china-biopharma-in-figures.zh-Hans-CN.md",
    }


def test_missing_fragment_translation_names_the_file_to_add(project: Path) -> None:
    (project / "content/fragments/about-dengyuemed.zh-Hant-HK.md").unlink()
    room = Pressroom.from_path(project, today=TODAY)
    [finding] = [f for f in room.render_article(f"zh-hant/{RELEASE}").findings if f.is_error]
    assert finding.code == codes.UNKNOWN_FRAGMENT
    assert "no zh-Hant-HK version" in finding.message and "lang: zh-Hant-HK" in finding.hint


def test_untranslated_fact_wording_is_a_warning(project: Path) -> None:
    trade = project / "content/facts/trade.yml"
    trade.write_text(
        trade.read_text()
        .replace("        label: 中國醫藥產品出口\n", "        {}\n", 1)
        .replace("      zh-Hant-HK:\n        {}\n", "", 1)
    )
    found = [
        f
        for f in Pressroom.from_path(project, today=TODAY).findings
        if f.code == codes.UNTRANSLATED
    ]
    assert [(f.file, f.is_error) for f in found] == [(HANT, False)]
    assert "label" in found[0].message


def test_project_label_table_overrides_a_wording(project: Path) -> None:
    write(project / "templates/i18n/en.yml", "editor_details: Media contact\n")
    room = Pressroom.from_path(project, today=TODAY)
    markdown = room.render_article(RELEASE).markdown
    assert "## Media contact { #editor-details }" in markdown
    assert "## Sources { #sources }" in markdown  # the other labels stay pressgen's
