"""Building the content index: settings that are right survive the ones that are wrong."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY
from pressgen import Pressroom, codes


def test_a_wrong_time_zone_does_not_unpublish_the_other_languages(project: Path) -> None:
    settings = project / "content/settings.yml"
    settings.write_text(settings.read_text().replace("Asia/Hong_Kong", "America"))
    room = Pressroom.from_path(project, today=TODAY)
    assert [f.code for f in room.findings] == [codes.UNKNOWN_SETTING_VALUE]
    assert room.settings.languages == ["en", "zh-Hant-HK", "zh-Hans-CN"]
    assert room.settings.timezone == "Asia/Hong_Kong"  # the default, until it is fixed


def test_settings_that_are_not_a_mapping_fall_back_to_defaults() -> None:
    room = Pressroom.from_data({"settings": {"languages": "en", "timezone": 5}}, today=TODAY)
    assert room.settings.languages == ["en"]
    assert {f.path for f in room.findings} >= {"/settings/languages", "/settings/timezone"}
