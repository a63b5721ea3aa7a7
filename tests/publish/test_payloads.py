"""A script payload in every text field of every content type: the built site holds
no element, attribute or script made from one, and shows each as the text it is.

The payload site (``payloads.py``) is built once per run with the real CLI; these
tests read it with an HTML parser (the browser tests open it in Chromium). Each
theme slot pressgen fills has a test that the slot shows its value exactly: escaped
once, nothing lost (``&amp;lt;`` shown to a reader is a bug too).
"""

from __future__ import annotations

import json
import re
import typing
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest
from bs4 import BeautifulSoup
from payloads import (
    FACT_SKELETONS,
    FORMS,
    LANGS,
    MARKER_PREFIX,
    SKELETONS,
    SLUG,
    Files,
    Plan,
    nested_models,
    payload_site_for,
    slots_of,
    text_fields,
)
from pydantic import BaseModel

from conftest import copy_example
from pressgen.html import plain_text
from pressgen.model import FACT_KINDS, Article, Company, Editor, Fragment, Settings, Source, Topic

MARKER = re.compile(MARKER_PREFIX + "[a-z]{4}")
MODELS: list[type[BaseModel]] = [
    Article,
    Company,
    Editor,
    Fragment,
    Settings,
    Source,
    Topic,
    *FACT_KINDS.values(),
]
# Material's search index keeps these tags of a page's text, without attributes.
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}
FOLDERS = {"en": "", "zh-Hant-HK": "zh-hant/", "zh-Hans-CN": "zh-hans/"}
PAGE = {lang: f"{FOLDERS[lang]}news/2026/11/{SLUG}/index.html" for lang in LANGS}
ARTICLE = f"article {SLUG} (en)"


def normal(text: str) -> str:
    return " ".join(text.split())


# --- The field list comes from the models (no build) -----------------------------------


def test_every_nested_model_has_a_skeleton() -> None:
    """A new kind of nested object (or of fact) needs a skeleton in payloads.py."""
    for model in MODELS:
        for nested in nested_models(model):
            try:
                nested.model_validate({})
            except ValueError:
                assert nested in SKELETONS, f"add a skeleton of {nested.__name__} to payloads.py"
    example = Files(Path(__file__).parents[2])
    kinds = {
        fact.get("kind")
        for path in (example.root / "content/facts").glob("*.yml")
        for fact in example.get(f"content/facts/{path.name}")["facts"]
    }
    assert set(FACT_KINDS) <= kinds | set(FACT_SKELETONS)


def _schema_text_fields(model: type[BaseModel]) -> set[str]:
    """Top-level fields that take text, read from the JSON Schema (a second opinion on
    the walk over annotations that payloads.py does)."""
    schema = model.model_json_schema()

    def takes_text(node: dict[str, Any]) -> bool:
        options = node.get("anyOf", [])
        if any(n.get("format") in {"date", "date-time"} for n in options):
            return False  # a date, or a date and time
        if any(n.get("type") in {"number", "integer"} for n in options):
            return False  # a number, which may be written as text
        if node.get("type") == "string" and "enum" not in node and "const" not in node:
            return node.get("format") not in {"date", "date-time"}
        if node.get("type") == "array":
            return takes_text(node.get("items", {}))
        return any(takes_text(n) for n in node.get("anyOf", []))

    return {name for name, node in schema["properties"].items() if takes_text(node)}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_slots_cover_every_text_field_of_every_model(model: type[BaseModel], tmp_path) -> None:
    files = Files(copy_example(tmp_path / "project"))
    files.set("mkdocs.yml", {"nav": []})
    slots = slots_of(files)
    covered = {s.field[0] for s in slots if s.model is model}
    walked = {p[0] for p in text_fields(model, {})}
    assert _schema_text_fields(model) <= walked
    assert walked <= covered, f"{model.__name__}: fields without a payload: {walked - covered}"


# --- The built site --------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    return payload_site_for(tmp_path_factory)


def site_of(plan: Plan) -> Path:
    assert plan.site is not None
    return plan.site


