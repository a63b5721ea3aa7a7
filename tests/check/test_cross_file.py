"""Cross-file rules (references, duplicates, dates), reported as located findings."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, write
from pressgen import Pressroom, codes


def findings_for(project: Path) -> list:
    return Pressroom.from_path(project, today=TODAY).check()


def test_example_content_is_clean(project: Path) -> None:
    assert findings_for(project) == []


def test_unknown_editor_names_file_line_and_fix(project: Path) -> None:
    path = project / "content/articles/2025-07-15-outlicensing-reality-check.md"
    path.write_text(path.read_text().replace("editor: deng_yue", "editor: deng_yu"))
    [finding] = [f for f in findings_for(project) if f.code == codes.UNKNOWN_EDITOR]
    assert finding.file == "content/articles/2025-07-15-outlicensing-reality-check.md"
    assert finding.line == 7
    assert finding.path == "/editor"
    assert "deng_yue" in finding.hint


def test_unknown_fact_in_front_matter_and_body(project: Path) -> None:
    path = project / "content/articles/2026-02-12-china-biopharma-in-figures.md"
    text = path.read_text().replace("cn_pharma_market_2024", "cn_pharma_markt_2024")
    path.write_text(text)
    lines = text.splitlines()
    listed = lines.index("  - cn_pharma_markt_2024") + 1
    cited = next(
        n for n, line in enumerate(lines, 1) if "{{ fact.cn_pharma_markt" in line and n > listed + 5
    )
    found = [f for f in findings_for(project) if f.code == codes.UNKNOWN_FACT]
    assert {f.line for f in found} >= {listed, cited}
    assert all("cn_pharma_market_2024" in f.hint for f in found)


def test_duplicate_fact_id(project: Path) -> None:
    write(
        project / "content/facts/zz-extra.yml",
        """facts:
  - id: cn_fic_share
    kind: figure
    label: Duplicate
    value: 1
    source: iqvia
    as_of: 2025-01-01
""",
    )
    [finding] = [f for f in findings_for(project) if f.code == codes.DUPLICATE_ID]
    assert finding.file == "content/facts/zz-extra.yml" and finding.line == 2
    assert "content/facts/innovation.yml" in finding.message


def test_expired_fact_fails_the_article_using_it(project: Path) -> None:
    path = project / "content/facts/trade.yml"
    path.write_text(
        path.read_text().replace(
            "    source: cccmhpie\n", "    source: cccmhpie\n    expires: 2026-01-01\n"
        )
    )
    found = [f for f in findings_for(project) if f.code == codes.EXPIRED]
    assert sorted(f.file for f in found) == [
        "content/articles/2025-11-27-dengyuemed-single-export-desk.md",
        "content/articles/2025-11-27-dengyuemed-single-export-desk.zh-Hans-CN.md",
        "content/articles/2025-11-27-dengyuemed-single-export-desk.zh-Hant-HK.md",
    ]


def test_duplicate_slug_case_insensitive(project: Path) -> None:
    source = project / "content/articles/2026-02-12-china-biopharma-in-figures.md"
    write(
        project / "content/articles/copy.md",
        source.read_text().replace('title: "From', 'title: "FROM'),
    )
    assert [f.code for f in findings_for(project)] == [codes.DUPLICATE_SLUG]


def test_fact_dated_after_the_article_is_a_warning(project: Path) -> None:
    path = project / "content/articles/2025-11-27-dengyuemed-single-export-desk.md"
    path.write_text(
        path.read_text().replace(
            "  - song_ruilin_rd_level\n",
            "  - song_ruilin_rd_level\n  - cn_top_innovators_rd_intensity\n",
        )
        + "\nSpending: {{ fact.cn_top_innovators_rd_intensity }}.\n"
    )
    [finding] = [f for f in findings_for(project) if f.code == codes.FACT_AFTER_ARTICLE]
    assert not finding.is_error and finding.path == "/facts/3"
    assert "2026-02-10" in finding.message and "2025-11-27" in finding.message
    path.write_text(
        path.read_text().replace("tags:", "updated: 2026-02-12T09:00:00+08:00\ntags:", 1)
    )
    assert not [f for f in findings_for(project) if f.code == codes.FACT_AFTER_ARTICLE]
