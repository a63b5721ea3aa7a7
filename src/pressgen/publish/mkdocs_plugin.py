"""The MkDocs adapter: renders the press room during ``mkdocs build`` / ``mkdocs serve``.

It holds no logic of its own: it asks the core for the pages, feeds, sitemaps
and PDFs, hands them to MkDocs as generated files, and keeps fact, fragment
and article sources out of the output. Content errors stop the build with the
same located messages as ``pressgen check``.

Languages: every language's pages are generated into one MkDocs site (the main
language at the root, the others in their folders). The language switcher is
Material's own ``extra.alternate`` selector, set per page to that page's
translations; ``<html lang>`` is set per page. (mkdocs-static-i18n would need
one docs folder per language and does not work with Material's blog plugin.)

Output encoding: MkDocs renders theme templates with autoescaping off, and
Material prints titles, descriptions, the site name and table-of-contents entries
as they are. The adapter turns autoescaping on for the theme (``on_env``), so
every value a template prints is escaped for HTML unless it is known to be HTML:
the page body (sanitised by nh3, handed over as ``Markup``) and the copyright
line (links and emphasis only). Titles, descriptions and table-of-contents entries are
handed over as escaped ``Markup`` made from their plain text, so that Material's
search index, which copies them as HTML, gets escaped text too, and nothing is
escaped twice. Attribute lists are held to :class:`pressgen.html.SafeAttributes`
before the table of contents is made.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation

from .. import codes
from ..findings import Finding, Severity
from ..html import SafeAttributes, plain_text, sanitise, sanitise_inline, unsafe_scheme
from ..i18n import LANGUAGES
from ..load.project import ARTICLES_DIR, DATA_FILES, FACTS_DIR, FRAGMENTS_DIR, RULES_DIR
from ..model import parse_now
from ..pressroom import Pressroom
from ..render.jsonld import news_article
from ..urls import (
    NEWS_SITEMAP,
    ROBOTS,
    ROOT_FILES,
    atom_feed,
    contacts_url,
    home_src,
    json_feed,
    language_folder,
    news_src,
    news_url,
    pdf_name,
    pdf_src,
    rss_feed,
    sitemap,
    tags_url,
)
from .confinement import confine_docs_dir, confine_published
from .feeds import feed_files
from .head import TITLE_AS_TEXT, PageInfo, inject
from .pages import article_src, build_pages, published_versions
from .pdf import PdfUnavailable, release_pdf
from .sitemaps import language_sitemap, news_sitemap, robots_txt, write_sitemap

STYLESHEET = "assets/pressgen.css"
_HREFLANG_LINK = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
log = logging.getLogger("mkdocs.plugins.pressgen")
# Page metadata Material prints as text (title, description, author, nav subtitle).
TEXT_META = ("title", "description", "author", "subtitle")


class PressgenConfig(Config):
    project_dir = c.Optional(c.Type(str))
    drafts = c.Type(bool, default=False)
    future = c.Type(bool, default=False)
    now = c.Optional(c.Type(str))  # ISO date-time: build as if it were then


class PressgenPlugin(BasePlugin[PressgenConfig]):
    """``plugins: [pressgen]`` in mkdocs.yml."""

    findings: list[Finding]  # read by pressgen build, which prints them

    def _project(self, config: Any) -> Path:
        if self.config.project_dir:
            return (Path(config.config_file_path).parent / self.config.project_dir).resolve()
        return Path(config.config_file_path).parent.resolve()

    def on_config(self, config: Any) -> Any:
        logging.getLogger("jieba").setLevel(logging.WARNING)  # search's word splitter chats
        self.findings = _site_link_findings(config)
        if self.findings:
            raise PluginError(_report("mkdocs.yml has links readers must not get", self.findings))
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        if not any(isinstance(e, SafeAttributes) for e in config.markdown_extensions):
            config.markdown_extensions.append(SafeAttributes())
        if config.copyright:  # HTML by Material's design (&copy;, a link): sanitised
            config.copyright = Markup(sanitise_inline(str(config.copyright)))
        self.plain: dict[str, tuple[str, str]] = {}  # src -> (title, description) as text
        self.clean: dict[str, str] = {}  # src -> the page's sanitised HTML
        self.site_alternates: list[dict[str, str]] = []
        return config

    def on_pre_build(self, *, config: Any) -> None:
        """Before MkDocs walks content/: nothing in it may lead outside (confinement.py)."""
        self.findings = []
        confine_docs_dir(config, self._project(config), self.findings)

    def on_files(self, files: Files, *, config: Any) -> Files:
        room = Pressroom.from_path(self._project(config))
        self.findings = list(room.findings)  # read by pressgen build, which prints them
        errors = [f for f in room.findings if f.is_error]
        if errors:
            raise PluginError(_report("the content has errors", errors))
        try:
            now = parse_now(self.config.now or os.environ.get("PRESSGEN_NOW"), room.settings.zone)
        except ValueError as exc:
            raise PluginError(f"pressgen: --now: {exc}") from None
        drafts = self.config.drafts or os.environ.get("PRESSGEN_DRAFTS") == "1"
        rendered = room.render_all(drafts=drafts, future=self.config.future, now=now)
        self.withheld = room.withheld(drafts=drafts, now=now) if not self.config.future else []
        self.held_back = len(room.articles) - len(rendered)
        base = (config.site_url or room.settings.site_url or "").rstrip("/")
        base = base + "/" if base else ""
        ok = [key for key in rendered if rendered[key].ok]
        pdfs = self._pdfs(room, ok, rendered) if room.settings.pdf else {}
        pages, findings = build_pages(
            room, rendered, pdf_names={k: n for k, (n, _) in pdfs.items()}, feeds=bool(base)
        )
        self.findings += findings
        render_errors = [f for f in findings if f.is_error]
        if render_errors:
            raise PluginError(_report("articles could not be rendered", render_errors))
        extra = self._site_files(room, rendered, ok, pdfs, base, now)
        for finding in [*room.findings, *findings]:
            if not finding.is_error:
                log.warning(str(finding))

        # What editors write is the source of pages, never published as it is.
        skipped = {f"{ARTICLES_DIR}/", f"{FACTS_DIR}/", f"{FRAGMENTS_DIR}/", f"{RULES_DIR}/"}
        for file in list(files):
            if file.src_uri.startswith(tuple(skipped)) or file.src_uri in DATA_FILES:
                files.remove(file)
        confine_published(files, config, self._project(config), self.findings)
        for src, content in [*((p.src_uri, p.markdown) for p in pages), *extra.items()]:
            existing = files.get_file_from_path(src)
            if existing is not None:
                if src in ROOT_FILES:
                    continue  # a hand-written page in content/ wins over the generated one
                files.remove(existing)
            files.append(File.generated(config, src, content=content))
        if files.get_file_from_path(STYLESHEET) is None:
            css = resources.files("pressgen").joinpath("templates/pressgen.css").read_text("utf-8")
            files.append(File.generated(config, STYLESHEET, content=css))
        self.published = len(rendered)
        self.page_info = self._page_info(room, rendered, ok, base)
        self.own_alternates = bool(self.site_alternates) and not config.extra.get("alternate")
        self.sitemap_pages: list[tuple[str, str]] = []  # (src, url) of every page built
        self.room, self.ok, self.base = room, ok, base
        self.site_name = room.content.company.name if room.content.company else config.site_name
        self.site_names: dict[str, str] = {}
        return files

    def _site_files(
        self,
        room: Pressroom,
        rendered: dict[str, Any],
        ok: list[str],
        pdfs: dict[str, tuple[str, bytes]],
        base: str,
        now: dt.datetime,
    ) -> dict[str, str | bytes]:
        """The files besides pages: PDFs, feeds, the news sitemap, robots.txt."""
        files: dict[str, str | bytes] = {}
        for key, (_name, content) in pdfs.items():
            files[pdf_src(room.settings, room.articles[key], key)] = content
        if not base:
            self.findings.append(
                Finding(
                    code=codes.BUILD_FAILED,
                    severity=Severity.WARNING,
                    file="mkdocs.yml",
                    message="no site_url: feeds, the news sitemap and absolute links are left out",
                    hint="set site_url: https://press.example.com/ in mkdocs.yml",
                )
            )
            return files
        for lang in room.settings.languages:
            keys = [k for k in ok if room.content.lang_of(room.articles[k]) == lang]
            files.update(feed_files(room, lang, keys, rendered, base))
        files[NEWS_SITEMAP] = news_sitemap(room, ok, base, now)
        files[ROBOTS] = robots_txt(base)
        return files

    def _pdfs(
        self, room: Pressroom, keys: list[str], rendered: dict[str, Any]
    ) -> dict[str, tuple[str, bytes]]:
        """File name and bytes of each press release's PDF."""
        out: dict[str, tuple[str, bytes]] = {}
        for key in keys:
            if room.articles[key].type != "press-release":
                continue
            try:
                content = release_pdf(room, key, rendered[key], self.findings)
            except PdfUnavailable as exc:
                self.findings.append(
                    Finding(
                        code=codes.BUILD_FAILED,
                        severity=Severity.WARNING,
                        message=f"PDFs were not made: {exc}",
                        hint="install WeasyPrint's system libraries (Pango), or set pdf: false "
                        "in content/settings.yml",
                    )
                )
                return {}
            out[key] = (pdf_name(key), content)
        return out

    def _page_info(
        self, room: Pressroom, rendered: dict[str, Any], ok: list[str], base: str
    ) -> dict[str, PageInfo]:
        info: dict[str, PageInfo] = {}
        feeds_of: dict[str, dict[str, tuple[str, str]]] = {
            lang: {
                "RSS": ("application/rss+xml", rss_feed(language_folder(room.settings, lang))),
                "Atom": ("application/atom+xml", atom_feed(language_folder(room.settings, lang))),
                "JSON Feed": (
                    "application/feed+json",
                    json_feed(language_folder(room.settings, lang)),
                ),
            }
            if base
            else {}
            for lang in room.settings.languages
        }
        homes: dict[str, dict[str, str]] = {
            lang: {
                "name": LANGUAGES[lang].name,
                "link": language_folder(room.settings, lang) or "./",
                "lang": lang,
            }
            for lang in room.settings.languages
        }
        self.site_alternates = list(homes.values()) if len(homes) > 1 else []
        for key in ok:
            article = room.articles[key]
            lang = room.content.lang_of(article)
            result = rendered[key]
            image = article.image or (room.content.company.logo if room.content.company else None)
            info[article_src(room, key)] = PageInfo(
                lang=lang,
                title=article.title,
                description=result.metadata["description"],
                url=f"{base}{room.content.article_url(article, key)}",
                jsonld=news_article(
                    room.content,
                    article,
                    key,
                    result.citations,
                    result.metadata["description"],
                    base,
                ),
                image=f"{base}{image}" if image and base else None,
                image_alt=article.image_alt if article.image else None,
                published=article.published_at(room.settings.zone).isoformat(),
                modified=article.modified_at(room.settings.zone).isoformat(),
                tags=list(article.tags),
                feeds=feeds_of[lang],
                alternates=self._alternates(room, key, set(ok), homes),
            )
        for lang in room.settings.languages:
            folder = language_folder(room.settings, lang)
            for src in (home_src(folder), news_src(1, folder)):
                info.setdefault(src, PageInfo(lang=lang, feeds=feeds_of[lang]))
        self.folders = {
            language_folder(room.settings, lang): lang for lang in room.settings.languages[1:]
        }
        self.main_language = room.settings.main_language
        return info

    @staticmethod
    def _alternates(
        room: Pressroom, key: str, published: set[str], homes: dict[str, dict[str, str]]
    ) -> list[dict[str, str]]:
        """The language menu of an article: its translations, else that language's home."""
        versions = published_versions(room, key, published)
        return [
            {
                "name": LANGUAGES[lang].name,
                "link": room.content.article_url(room.articles[versions[lang]], versions[lang]),
                "lang": lang,
            }
            if lang in versions
            else home
            for lang, home in homes.items()
        ]

    def _info_for(self, page: Any) -> PageInfo:
        info = self.page_info.get(page.file.src_uri)
        if info is None:
            lang = next(
                (lg for folder, lg in self.folders.items() if page.file.src_uri.startswith(folder)),
                self.main_language,
            )
            info = PageInfo(lang=lang)
        return info

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        """A navigation for each language besides the main one: its home, news, topics
        and contacts, with translated titles."""
        room = self.room
        self.navs = {}
        for lang in room.settings.languages[1:]:
            label, folder = room.labels.wording(lang), language_folder(room.settings, lang)
            items = [
                Link(label("home"), folder),
                Link(label("news"), news_url(folder)),
                Link(label("topics"), tags_url(folder)),
                Link(label("press_contacts"), contacts_url(folder)),
            ]
            self.navs[lang] = Navigation(items, nav.pages)
            self.site_names[lang] = label("press_room", company=self.site_name)
        self.main_theme = (config.theme.get("language", "en"), config.site_name)
        return nav

    def _language_context(self, context: Any, page: Any, config: Any) -> Any:
        info = self._info_for(page)
        if self.own_alternates:
            config.extra["alternate"] = info.alternates or self.site_alternates
        if info.lang in self.navs:
            context["nav"] = self.navs[info.lang]
            config.theme["language"] = LANGUAGES[info.lang].theme
            config.site_name = self.site_names[info.lang]
            config.extra["homepage"] = language_folder(self.room.settings, info.lang)
        elif self.navs:
            config.theme["language"], config.site_name = self.main_theme
            config.extra.pop("homepage", None)
        return context

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        """Autoescaping on for every theme template: a value is HTML only when it is
        ``Markup`` (the sanitised page body, the sanitised copyright, escaped text)."""
        env.autoescape = True
        if env.cache is not None:
            env.cache.clear()  # nothing compiled before this point keeps the old setting
        return env

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        """Sanitise every page's HTML (nh3 allow-list that keeps Material's markup), and
        hand the theme its title, metadata and table of contents as escaped text."""
        clean = sanitise(html)
        self.clean[page.file.src_uri] = clean
        self.plain[page.file.src_uri] = _text_for_theme(page)
        return clean

    @event_priority(-100)  # last: after Material's search has read and edited the body
    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        """Per page: the language menu (this page's translations, else each language's
        home), and for other languages their navigation, site name and Material's labels.
        The body goes to the theme as ``Markup``: sanitised again if a plugin changed it."""
        content = str(page.content or "")
        if content != self.clean.get(page.file.src_uri):
            content = sanitise(content)
        page.content = Markup(content)
        return self._language_context(context, page, config)

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        self.sitemap_pages.append((page.file.src_uri, page.url))
        if self.own_alternates:
            # hreflang goes into the sitemaps: Material's script fetches
            # <href>sitemap.xml for every <link rel=alternate>, which only
            # exists for language homes, not for each article.
            output = _HREFLANG_LINK.sub("", output)
        info = self._info_for(page)
        if not info.title:
            title, description = self.plain.get(page.file.src_uri, ("", ""))
            info = PageInfo(
                lang=info.lang,
                title=title,
                description=description,
                url=page.canonical_url or "",
                feeds=info.feeds,
            )
        tooltips = "content.tooltips" in (config.theme.get("features") or [])
        return inject(output, info, self.site_name, page.url, tooltips=tooltips)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """Theme pages that are not made from a page (404.html) get the same guard for
        Material's tooltips as every page (see :data:`pressgen.publish.head.TITLE_AS_TEXT`)."""
        features = config.theme.get("features") or []
        if template_name.endswith(".html") and "content.tooltips" in features:
            return output_content.replace("</head>", f"  {TITLE_AS_TEXT}\n  </head>", 1)
        return output_content

    def on_post_build(self, *, config: Any) -> None:
        """Sitemaps with hreflang links: the whole site, and one per language folder."""
        if not self.base:
            return
        site = Path(config.site_dir)
        pages = sorted(self.sitemap_pages)
        room = self.room
        write_sitemap(site / sitemap(), language_sitemap(room, pages, self.ok, self.base))
        for folder in self.folders:
            subset = [(src, url) for src, url in pages if src.startswith(folder)]
            text = language_sitemap(room, subset, self.ok, self.base)
            write_sitemap(site / sitemap(folder), text)

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        templates = self._project(config) / "templates"
        if templates.is_dir():
            server.watch(str(templates))
        return server


