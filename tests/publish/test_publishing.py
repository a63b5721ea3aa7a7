"""What the built site offers readers, search engines and newswires: feeds, JSON-LD,
Open Graph, sitemaps, PDFs, languages, and links that all resolve."""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import extruct
import feedparser
import pypdf
import pytest
from bs4 import BeautifulSoup

from conftest import build_project

pytestmark = pytest.mark.site  # every test reads the example site built once per run

BASE = "https://press.dengyuemed.com/"
RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
UPDATE = "from-imitation-to-innovation-china-s-biopharma-sector-in-figures"
EMBARGOED = "dengyuemed-opens-a-temperature-controlled-route-from-hong-kong-to-the-gulf"
ARTICLE_PAGES = {
    f"news/2025/11/{RELEASE}": ("en", "press-release"),
    f"news/2026/02/{UPDATE}": ("en", "market-update"),
    f"zh-hant/news/2025/11/{RELEASE}": ("zh-Hant-HK", "press-release"),
    f"zh-hant/news/2026/02/{UPDATE}": ("zh-Hant-HK", "market-update"),
    f"zh-hans/news/2025/11/{RELEASE}": ("zh-Hans-CN", "press-release"),
    f"zh-hans/news/2026/02/{UPDATE}": ("zh-Hans-CN", "market-update"),
}


