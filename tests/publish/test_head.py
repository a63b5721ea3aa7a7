"""The page head: JSON-LD, Open Graph and links that pressgen adds to every article."""

from __future__ import annotations

import json

from pressgen.publish.head import json_for_script


def test_json_ld_cannot_break_out_of_its_script() -> None:
    text = json_for_script({"headline": "</script><script>alert(1)</script> & more"})
    assert "</" not in text and "<" not in text
    assert json.loads(text)["headline"].startswith("</script>")