def _site_links(config: Any) -> list[tuple[str, str]]:
    """(where, address) of every link in mkdocs.yml that the theme prints as a link:
    the navigation, the language menu, the home link, the repository and social links."""
    links: list[tuple[str, str]] = []

    def walk(items: Any, where: str) -> None:
        for number, item in enumerate(items or [], start=1):
            if isinstance(item, str):
                links.append((f"{where} item {number}", item))
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value, f"{where} > {title}")
                    elif isinstance(value, str):
                        links.append((f"{where} > {title}", value))

    walk(config.nav, "nav")
    extra = config.extra or {}
    for name in ("alternate", "social"):
        for number, entry in enumerate(extra.get(name) or [], start=1):
            if isinstance(entry, dict) and isinstance(entry.get("link"), str):
                links.append((f"extra.{name} item {number}", entry["link"]))
    if isinstance(extra.get("homepage"), str):
        links.append(("extra.homepage", extra["homepage"]))
    for name in ("repo_url", "edit_uri", "site_url"):
        if isinstance(config.get(name), str):
            links.append((name, config[name]))
    return links


def _site_link_findings(config: Any) -> list[Finding]:
    """A link in mkdocs.yml with a scheme that could run script (javascript:, data:)."""
    file = Path(config.config_file_path).name if config.config_file_path else "mkdocs.yml"
    return [
        Finding(
            code=codes.UNSAFE_SITE_LINK,
            file=file,
            message=f"{where} links to a '{scheme}:' address, which could run a script "
            "in the reader's browser",
            hint="link only to https://, http://, mailto: or tel: addresses, or to a page "
            "of the site (e.g. news/)",
        )
        for where, url in _site_links(config)
        if (scheme := unsafe_scheme(url)) is not None
    ]


def _text_for_theme(page: Any) -> tuple[str, str]:
    """Give the theme the page's title, text metadata and table of contents as escaped
    ``Markup`` made from their plain text; return (title, description) as plain text.

    Front matter is plain text; a title MkDocs took from the first heading, and the
    table of contents, are HTML (entities, tags) and are first reduced to text."""
    from_render = getattr(page, "_title_from_render", None)
    title = page.title or ""
    if "title" not in page.meta and from_render and title == from_render:
        title = plain_text(title)
    plain = {key: page.meta[key] for key in TEXT_META if isinstance(page.meta.get(key), str)}
    for key, value in plain.items():
        page.meta[key] = Markup.escape(value)
    page.title = Markup.escape(title)

    def text_of(items: Any) -> None:
        for item in items:
            item.title = Markup.escape(plain_text(str(item.title)))
            text_of(item.children)

    text_of(page.toc)
    return title, plain.get("description", "")


def _report(title: str, findings: list[Any]) -> str:
    lines = [f"pressgen: {title}:"]
    lines.extend(str(f) for f in findings)
    lines.append("Run 'pressgen check' to see every finding.")
    return "\n".join(lines)