class _Elements(HTMLParser):
    """Every element of a page with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, attrs))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def payload_elements(html: str) -> list[str]:
    """What a payload could have made in a page: event handlers, script, images or ids
    from a payload, links that run script, a second <title>, attribute names."""
    parser = _Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.elements:
        for name, value in attrs:
            text = value or ""
            if name.lower().startswith("on") or MARKER.search(name):
                found.append(f"<{tag} {name}=...>")
            made = MARKER.fullmatch(text) or not re.fullmatch(r"[\w-]+", text)
            if name in {"id", "class", "name"} and MARKER.search(text) and made:
                found.append(f"<{tag} {name}={text!r}>")  # slugs of headings are fine
            if name in {"href", "src", "action", "formaction"}:
                scheme = re.sub(r"[\x00-\x20]", "", text).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text")):
                    found.append(f"<{tag} {name}={text!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            found.append("<img src=x>")
    for attrs, text in parser.scripts:
        if attrs.get("type") == "application/ld+json":
            json.loads(text)  # data, and it parses: it did not end early
        elif MARKER.search(text):
            found.append(f"<script>{text[:60]}")
    if sum(tag == "title" for tag, _ in parser.elements) != 1:
        found.append("not exactly one <title>")
    return found


@pytest.mark.site
@pytest.mark.slow
def test_no_payload_makes_an_element_in_any_page(plan: Plan) -> None:
    site = site_of(plan)
    pages = sorted(site.rglob("*.html"))
    problems = {p.relative_to(site).as_posix(): payload_elements(p.read_text()) for p in pages}
    assert {page: found for page, found in problems.items() if found} == {}
    shown = {p for p in pages if MARKER.search(p.read_text("utf-8"))}
    assert len(shown) == len(pages)  # the company name is on every page


class _Text(HTMLParser):
    """The text a reader sees (outside scripts) and the text attributes carry."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._skip += 1
        for name, value in attrs:
            if name in {"content", "title", "alt", "aria-label"} and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.append(data)


@pytest.mark.site
@pytest.mark.slow
def test_every_payload_shown_is_shown_whole_and_escaped_once(plan: Plan) -> None:
    """Wherever a marker is visible, its whole payload is visible as written: escaped
    exactly once (no '&lt;' shown to a reader) and not cut (no tag swallowed)."""
    site = site_of(plan)
    payload_of = {c.marker: c.payload for c in plan.placed() if c.slot.kind != "markdown"}
    broken: dict[str, set[str]] = {}
    shown: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        parser = _Text()
        parser.feed(page.read_text("utf-8"))
        for text in (normal(t) for t in parser.texts):
            for marker in MARKER.findall(text):
                shown.add(marker)
                payload = payload_of.get(marker)
                if payload is not None and normal(payload) not in text:
                    broken.setdefault(page.relative_to(site).as_posix(), set()).add(text[:120])
    assert broken == {}
    # What is published at all: most placed text is shown somewhere (notes, owners,
    # settings and a few labels are never published).
    assert len(shown & set(payload_of)) > 0.6 * len(payload_of)


@pytest.mark.site
@pytest.mark.slow
def test_feeds_carry_text_that_readers_show_as_text(plan: Plan) -> None:
    site = site_of(plan)
    title = plan.value(ARTICLE, "title")
    summary_marker = MARKER.search(plan.value(ARTICLE, "summary"))
    assert summary_marker
    for folder in ("", "zh-hant/", "zh-hans/"):
        for name in ("feed.xml", "atom.xml"):
            raw = (site / folder / name).read_bytes()
            ET.fromstring(raw)  # well-formed XML
            feed = feedparser.parse(raw)
            assert not feed.bozo, feed.get("bozo_exception")
            for entry in feed.entries:
                # A reader that renders the summary as HTML sees text, no element.
                assert entry.summary_detail.type == "text/html"
                assert payload_elements(f"<title>x</title>{entry.summary}") == []
            if folder == "":
                [entry] = [e for e in feed.entries if SLUG in e.link]
                assert normal(entry.title) == normal(title)
                assert (
                    plain_text(entry.summary)
                    == normal(
                        plan.value(ARTICLE, "summary").replace(
                            "{{ fact.payload_figure }}", "$91.17 billion"
                        )
                    )
                    or summary_marker.group() in entry.summary
                )
        document = json.loads((site / folder / "feed.json").read_text("utf-8"))
        assert document["items"]
        if folder == "":
            [item] = [i for i in document["items"] if SLUG in i["url"]]
            assert item["title"] == title  # JSON Feed's title is plain text


