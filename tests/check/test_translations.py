"""Three languages: formatting per locale, translations that keep fact parity, slugs."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import TODAY, write
from pressgen import Pressroom, codes
from pressgen.pressroom import article_slug
from pressgen.render import formatting as fmt

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
HANT = "content/articles/2025-11-27-dengyuemed-single-export-desk.zh-Hant-HK.md"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("en", "$91.17 billion"),
        ("zh_Hant_HK", "911.7億美元"),
        ("zh_Hans_CN", "911.7亿美元"),
    ],
)
def test_money_in_each_language(locale: str, expected: str) -> None:
    assert fmt.format_money(Decimal("91.17"), "billion", "USD", locale) == expected


def test_changes_and_periods_in_each_language() -> None:
    assert fmt.format_change(Decimal("3.5"), "percent", "year on year", "en") == (
        "up 3.5% year on year"
    )
    assert fmt.format_change(Decimal("3.5"), "percent", "year on year", "zh_Hant_HK") == (
        "按年上升3.5%"
    )
    assert fmt.format_change(Decimal("-2"), "percent", "year on year", "zh_Hans_CN") == (
        "同比下降2%"
    )
    import datetime as dt

    assert fmt.format_month_range(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "zh_Hans_CN") == (
        "2024年"
    )


@given(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999"), places=2))
def test_chinese_amounts_keep_the_value(value: Decimal) -> None:
    """億 / 万 formatting is exact: reading the text back gives the same number."""
    text = fmt.format_amount(value, "million", "zh_Hans_CN")
    units = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
    unit = text[-1] if text[-1] in units else ""
    number = Decimal(text.rstrip("亿万").replace(",", ""))
    assert number * units.get(unit, 1) == value * 10**6


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


CHINESE = """---
type: press-release
lang: zh-Hant-HK
title: {title}
date: 2025-11-28T09:00:00+08:00
dateline: 香港
editor: deng_yue
summary: 公司消息。
facts: [deng_yue_export_desk]
---
{{{{ fact.deng_yue_export_desk }}}}
"""


def test_chinese_titles_get_unique_stable_readable_addresses(project: Path) -> None:
    # 公司 and 公私 are read alike (gong si): the transliteration alone would collide.
    write(project / "content/articles/a.md", CHINESE.format(title="公司消息"))
    write(project / "content/articles/b.md", CHINESE.format(title="公私消息"))
    room = Pressroom.from_path(project, today=TODAY)
    assert not [f for f in room.errors if f.code == codes.DUPLICATE_SLUG]
    keys = sorted(k for k in room.articles if k.startswith("zh-hant/gong-si"))
    assert len(keys) == 2 and keys[0] != keys[1]
    assert all(k.startswith("zh-hant/gong-si-xiao-xi-") for k in keys)
    again = Pressroom.from_path(project, today=TODAY)
    assert sorted(k for k in again.articles if k.startswith("zh-hant/gong-si")) == keys
    url = room.article_url(room.articles[keys[0]], keys[0])
    assert url.startswith("zh-hant/news/2025/11/gong-si-xiao-xi-")


@given(st.text(alphabet="中國醫藥出口市場新聞公司創新", min_size=1, max_size=12))
def test_chinese_slug_is_a_function_of_the_title(title: str) -> None:
    from pressgen.model import Article

    article = Article.model_validate(
        {
            "type": "press-release",
            "title": title,
            "date": "2025-01-01",
            "dateline": "香港",
            "editor": "x",
            "summary": "s",
        }
    )
    slug = article_slug(article)
    assert slug == article_slug(article)
    assert slug.isascii() and len(slug) <= 70
    assert slug[-6:].isalnum()


def test_translate_command_starts_a_draft_translation(project: Path) -> None:
    from click.testing import CliRunner

    from pressgen.cli import main

    key = "china-s-out-licensing-boom-meets-its-first-reality-check"
    runner = CliRunner()
    result = runner.invoke(main, ["translate", key, "--lang", "zh-Hans-CN", "-p", str(project)])
    assert result.exit_code == 0, result.output
    path = project / "content/articles/2025-07-15-outlicensing-reality-check.zh-Hans-CN.md"
    text = path.read_text("utf-8")
    assert "lang: zh-Hans-CN\n" in text and f"translation_of: {key}\n" in text
    assert "draft: true\n" in text
    room = Pressroom.from_path(project, today=TODAY)
    assert not room.errors
    assert room.articles[f"zh-hans/{key}"].draft
    again = runner.invoke(main, ["translate", key, "--lang", "zh-Hans-CN", "-p", str(project)])
    assert again.exit_code == 2 and "never overwrites" in again.output
    assert path.read_text("utf-8") == text
    wrong = runner.invoke(
        main, ["translate", "zh-hant/" + RELEASE, "--lang", "en", "-p", str(project)]
    )
    assert wrong.exit_code == 2 and "itself a translation" in wrong.output


def test_project_label_table_overrides_a_wording(project: Path) -> None:
    write(project / "templates/i18n/en.yml", "editor_details: Media contact\n")
    room = Pressroom.from_path(project, today=TODAY)
    markdown = room.render_article(RELEASE).markdown
    assert "## Media contact { #editor-details }" in markdown
    assert "## Sources { #sources }" in markdown  # the other labels stay pressgen's
