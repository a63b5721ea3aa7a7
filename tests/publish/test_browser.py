"""The built site in a real browser: Debian's chromium driven by Playwright.

Opens the home page, the news index and one article per language and type, and
checks what a reader and a crawler get: Editor Details visible, JSON-LD that
parses, no console errors or failed requests, alt text on every image, headings
in order, a working language menu, and Material's search finding an article by
a figure in it. Screenshots go to test-artifacts/screenshots/ (git-ignored, created by
the ``screenshots`` fixture).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.site]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
UPDATE = "from-imitation-to-innovation-china-s-biopharma-sector-in-figures"
PAGES = {
    "home": ("", None),
    "news": ("news/", None),
    "home-zh-hant": ("zh-hant/", None),
    "release-en": (f"news/2025/11/{RELEASE}/", "Editor Details"),
    "update-en": (f"news/2026/02/{UPDATE}/", "Editor Details"),
    "release-zh-hant": (f"zh-hant/news/2025/11/{RELEASE}/", "編輯聯絡資料"),
    "update-zh-hant": (f"zh-hant/news/2026/02/{UPDATE}/", "編輯聯絡資料"),
    "release-zh-hans": (f"zh-hans/news/2025/11/{RELEASE}/", "编辑联系方式"),
    "update-zh-hans": (f"zh-hans/news/2026/02/{UPDATE}/", "编辑联系方式"),
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server(built_site: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("PRESSGEN_REQUIRE_BROWSER") == "1":
            pytest.fail("Debian's chromium is required here (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def screenshots() -> Path:
    """The git-ignored folder the screenshots are kept in, whichever test runs first."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def _open(browser: Any, url: str) -> tuple[Any, list[str]]:
    """A new page at ``url`` and the list its problems are collected into."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}"))
    page.on(
        "response",
        lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None,
    )
    page.goto(url, wait_until="networkidle")
    return page, problems


@pytest.mark.parametrize("name", PAGES)
def test_page_in_a_real_browser(browser: Any, server: str, screenshots: Path, name: str) -> None:
    path, editor_heading = PAGES[name]
    page, problems = _open(browser, server + path)
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)

    missing_alt = page.eval_on_selector_all(
        "img", "els => els.filter(e => !(e.getAttribute('alt') || '').trim()).map(e => e.src)"
    )
    assert missing_alt == []
    levels = page.eval_on_selector_all(
        ".md-content article h1, .md-content article h2, .md-content article h3, "
        ".md-content article h4",
        "els => els.map(e => Number(e.tagName[1]))",
    )
    assert levels and levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    lang = page.eval_on_selector("html", "e => e.lang")
    expected_lang = {"zh-hant": "zh-Hant-HK", "zh-hans": "zh-Hans-CN"}.get(name[-7:], "en")
    assert lang == expected_lang

    if editor_heading:
        heading = page.locator("#editor-details")
        assert heading.is_visible() and editor_heading in heading.inner_text()
        block = page.locator(".pressgen-editor-details")
        assert block.is_visible()
        assert "press@dengyuemed.com" in block.inner_text()
        scripts = page.eval_on_selector_all(
            'script[type="application/ld+json"]', "els => els.map(e => e.textContent)"
        )
        [data] = [json.loads(s) for s in scripts]
        assert data["@type"] == "NewsArticle" and data["inLanguage"] == lang
        assert data["headline"] == page.locator("h1").first.inner_text().rstrip("¶").strip()
        # The language menu offers the three versions of this article.
        links = page.eval_on_selector_all(
            "a.md-select__link", "els => els.map(e => e.getAttribute('hreflang'))"
        )
        assert sorted(links) == ["en", "zh-Hans-CN", "zh-Hant-HK"]
    page.close()
    assert problems == [], problems


def test_language_menu_switches_to_the_same_article(browser: Any, server: str) -> None:
    page, problems = _open(browser, server + f"news/2025/11/{RELEASE}/")
    page.locator(".md-header__option .md-select button").hover()
    page.locator('a.md-select__link[hreflang="zh-Hant-HK"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"zh-hant/news/2025/11/{RELEASE}/")
    assert "一站式出口窗口" in page.locator("h1").first.inner_text()
    page.close()
    assert problems == [], problems


def test_material_search_finds_an_article_by_a_figure(
    browser: Any, server: str, screenshots: Path
) -> None:
    page, problems = _open(browser, server)
    search = page.locator("input.md-search__input")
    search.click()
    page.keyboard.type("91.17", delay=50)  # typed, as a reader would
    result = page.locator(".md-search-result__item", has_text="single export desk")
    result.first.wait_for(state="visible", timeout=15_000)
    page.screenshot(path=str(screenshots / "search.png"))
    page.close()
    assert problems == [], problems


def test_print_stylesheet_prints_the_release_alone(
    browser: Any, server: str, screenshots: Path
) -> None:
    page, problems = _open(browser, server + f"news/2025/11/{RELEASE}/")
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".pressgen-download"):
        assert not page.locator(hidden).first.is_visible(), hidden
    for shown in ("h1", "#editor-details", ".pressgen-editor-details", ".pressgen-end-mark"):
        assert page.locator(shown).first.is_visible(), shown
    page.pdf(path=str(screenshots / "release-en-printed.pdf"), format="A4")
    page.close()
    assert problems == [], problems


def test_material_search_finds_a_chinese_article_by_a_chinese_word(
    browser: Any, server: str
) -> None:
    """Chinese has no spaces: jieba cuts the text into words when the index is built."""
    page, problems = _open(browser, server + "zh-hant/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("冷鏈", delay=50)
    page.keyboard.press("End")  # the keyup Material listens for (CJK is inserted as text)
    result = page.locator(".md-search-result__item", has_text="一站式出口窗口")
    result.first.wait_for(state="visible", timeout=15_000)
    page.close()
    assert problems == [], problems