@pytest.mark.site
@pytest.mark.slow
def test_sitemaps_are_well_formed_xml(plan: Plan) -> None:
    site = site_of(plan)
    for path in [site / "sitemap.xml", site / "zh-hant/sitemap.xml", site / "news-sitemap.xml"]:
        if path.exists():
            ET.fromstring(path.read_bytes())
    news = ET.fromstring((site / "news-sitemap.xml").read_bytes())
    titles = [e.text for e in news.iter("{http://www.google.com/schemas/sitemap-news/0.9}title")]
    assert plan.value(ARTICLE, "title") in titles


@pytest.mark.site
@pytest.mark.slow
def test_search_index_holds_escaped_text_only(plan: Plan) -> None:
    """Material puts titles and texts of its index into the page as HTML."""
    site = site_of(plan)
    docs = json.loads((site / "search/search_index.json").read_text("utf-8"))["docs"]
    for doc in docs:
        for key in ("title", "text"):
            parser = _Elements()
            parser.feed(doc[key])
            tags = {tag for tag, _ in parser.elements}
            assert tags <= (set() if key == "title" else SEARCH_TAGS), (doc["location"], tags)
            assert all(not attrs for _, attrs in parser.elements), doc["location"]
        assert re.fullmatch(r"[\w./#-]*", doc["location"]), doc["location"]
    title = plan.value(ARTICLE, "title")
    page = PAGE["en"].removesuffix("index.html")
    titles = [plain_text(d["title"]) for d in docs if d["location"] == page]
    assert normal(title) in titles


# --- One test per theme slot pressgen fills ----------------------------------------------


def soup_of(plan: Plan, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_of(plan) / path).read_text("utf-8"), "html.parser")


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    return [normal(e.get_text()) for e in soup.select(selector)]


def meta(soup: BeautifulSoup, key: str) -> str:
    found = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    assert found is not None, key
    return str(found["content"])


def jsonld(soup: BeautifulSoup) -> dict[str, Any]:
    [script] = soup.select('script[type="application/ld+json"]')
    return typing.cast(dict[str, Any], json.loads(script.get_text()))


def site_name(plan: Plan, lang: str) -> str:
    if lang == "en":
        return plan.value("mkdocs.yml", "site_name")
    label = plan.value(f"labels {lang}", "press_room")  # filled with the company's own name
    return label.replace("{company}", plan.value("company", "name"))


SLOTS: dict[str, Callable[[Plan], None]] = {}


def slot(name: str) -> Callable[[Callable[[Plan], None]], Callable[[Plan], None]]:
    def register(check: Callable[[Plan], None]) -> Callable[[Plan], None]:
        SLOTS[name] = check
        return check

    return register


@slot("<title>: page title and site name")
def _(plan: Plan) -> None:
    soup = soup_of(plan, PAGE["en"])
    expected = f"{plan.value(ARTICLE, 'title')} - {site_name(plan, 'en')}"
    assert texts(soup, "title") == [normal(expected)]


@slot("meta description (page.meta.description)")
def _(plan: Plan) -> None:
    soup = soup_of(plan, PAGE["en"])
    assert MARKER.search(meta(soup, "description"))
    assert meta(soup, "description") == meta(soup, "og:description")


@slot("header: site name, per language")
def _(plan: Plan) -> None:
    for lang in LANGS:
        soup = soup_of(plan, PAGE[lang])
        [name, _topic] = texts(soup, ".md-header__topic")
        assert name == normal(site_name(plan, lang)), lang
        [logo] = soup.select("a.md-header__button.md-logo")
        assert normal(str(logo["title"])) == normal(site_name(plan, lang))


@slot("header: page title (page.meta.title)")
def _(plan: Plan) -> None:
    for lang in LANGS:
        soup = soup_of(plan, PAGE[lang])
        [_name, topic] = texts(soup, ".md-header__topic")
        owner = f"article {SLUG} ({lang})"
        assert topic == normal(plan.value(owner, "title")), lang


@slot("navigation and tabs: link titles (mkdocs.yml nav, labels)")
def _(plan: Plan) -> None:
    soup = soup_of(plan, PAGE["en"])
    placed = [v for s, v in plan.values.items() if s.where[:1] == ("nav",)]
    assert texts(soup, ".md-tabs__link") == [normal(v) for v in placed]
    primary = texts(soup, "nav.md-nav--primary > ul > li > a.md-nav__link")
    assert primary == [normal(v) for v in placed]
    zh = soup_of(plan, PAGE["zh-Hant-HK"])
    keys = ("home", "news", "topics", "press_contacts")
    labels = [normal(plan.value("labels zh-Hant-HK", key)) for key in keys]
    assert texts(zh, ".md-tabs__link") == labels