def html_of(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def test_feeds_parse_and_every_entry_is_complete(built_site: Path) -> None:
    for folder, language, count in (("", "en", 3), ("zh-hant/", "zh-Hant-HK", 2)):
        for name in ("feed.xml", "atom.xml"):
            feed = feedparser.parse((built_site / folder / name).read_bytes())
            assert not feed.bozo, feed.get("bozo_exception")
            assert feed.feed.get("language") == language
            assert feed.feed.link == f"{BASE}{folder}news/"
            assert len(feed.entries) == count
            published = [e.published_parsed for e in feed.entries]
            assert published == sorted(published, reverse=True)  # newest first
            for entry in feed.entries:
                assert entry.link.startswith(f"{BASE}{folder}news/")
                assert (built_site / urlsplit(entry.link).path.lstrip("/") / "index.html").exists()
                assert entry.title and len(entry.summary) > 40
                assert entry.tags and all(t.term for t in entry.tags)
                assert entry.published.endswith(("+08:00", "+0800"))  # the zone is kept
    # The embargoed release is in no feed before its time.
    assert EMBARGOED not in (built_site / "feed.xml").read_text("utf-8")


def test_every_article_page_has_newsarticle_json_ld(built_site: Path) -> None:
    for path, (language, kind) in ARTICLE_PAGES.items():
        data = extruct.extract(
            html_of(built_site, path), base_url=BASE + path + "/", syntaxes=["json-ld"]
        )["json-ld"]
        [article] = [d for d in data if d.get("@type") == "NewsArticle"]
        for key in ("headline", "description", "datePublished", "dateModified", "dateline"):
            assert article[key], key
        assert re.search(r"[+-]\d\d:\d\d$", article["datePublished"])
        assert re.search(r"[+-]\d\d:\d\d$", article["dateModified"])
        assert article["inLanguage"] == language
        assert article["url"] == BASE + path + "/"
        assert article["author"]["@type"] == "Person" and article["author"]["url"]
        assert article["publisher"]["name"] == "DengYueMed"
        assert article["publisher"]["logo"]["url"] == BASE + "images/dengyuemed-logo.png"
        assert article["image"] == [BASE + "images/dengyuemed-logo.png"]
        assert article["citation"] and all(c["name"] for c in article["citation"])
        assert article["articleSection"] == (
            "Press release" if kind == "press-release" else "Market update"
        )


def test_corrected_article_has_later_date_modified_and_a_visible_note(built_site: Path) -> None:
    text = html_of(built_site, f"news/2026/02/{UPDATE}")
    data = extruct.extract(text, syntaxes=["json-ld"])["json-ld"][0]
    assert data["datePublished"] == "2026-02-12T09:30:00+08:00"
    assert data["dateModified"] == "2026-02-13T10:00:00+08:00"
    soup = BeautifulSoup(text, "html.parser")
    note = soup.select_one(".admonition.warning").get_text(" ", strip=True)
    assert "Corrected on February 13, 2026" in note and "period it covers" in note


def test_open_graph_twitter_canonical_and_language(built_site: Path) -> None:
    for path, (language, _) in ARTICLE_PAGES.items():
        soup = BeautifulSoup(html_of(built_site, path), "html.parser")
        assert soup.html["lang"] == language
        meta = {
            m.get("property") or m.get("name"): m["content"]
            for m in soup.find_all("meta")
            if m.get("content")
        }
        assert meta["og:type"] == "article"
        assert meta["og:url"] == BASE + path + "/"
        assert meta["og:title"] and meta["og:description"]
        assert meta["og:image"] == BASE + "images/dengyuemed-logo.png"
        assert meta["twitter:card"] in {"summary", "summary_large_image"}
        assert meta["twitter:title"] == meta["og:title"]
        assert soup.find("link", rel="canonical")["href"] == BASE + path + "/"
        feeds = [link["href"] for link in soup.find_all("link", type="application/rss+xml")]
        assert feeds and feeds[0].endswith("feed.xml")
        # Material's language menu lists this article's three versions.
        menu = [a["hreflang"] for a in soup.select("a.md-select__link")]
        assert sorted(menu) == ["en", "zh-Hans-CN", "zh-Hant-HK"]


def test_sitemaps_and_robots(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    for path in ARTICLE_PAGES:
        assert f"{BASE}{path}/" in sitemap
    assert EMBARGOED not in sitemap
    robots = (built_site / "robots.txt").read_text("utf-8")
    assert f"Sitemap: {BASE}sitemap.xml" in robots and "news-sitemap.xml" in robots
    # Built on 22 November 2026: no article is younger than two days.
    news = (built_site / "news-sitemap.xml").read_text("utf-8")
    assert "<url>" not in news and "sitemap-news/0.9" in news


@pytest.mark.slow
def test_news_sitemap_lists_articles_of_the_last_two_days(project: Path, tmp_path: Path) -> None:
    result = build_project(project, tmp_path / "site", now="2026-12-04T09:00:00+08:00")
    assert result.returncode == 0, result.stderr
    news = (tmp_path / "site" / "news-sitemap.xml").read_text("utf-8")
    assert news.count("<url>") == 1
    assert f"{BASE}news/2026/11/{EMBARGOED}/" in news
    assert "<news:language>en</news:language>" in news
    assert "<news:name>DengYueMed</news:name>" in news
    # An embargoed release counts from the moment it may be published.
    assert "<news:publication_date>2026-12-03T09:00:00+08:00</news:publication_date>" in news
    assert "temperature-controlled route" in news


def test_every_press_release_has_a_pdf_with_letterhead_and_end_mark(built_site: Path) -> None:
    for path, (language, kind) in ARTICLE_PAGES.items():
        soup = BeautifulSoup(html_of(built_site, path), "html.parser")
        button = soup.select_one("a.pressgen-download")
        if kind != "press-release":
            assert button is None
            continue
        pdf_path = (built_site / path / button["href"]).resolve()
        reader = pypdf.PdfReader(io.BytesIO(pdf_path.read_bytes()))
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert text.lstrip().startswith("DengYueMed")  # the letterhead comes first
        assert "www.dengyuemed.com" in text
        if language == "en":
            for part in ("FOR IMMEDIATE RELEASE", "HONG KONG, Nov. 27, 2025", "About DengYueMed"):
                assert part in text
            assert "Editor Details" in text and "press@dengyuemed.com" in text
        else:
            assert "香港，2025年11月27日" in text
            assert ("編輯聯絡資料" if language == "zh-Hant-HK" else "编辑联系方式") in text
            assert "911.7億美元" in text or "911.7亿美元" in text
        assert "\n###\n" in text  # the end mark, on its own line
        images = [img for page in reader.pages for img in page.images]
        assert images, "the logo is in the letterhead"


def test_language_homes_news_and_switching(built_site: Path) -> None:
    home = BeautifulSoup(html_of(built_site, "zh-hant"), "html.parser")
    assert home.h1.get_text(strip=True).rstrip("¶") == "DengYueMed新聞中心"
    assert home.html["lang"] == "zh-Hant-HK"
    news = BeautifulSoup(html_of(built_site, "zh-hans/news"), "html.parser")
    titles = [h.get_text(strip=True).rstrip("¶") for h in news.select("article h2")]
    assert titles == [
        "从仿制走向创新：用数据看中国生物医药业",
        "DengYueMed 设立中国创新药一站式出口窗口",
    ]
    article = BeautifulSoup(html_of(built_site, f"news/2025/11/{RELEASE}"), "html.parser")
    switch = article.select_one(".pressgen-languages").get_text(" ", strip=True)
    assert "繁體中文" in switch and "简体中文" in switch


def _targets(site: Path, page: Path, soup: BeautifulSoup) -> list[tuple[str, str]]:
    out = []
    for tag, attribute in (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src")):
        for element in soup.find_all(tag):
            value = element.get(attribute)
            if not value or value.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            parts = urlsplit(value)
            if parts.scheme or parts.netloc:
                if not value.startswith(BASE):
                    continue
                value = "/" + value[len(BASE) :]
                parts = urlsplit(value)
            out.append((unquote(parts.path), parts.fragment))
    return out


def test_every_internal_link_resolves(built_site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    broken = []
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        ids[page] = {e["id"] for e in soup.find_all(id=True)}
    for page in pages:
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for path, fragment in _targets(built_site, page, soup):
            if path.startswith("/"):
                target = built_site / path.lstrip("/")
            elif path:
                target = (page.parent / path).resolve()
            else:
                target = page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(built_site)} -> {path}")
            elif fragment and target.suffix == ".html" and fragment not in ids.get(target, set()):
                broken.append(f"{page.relative_to(built_site)} -> {path}#{fragment}")
    assert not broken, "\n".join(broken[:20])


def test_chinese_pages_have_chinese_navigation_and_interface(built_site: Path) -> None:
    path = f"zh-hant/news/2025/11/{RELEASE}"
    soup = BeautifulSoup(html_of(built_site, path), "html.parser")
    tabs = [(a.get_text(strip=True), a["href"]) for a in soup.select("a.md-tabs__link")]
    assert [t for t, _ in tabs] == ["首頁", "新聞", "主題", "傳媒聯絡"]
    for _, href in tabs:
        target = (built_site / path / href).resolve()
        assert str(target).startswith(str((built_site / "zh-hant").resolve()))
    assert soup.select_one(".md-header__topic").get_text(strip=True) == "DengYueMed新聞中心"
    assert soup.select_one("input.md-search__input")["placeholder"] == "搜尋"
    english = BeautifulSoup(html_of(built_site, f"news/2025/11/{RELEASE}"), "html.parser")
    assert [a.get_text(strip=True) for a in english.select("a.md-tabs__link")] == [
        "Home",
        "News",
        "Topics",
        "Press contacts",
    ]
    assert english.select_one("input.md-search__input")["placeholder"] == "Search"
