"""End to end: the example press room built by a real `mkdocs build --strict`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import NOW, REPO, TODAY, build_project, pinned_python, write
from pressgen import Pressroom

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
ARTICLES = {
    f"news/2025/11/{RELEASE}": "press-release",
    "news/2025/07/china-s-out-licensing-boom-meets-its-first-reality-check": "market-update",
    "news/2026/02/from-imitation-to-innovation-china-s-biopharma-sector-in-figures": (
        "market-update"
    ),
}


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """A strict build as if it were conftest.NOW, so that the results do not move with
    the calendar (the example has an embargoed release)."""
    return build_project(project, site)


@pytest.fixture
def site(built_site: Path) -> Path:
    """The example site, built once per run (conftest.built_site): read it, never write."""
    return built_site


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


@pytest.mark.site
@pytest.mark.parametrize("path", ARTICLES)
def test_every_article_shows_editor_details_with_five_fields(site: Path, path: str) -> None:
    soup = page(site, path)
    heading = soup.find(id="editor-details")
    assert heading is not None
    block = soup.select_one(".pressgen-editor-details").get_text(" ", strip=True)
    for label, value in [
        ("Company:", "DengYueMed"),
        ("Name:", "Deng Yue"),
        ("Email:", "press@dengyuemed.com"),
        ("Telephone:", "+852 5288 1999"),
        ("Website:", "https://www.dengyuemed.com"),
    ]:
        assert f"{label} {value}" in block


@pytest.mark.site
@pytest.mark.parametrize("path", ARTICLES)
def test_every_cited_fact_appears_in_sources(site: Path, path: str) -> None:
    room = Pressroom.from_path(REPO, today=TODAY)
    slug = path.rsplit("/", 1)[1]
    result = room.render_article(slug)
    sources = page(site, path).find(id="sources").find_next("ol").get_text(" ", strip=True)
    for citation in result.citations:
        assert citation.source in sources
        for fact in citation.facts:
            assert fact["label"].replace("&amp;", "&")[:40] in sources
    assert set(result.metadata["cited_facts"]) == set(room.articles[slug].facts)


@pytest.mark.site
def test_press_release_has_dateline_about_and_end_mark(site: Path) -> None:
    soup = page(site, next(p for p, k in ARTICLES.items() if k == "press-release"))
    text = soup.select_one("article").get_text(" ", strip=True)
    assert "FOR IMMEDIATE RELEASE" in text
    assert "HONG KONG, Nov. 27, 2025 — DengYueMed" in text
    assert soup.find(id="about").get_text(strip=True).startswith("About DengYueMed")
    assert soup.select_one(".pressgen-end-mark").get_text(strip=True) == "###"


@pytest.mark.site
def test_figures_are_formatted_in_the_html(site: Path) -> None:
    text = page(site, next(iter(ARTICLES))).get_text(" ", strip=True)
    assert "$91.17 billion in January–October 2025, up 3.5% year on year" in text
    update = page(site, "news/2025/07/china-s-out-licensing-boom-meets-its-first-reality-check")
    rows = update.find(id="key-figures").find_next("table").find_all("tr")
    assert len(rows) == 13
    assert "over $45 billion" in rows[1].get_text(" ", strip=True)


@pytest.mark.site
def test_news_index_is_newest_first_and_nav_lists_no_article(site: Path) -> None:
    soup = page(site, "news")
    titles = [h.get_text(strip=True) for h in soup.select("article h2")]
    assert titles[0].startswith("From imitation to innovation")
    assert titles[-1].startswith("China's out-licensing boom")
    for other in ("editors", "tags", next(iter(ARTICLES))):
        nav = page(site, other).select_one("nav.md-nav--primary").get_text(" ", strip=True)
        assert "reality check" not in nav and "Press contacts" in nav


@pytest.mark.site
def test_tag_pages_editors_page_and_search_index(site: Path) -> None:
    assert "China's out-licensing boom" in page(site, "tags/licensing").get_text()
    assert "press@dengyuemed.com" in page(site, "editors").get_text()
    assert "91.17" in (site / "search/search_index.json").read_text("utf-8")


@pytest.mark.site
def test_content_sources_are_not_published(site: Path) -> None:
    published = {p.relative_to(site).as_posix() for p in site.rglob("*")}
    assert not any(p.startswith(("facts", "fragments", "articles")) for p in published)
    assert not any(p.endswith((".yml", ".yaml")) for p in published)


@pytest.mark.site
@pytest.mark.slow
def test_content_error_stops_the_build_with_a_located_message(
    project: Path, tmp_path: Path
) -> None:
    path = project / "content/articles/2026-02-12-china-biopharma-in-figures.md"
    path.write_text(path.read_text().replace("editor: deng_yue", "editor: nobody"))
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode != 0
    assert "2026-02-12-china-biopharma-in-figures.md:7" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.site
@pytest.mark.slow
def test_pressgen_build_keeps_previous_site_when_build_fails(project: Path) -> None:
    from pressgen.commands.build import build_site

    assert build_site(project, now=NOW).ok
    marker = write(project / "site/marker.txt", "previous site")
    path = project / "content/facts/trade.yml"
    path.write_text(path.read_text().replace("value: 91.17", "value: lots"))
    result = build_site(project, now=NOW)
    assert not result.ok
    assert marker.read_text() == "previous site"
    assert not list(project.glob(".site-*"))
    assert not list(project.glob(".pressgen-staging/job-*"))  # the failed build's job is gone


@pytest.mark.site
@pytest.mark.slow
def test_serve_updates_the_page_when_a_fact_changes(project: Path) -> None:
    """`pressgen serve` (mkdocs serve) re-renders after a fact file is edited."""
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        pinned_python(
            "pressgen.cli", "serve", "-p", str(project), "--dev-addr", f"127.0.0.1:{port}"
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PRESSGEN_NOW": NOW},
    )
    url = f"http://127.0.0.1:{port}/news/2025/11/{RELEASE}/"

    def fetch_until(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if text in response.read().decode("utf-8"):
                        return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert fetch_until("$91.17 billion")
        facts = project / "content/facts/trade.yml"
        facts.write_text(facts.read_text().replace("value: 91.17", "value: 92.5"))
        assert fetch_until("$92.5 billion")
    finally:
        server.terminate()
        server.wait(timeout=30)
