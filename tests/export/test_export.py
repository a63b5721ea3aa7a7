"""Newswire export: plain text and IPTC ninjs 2.0."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from conftest import NOW, REPO, TODAY
from pressgen import Pressroom
from pressgen.cli import main
from pressgen.export import export_article
from pressgen.export.plaintext import html_to_text

HK = ZoneInfo("Asia/Hong_Kong")
RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
EMBARGOED = "dengyuemed-opens-a-temperature-controlled-route-from-hong-kong-to-the-gulf"
BEFORE = dt.datetime(2026, 11, 22, 12, 0, tzinfo=HK)
AFTER = dt.datetime(2026, 12, 3, 9, 0, tzinfo=HK)

# Every property of the ninjs 2.0 schema (http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json),
# which sets additionalProperties: false at the top level.
NINJS_PROPERTIES = {
    "uri", "type", "representationtype", "profile", "version", "firstcreated",
    "versioncreated", "contentcreated", "embargoed", "pubstatus", "urgency",
    "copyrightholder", "copyrightnotice", "usageterms", "ednote", "language",
    "descriptions", "bodies", "headlines", "people", "organisations", "places",
    "subjects", "events", "objects", "infosources", "title", "by", "slugline",
    "located", "renditions", "associations", "altids", "trustindicators", "standard",
    "genres", "rightsinfo",
}  # fmt: skip


@pytest.fixture
def room() -> Pressroom:
    return Pressroom.from_path(REPO, today=TODAY)


def test_wire_text_has_the_wire_service_parts_in_order(room: Pressroom) -> None:
    text = export_article(room, RELEASE, "text", now=BEFORE).content
    parts = [
        "FOR IMMEDIATE RELEASE\n",
        "\nDengYueMed opens a single export desk for Chinese innovative medicines\n",
        "\nHONG KONG, Nov. 27, 2025 — DengYueMed, the Hong Kong pharmaceutical importer",
        "$91.17 billion in January–October 2025, up 3.5% year on year",
        "\nAbout DengYueMed\n",
        "\nSources\n\n1. China Chamber of Commerce",
        "\nEditor Details\n\n- Company: DengYueMed\n- Name: Deng Yue, Press Officer\n",
        "- Email: press@dengyuemed.com\n- Telephone: +852 5288 1999\n",
        "\n###\n",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions)
    assert text.endswith("###\n")
    assert "<" not in text.replace("<https://", "") and "**" not in text and "{ ." not in text


def test_embargo_line_while_the_embargo_lasts(room: Pressroom) -> None:
    before = export_article(room, EMBARGOED, "text", now=BEFORE).content
    assert before.startswith("EMBARGOED UNTIL 09:00 HKT, DEC. 3, 2026\n")
    after = export_article(room, EMBARGOED, "text", now=AFTER).content
    assert after.startswith("FOR IMMEDIATE RELEASE\n")
    zh = export_article(room, "zh-hant/" + RELEASE, "text", now=BEFORE).content
    assert zh.startswith("即時發佈\n") and "香港，2025年11月27日 —" in zh and "\n###\n" in zh


def test_ninjs_uses_only_schema_properties_and_carries_the_embargo(room: Pressroom) -> None:
    item = json.loads(export_article(room, EMBARGOED, "ninjs", now=BEFORE).content)
    assert set(item) <= NINJS_PROPERTIES
    assert item["uri"] == f"https://press.dengyuemed.com/news/2026/11/{EMBARGOED}/"
    assert item["embargoed"] == "2026-12-03T09:00:00+08:00"
    assert item["pubstatus"] == "usable" and item["urgency"] == 5
    assert item["type"] == "text" and item["language"] == "en"
    assert item["headlines"][0] == {
        "role": "main",
        "value": "DengYueMed opens a temperature-controlled route from Hong Kong to the Gulf",
    }
    assert item["standard"]["version"] == "2.0"
    assert {b["contenttype"] for b in item["bodies"]} == {"text/html", "text/plain"}
    assert item["by"] == "Deng Yue" and item["located"] == "Hong Kong"
    for key in ("firstcreated", "versioncreated"):
        assert dt.datetime.fromisoformat(item[key]).utcoffset() == dt.timedelta(hours=8)
    for array in ("headlines", "descriptions", "bodies"):
        assert all(set(x) <= {"role", "contenttype", "value"} for x in item[array])


def test_ninjs_of_a_corrected_article(room: Pressroom) -> None:
    key = "from-imitation-to-innovation-china-s-biopharma-sector-in-figures"
    item = json.loads(export_article(room, key, "ninjs", now=BEFORE).content)
    assert item["version"] == "2" and "embargoed" not in item
    assert item["versioncreated"] == "2026-02-13T10:00:00+08:00"
    assert "period it covers" in item["ednote"]


def test_cli_export_writes_a_new_file_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "release.txt"
    runner = CliRunner()
    export = ["export", RELEASE, "-p", str(REPO), "--now", NOW]
    result = runner.invoke(main, [*export, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text("utf-8").endswith("###\n")
    target.write_text("mine")
    again = runner.invoke(main, [*export, "-o", str(target)])
    assert again.exit_code == 1 and "never overwrites" in again.output
    assert target.read_text() == "mine"
    unknown = runner.invoke(main, ["export", "no-such-article", "-p", str(REPO), "--now", NOW])
    assert unknown.exit_code == 1 and "there is no article 'no-such-article'" in unknown.output
    bad_now = runner.invoke(main, ["export", RELEASE, "-p", str(REPO), "--now", "tomorrow"])
    assert bad_now.exit_code == 1 and "time zone" in bad_now.output


def test_html_to_text_lists_tables_and_links() -> None:
    html = (
        "<h2>Sources</h2><ol><li><p><strong>IQVIA</strong>. "
        '<a href="https://www.iqvia.com">https://www.iqvia.com</a></p>'
        "<ul><li>Figure (as of May 1, 2025)</li></ul></li></ol>"
        '<p>See <a href="https://example.com/report">the report</a>.</p>'
        "<table><tr><th>Figure</th><th>Value</th></tr><tr><td>A</td><td>1</td></tr></table>"
    )
    assert html_to_text(html) == (
        "Sources\n\n1. IQVIA. https://www.iqvia.com\n   - Figure (as of May 1, 2025)\n\n"
        "See the report <https://example.com/report>.\n\nFigure | Value\nA | 1\n"
    )


@given(
    st.lists(
        st.text(
            alphabet=st.characters(
                codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="\u2028\u2029"
            ),
            min_size=1,
            max_size=40,
        ).filter(lambda t: t.strip()),
        min_size=1,
        max_size=6,
    )
)
def test_html_to_text_keeps_every_paragraph_in_order(paragraphs: list[str]) -> None:
    """Whatever the words, each paragraph comes out once, whole, in order, separated.

    Runs of ASCII white space become one space; other spaces (no-break, ideographic)
    are text and stay."""
    html_text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    blocks = html_to_text(html_text).rstrip("\n").split("\n\n")
    assert blocks == [re.sub(r"[ \t\r\n]+", " ", p).strip(" ") for p in paragraphs]
