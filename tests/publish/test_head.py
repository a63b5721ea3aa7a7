"""The page head: JSON-LD, Open Graph and links that pressgen adds to every article."""

from __future__ import annotations

import json

from pressgen.publish.head import TITLE_AS_TEXT, PageInfo, head_html, json_for_script


def test_json_ld_cannot_break_out_of_its_script() -> None:
    text = json_for_script({"headline": "</script><script>alert(1)</script> & more"})
    assert "</" not in text and "<" not in text
    assert json.loads(text)["headline"].startswith("</script>")


def test_json_ld_cannot_end_a_line_of_script_either() -> None:
    text = json_for_script({"headline": "a\u2028b\u2029c & <!-- d"})
    assert "\u2028" not in text and "\u2029" not in text and "<!--" not in text
    assert json.loads(text)["headline"] == "a\u2028b\u2029c & <!-- d"


def test_head_escapes_every_value_for_its_attribute() -> None:
    info = PageInfo(
        lang="en",
        title='"><script>alert(1)</script>',
        description="a & b",
        image_alt="' onerror='x",
        image="https://x.com/a.png",
        tags=['t"x'],
        jsonld={"headline": "</script>"},
    )
    html = head_html(info, "<b>Site</b>", tooltips=True)
    assert "<script>alert" not in html and "<b>" not in html and "</script><" not in html
    assert 'content="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert html.startswith(TITLE_AS_TEXT)
    assert TITLE_AS_TEXT not in head_html(info, "Site")
