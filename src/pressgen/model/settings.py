"""Press-room settings (content/settings.yml): locale, time zone, paging, provenance limits."""

from __future__ import annotations

import difflib
import re
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import Field, field_validator

from .. import codes
from ..i18n import LANGUAGES, LanguageTag, get_locale, language_for_locale
from .base import ContentModel, Id
from .types import Refused, ShortText, Url

_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+\-]*(?:/[A-Za-z0-9_+\-]+){0,2}$")


class Settings(ContentModel):
    """Optional settings; every field has a sensible default."""

    locale: str = Field("en", description="Language and region for numbers and dates, e.g. en.")
    timezone: str = Field(
        "Asia/Hong_Kong", description="Time zone for dates written without a time."
    )
    news_per_page: int = Field(10, ge=1, le=100, description="Articles per news index page.")
    figure_max_age_days: int = Field(
        730, ge=1, description="Warn when a cited figure's as-of date is older than this."
    )
    default_dateline: ShortText = Field(
        "Hong Kong", description="The dateline city that 'pressgen new' writes into new articles."
    )
    provenance: Literal["strict", "off"] = Field(
        "strict",
        description="'strict': a number typed by hand in an article (not a cited fact) is an "
        "error; years, dates, ordinals and provenance_allow are exempt.",
    )
    provenance_allow: list[ShortText] = Field(
        default_factory=list,
        description="Phrases with digits that need no source, e.g. 'Phase 3', '24/7'.",
    )
    rule_sets: list[Id] = Field(
        default_factory=lambda: ["hk-public"],
        description="Rule sets that flag risky phrases (files in content/rules/ or shipped "
        "with pressgen, such as hk-public).",
    )
    render_timeout_s: float = Field(
        2.0, gt=0, le=60, description="Longest time one article may take to render."
    )
    bodies: Literal["placeholders", "jinja"] = Field(
        "placeholders",
        description="'placeholders': article bodies and fragments may only cite facts, "
        "fragments and company fields ({{ fact.ID }}, {{ fact.ID.FIELD }}, {{ fragment.ID }}, "
        "{{ company.FIELD }}). 'jinja': full sandboxed Jinja in bodies, rendered in a "
        "limited worker process.",
    )
    site_url: Url | None = Field(
        None,
        description="The site's address, starting with https:// or http://, e.g. "
        "https://press.example.com/ (for JSON-LD, feeds and exports).",
    )
    home_latest: int = Field(5, ge=0, le=50, description="Articles listed on the home page.")
    languages: list[LanguageTag] = Field(
        default_factory=lambda: list[LanguageTag](["en"]),
        min_length=1,
        description="The site's languages; the first is the main one (at the site root), "
        "the others get a folder: zh-hant/, zh-hans/, en/.",
    )
    feed_items: int = Field(20, ge=1, le=200, description="Articles in each RSS and Atom feed.")
    news_sitemap_days: int = Field(
        2, ge=1, le=30, description="Articles younger than this go into the Google News sitemap."
    )
    pdf: bool = Field(True, description="Make a downloadable PDF of every press release.")

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            twice = next(tag for tag in value if value.count(tag) > 1)
            raise Refused(
                f"lists the language {twice} twice",
                f"keep {twice} once in 'languages:'",
            )
        return value

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        try:
            get_locale(value)
        except ValueError:
            raise Refused(
                f"is {value!r}, which is not a locale pressgen knows",
                "write a language and region such as en, en_HK, zh_Hant_HK or zh_Hans_CN",
                code=codes.UNKNOWN_SETTING_VALUE,
            ) from None
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        """A zone of the time-zone database by its full name. 'America' is a folder of zones
        (reading it raised IsADirectoryError), '../x' a path: both are refused here."""
        if _ZONE_NAME.match(value):
            try:
                ZoneInfo(value)
                return value
            except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder
                pass
        zones = sorted(available_timezones())
        in_region = [zone for zone in zones if zone.startswith(f"{value}/")]
        close = in_region[:1] or difflib.get_close_matches(value, zones, n=1, cutoff=0.5)
        raise Refused(
            f"is {value!r}, which is not the name of a time zone",
            f"write timezone: {close[0] if close else 'Asia/Hong_Kong'} (a region and a city "
            "of the time-zone database)",
            code=codes.UNKNOWN_SETTING_VALUE,
        )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def main_language(self) -> str:
        return self.languages[0]

    def locale_for(self, tag: str | None) -> str:
        """The Babel locale of a language: 'locale' for the main one if it matches."""
        tag = tag or self.main_language
        if language_for_locale(self.locale).tag == tag:
            return self.locale
        return LANGUAGES[tag].locale