@slot("table of contents: entries from headings")
def _(plan: Plan) -> None:
    soup = soup_of(plan, PAGE["en"])
    toc = texts(soup, "nav.md-nav--secondary a.md-nav__link")
    for key in ("key_figures", "sources", "editor_details"):
        assert normal(plan.value("labels en", key)) in toc, key
    for link in soup.select("nav.md-nav--secondary a.md-nav__link"):
        assert re.fullmatch(r"#[\w-]+", str(link["href"])), link["href"]


@slot("language menu: names and links (extra.alternate)")
def _(plan: Plan) -> None:
    soup = soup_of(plan, PAGE["en"])
    links = soup.select("a.md-select__link")
    assert [normal(a.get_text()) for a in links] == ["English", "繁體中文", "简体中文"]
    assert [a["hreflang"] for a in links] == list(LANGS)


@slot("Open Graph and Twitter cards (publish/head.py)")
def _(plan: Plan) -> None:
    soup = soup_of(plan, PAGE["en"])
    title = plan.value(ARTICLE, "title")
    assert meta(soup, "og:title") == title and meta(soup, "twitter:title") == title
    assert meta(soup, "og:image:alt") == plan.value(ARTICLE, "image_alt")
    assert meta(soup, "og:site_name") == plan.value("company", "name")
    assert meta(soup, "twitter:description") == meta(soup, "og:description")


@slot("JSON-LD (render/jsonld.py, publish/head.py)")
def _(plan: Plan) -> None:
    data = jsonld(soup_of(plan, PAGE["en"]))
    assert data["headline"] == plan.value(ARTICLE, "title")[:110]
    assert data["dateline"] == plan.value(ARTICLE, "dateline")
    assert data["publisher"]["name"] == plan.value("company", "name")
    assert data["author"]["name"] == plan.value("editor payload_editor", "name")
    assert plan.value("source payload_source", "name") in [c["name"] for c in data["citation"]]
    assert [c["text"] for c in data["correction"]] == [
        plan.value(ARTICLE, "corrections", 0, "note")
    ]


@slot("copyright (mkdocs.yml, links and emphasis only)")
def _(plan: Plan) -> None:
    soup = soup_of(plan, "index.html")
    [highlight] = soup.select(".md-copyright__highlight")
    assert {e.name for e in highlight.find_all(True)} <= {"a", "em", "strong", "b", "i", "span"}
    assert MARKER.search(highlight.get_text())


@slot("site description (mkdocs.yml, pages without a description)")
def _(plan: Plan) -> None:
    soup = soup_of(plan, "404.html")
    assert meta(soup, "description") == plan.value("mkdocs.yml", "site_description")


@slot("page body: headline, summary, editor details, sources (Markdown text)")
def _(plan: Plan) -> None:
    soup = soup_of(plan, PAGE["en"])
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    assert normal(plan.value(ARTICLE, "title")) in texts(article, "h1")[0]
    body = normal(article.get_text())
    for owner, path in [
        (ARTICLE, ("subtitle",)),
        ("editor payload_editor", ("name",)),
        ("source payload_source", ("name",)),
        ("fact payload_quote", ("text",)),
        ("fact payload_statement", ("what",)),
        ("fact payload_deal", ("asset",)),
    ]:
        assert normal(plan.value(owner, *path)) in body, (owner, path)


@slot("listings: news index, home, topic and contacts pages")
def _(plan: Plan) -> None:
    title = normal(plan.value(ARTICLE, "title"))
    for path in ("index.html", "news/index.html", "tags/payload/index.html"):
        assert title in normal(soup_of(plan, path).get_text()), path
    topic = soup_of(plan, "tags/payload/index.html")
    assert normal(plan.value("topic payload", "description")) in normal(topic.get_text())
    contacts = normal(soup_of(plan, "editors/index.html").get_text())
    assert normal(plan.value("editor payload_editor", "role")) in contacts


@pytest.mark.site
@pytest.mark.slow
@pytest.mark.parametrize("name", SLOTS)
def test_theme_slot_shows_its_value_escaped_once(plan: Plan, name: str) -> None:
    SLOTS[name](plan)
    assert FORMS  # the forms every slot was given
