"""The press room's languages and the label tables that translate its fixed wording.

Three languages are supported: English, Traditional Chinese (Hong Kong) and
Simplified Chinese (mainland China). The first language listed in settings is
the site's main language and lives at the site root; every other one gets its
own folder (``zh-hant/``, ``zh-hans/``, ``en/``).

Labels ("Editor Details", "Sources", "up 3.5% year on year") live in YAML
tables, one per language, like Hugo's ``i18n/`` files: ``templates/i18n/<tag>.yml``
in a project replaces pressgen's own table for that language.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

import yaml
from babel import Locale
from babel.core import UnknownLocaleError


@dataclass(frozen=True)
class Language:
    """One supported language: its tag, Babel locales, URL folder and display name."""

    tag: str  # BCP 47, as written in front matter
    locale: str  # Babel locale for dates and currency names
    number_locale: str  # Babel locale for compact numbers (億 rather than B)
    folder: str  # the URL folder when it is not the site's main language
    name: str  # in the language itself, for the language switcher
    news_code: str  # the language code Google News sitemaps use
    theme: str  # Material for MkDocs' name of the language (its interface labels)


LANGUAGES: dict[str, Language] = {
    "en": Language("en", "en", "en", "en", "English", "en", "en"),
    "zh-Hant-HK": Language(
        "zh-Hant-HK", "zh_Hant_HK", "zh_Hant", "zh-hant", "繁體中文", "zh-tw", "zh-Hant"
    ),
    "zh-Hans-CN": Language(
        "zh-Hans-CN", "zh_Hans_CN", "zh_Hans", "zh-hans", "简体中文", "zh-cn", "zh"
    ),
}
LanguageTag = Literal["en", "zh-Hant-HK", "zh-Hans-CN"]


def language_for_locale(locale: str) -> Language:
    """The supported language a Babel locale belongs to ('en_GB' → English)."""
    normal = locale.replace("-", "_")
    if normal.startswith("zh_Hant") or normal in {"zh_HK", "zh_TW", "zh_MO"}:
        return LANGUAGES["zh-Hant-HK"]
    if normal.startswith("zh"):
        return LANGUAGES["zh-Hans-CN"]
    return LANGUAGES["en"]


@lru_cache(maxsize=32)
def get_locale(name: str) -> Locale:
    """A Babel locale from 'en', 'en_HK', 'zh_Hant_HK', 'zh-Hans-CN', ..."""
    try:
        return Locale.parse(name.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as exc:
        raise ValueError(f"unknown locale {name!r}") from exc


@lru_cache(maxsize=8)
def builtin_labels(tag: str) -> dict[str, Any]:
    """pressgen's own label table for a language (read once)."""
    text = resources.files("pressgen").joinpath(f"templates/i18n/{tag}.yml").read_text("utf-8")
    return dict(yaml.safe_load(text))
