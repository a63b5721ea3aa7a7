"""The URL scheme of the site: the one module that knows where every page and file lives.

Like MkDocs' ``File._get_url`` and Pelican's ``*_URL`` / ``*_SAVE_AS`` settings, every
address is decided here and every other module asks. Addresses are site-relative;
a "src" is the Markdown source path MkDocs builds a page from (``news/index.md``),
a "url" is where the page is served (``news/``). The main language lives at the
site root, every other language in its folder (``zh-hant/``).

    article           {lang}news/2025/11/<slug>/
    news index        {lang}news/            {lang}news/page/2/
    topic             {lang}tags/<tag>/      {lang}tags/<tag>/page/2/
    topics index      {lang}tags/
    contacts          {lang}editors/
    home              {lang}
    feeds             {lang}feed.xml  {lang}atom.xml  {lang}feed.json
    sitemaps          {lang}sitemap.xml  news-sitemap.xml  robots.txt
    PDF               beside its article page: <slug>.pdf
"""

from __future__ import annotations

import re
from functools import lru_cache

from slugify import slugify

from .digests import digest_text
from .i18n import LANGUAGES
from .model import Article, Settings

NEWS = "news/"
TAGS = "tags/"
CONTACTS_SRC = "editors.md"
HOME_SRC = "index.md"
RSS_FEED = "feed.xml"
ATOM_FEED = "atom.xml"
JSON_FEED = "feed.json"
SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"
ROBOTS = "robots.txt"
ROOT_FILES = frozenset({HOME_SRC, CONTACTS_SRC, ROBOTS})  # owned by pressgen at a folder root

_CJK = re.compile(r"[\u3000-\u9fff\uf900-\ufaff\uff00-\uffef]")


# ------------------------------------------------------------------ languages
def language_folder(settings: Settings, lang: str | None) -> str:
    """The URL folder of a language, with a trailing slash ('' for the main one)."""
    tag = lang or settings.main_language
    return "" if tag == settings.main_language else LANGUAGES[tag].folder + "/"


# ------------------------------------------------------------------ articles
def article_slug(article: Article) -> str:
    """The article's slug: its own, or one made from the title.

    Chinese titles are transliterated (鄧悅醫藥 → deng-yue-yi-yao) and end with six
    characters of the title's digest: homophones transliterate alike, and two
    different titles must never share an address. The same title always gives the
    same slug.
    """
    if article.slug:
        return article.slug
    if _CJK.search(article.title):
        words = slugify(article.title, max_length=60, word_boundary=True)
        tail = digest_text(article.title)[:6]
        return f"{words}-{tail}" if words else f"article-{tail}"
    return slugify(article.title, max_length=80, word_boundary=True)


def article_key(settings: Settings, article: Article, slug: str) -> str:
    """An article's key in the press room: its language folder and slug (``zh-hant/x``)."""
    return language_folder(settings, article.lang) + slug


def article_url(settings: Settings, article: Article, key: str | None = None) -> str:
    """Site-relative URL of an article: news/2025/11/slug/ (zh-hant/news/... etc.)."""
    when = article.published_at(settings.zone)
    slug = (key or article_slug(article)).rsplit("/", 1)[-1]
    return f"{language_folder(settings, article.lang)}{NEWS}{when:%Y}/{when:%m}/{slug}/"


def article_src(settings: Settings, article: Article, key: str) -> str:
    return src_of_url(article_url(settings, article, key))


def pdf_name(key: str) -> str:
    """The PDF of a release, beside its page: ``<slug>.pdf``."""
    return key.rsplit("/", 1)[-1] + ".pdf"


def pdf_src(settings: Settings, article: Article, key: str) -> str:
    """Where a release's PDF is written: beside the Markdown source of its page."""
    return article_src(settings, article, key).rsplit("/", 1)[0] + "/" + pdf_name(key)


# ------------------------------------------------------------------ listings
@lru_cache(maxsize=4096)
def tag_slug(tag: str) -> str:
    return slugify(tag) or "tag"


def tag_src(tag: str, page: int = 1, folder: str = "") -> str:
    base = f"{folder}{TAGS}{tag_slug(tag)}"
    return f"{base}.md" if page == 1 else f"{base}/page/{page}.md"


def tags_index_src(folder: str = "") -> str:
    return f"{folder}{TAGS}index.md"


def news_src(page: int, folder: str = "") -> str:
    return f"{folder}{NEWS}index.md" if page == 1 else f"{folder}{NEWS}page/{page}.md"


def news_url(folder: str = "") -> str:
    return f"{folder}{NEWS}"


def tags_url(folder: str = "") -> str:
    return f"{folder}{TAGS}"


def contacts_src(folder: str = "") -> str:
    return f"{folder}{CONTACTS_SRC}"


def contacts_url(folder: str = "") -> str:
    return src_url(contacts_src(folder))


def home_src(folder: str = "") -> str:
    return f"{folder}{HOME_SRC}"


# ------------------------------------------------------------------ files
def rss_feed(folder: str = "") -> str:
    return f"{folder}{RSS_FEED}"


def atom_feed(folder: str = "") -> str:
    return f"{folder}{ATOM_FEED}"


def json_feed(folder: str = "") -> str:
    return f"{folder}{JSON_FEED}"


def sitemap(folder: str = "") -> str:
    return f"{folder}{SITEMAP}"


# ------------------------------------------------------------------ paths
def src_of_url(url: str) -> str:
    """The Markdown source path of a page URL: news/2025/11/x/ → news/2025/11/x.md."""
    return url.rstrip("/") + ".md"


def src_url(src: str) -> str:
    """The URL MkDocs serves a source at: editors.md → editors/, news/index.md → news/."""
    if src.endswith("index.md"):
        return src[: -len("index.md")]
    return src[: -len(".md")] + "/"


def relative_link(from_src: str, to_src: str) -> str:
    """Relative link between two source paths (plain string work; relpath is slow)."""
    here = from_src.split("/")[:-1]
    there = to_src.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])
