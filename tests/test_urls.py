"""Addresses of articles: slugs from titles in any script, unique, stable and readable."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import TODAY, write
from pressgen import Pressroom, codes
from pressgen.urls import article_slug

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
    url = room.content.article_url(room.articles[keys[0]], keys[0])
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
