"""The payload site in Chromium: no payload runs, and none makes an element.

The site is the example press room with a script payload in every text field of
every content type, label and mkdocs.yml text (``payloads.py``: the fields come
from the models; values validation refuses are counted apart and left out), built
once with the real CLI. Every page that shows a payload's marker is opened, and
Material's search is used with markers typed in, as a reader would. A payload that
ran would call ``alert``: every dialog function is recorded, and Chromium's dialog
event too. The DOM is searched for what a payload could have made: event-handler
attributes, scripts, ``<img src=x>``, ids from a payload, script links.
"""

from __future__ import annotations

import functools
import os
import re
import threading
import time
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from payloads import MARKER_PREFIX, SLUG, Plan, payload_site_for
from test_browser import CHROMIUM, FLAGS, _QuietHandler

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.site]

MARKER = MARKER_PREFIX + "[a-z]{4}"
RECORD_DIALOGS = """
window.__pwned = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => { window.__pwned.push(name + ": " + String(args[0])); };
}
"""
PAYLOAD_ELEMENTS = """
(pattern) => {
  const marker = new RegExp(pattern), whole = new RegExp("^" + pattern + "$");
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || marker.test(a.name)) found.push(`<${tag} ${a.name}>`);
      if (a.name === "id" && whole.test(a.value)) found.push(`<${tag} id=${a.value}>`);
      if (["href", "src", "action", "formaction"].includes(a.name)
          && /^(javascript|vbscript|data):/i.test(a.value.replace(/[\\x00-\\x20]/g, "")))
        found.push(`<${tag} ${a.name}=${a.value}>`);
    }
    if (tag === "script" && el.type !== "application/ld+json" && marker.test(el.textContent))
      found.push(`<script>${el.textContent.slice(0, 60)}`);
    if (tag === "img" && el.getAttribute("src") === "x") found.push("<img src=x>");
  }
  if (document.querySelectorAll("title").length !== 1) found.push("not one <title>");
  return found;
}
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory: pytest.TempPathFactory) -> Plan:
    return payload_site_for(tmp_path_factory)


@pytest.fixture(scope="module")
def server(plan: Plan) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(plan.site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def tab(plan: Plan) -> Iterator[tuple[Any, list[str]]]:
    """One Chromium tab that records every dialog (and what a payload could call)."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("PRESSGEN_REQUIRE_BROWSER") == "1":
            pytest.fail("Debian's chromium is required here (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        fired: list[str] = []
        page.on("dialog", lambda dialog: (fired.append(dialog.message), dialog.dismiss()))
        page.on("pageerror", lambda error: fired.append(f"script error: {error}"))
        page.add_init_script(RECORD_DIALOGS)
        yield page, fired
        chromium.close()


def _ran(page: Any, fired: list[str]) -> list[str]:
    return [*fired, *page.evaluate("window.__pwned || []")]


def test_no_payload_runs_or_makes_an_element_on_any_page(
    plan: Plan, server: str, tab: tuple[Any, list[str]]
) -> None:
    page, fired = tab
    assert plan.site is not None
    marker = re.compile(MARKER)
    pages = [p for p in sorted(plan.site.rglob("*.html")) if marker.search(p.read_text("utf-8"))]
    assert len(pages) > 30  # the company's name, at least, is on every page
    started = time.monotonic()
    problems: dict[str, list[str]] = {}
    for path in pages:
        url = server + path.relative_to(plan.site).as_posix().removesuffix("index.html")
        page.goto(url, wait_until="load")
        page.mouse.move(400, 300)  # over the content: an ONMOUSEOVER would fire
        page.mouse.move(640, 120)  # over the header and its title
        found = page.evaluate(PAYLOAD_ELEMENTS, MARKER) + _ran(page, fired)
        if found:
            problems[url] = found
        fired.clear()
    assert problems == {}
    assert time.monotonic() - started < 120


@pytest.mark.parametrize(
    "owner, field",
    [
        (f"article {SLUG} (en)", ("title",)),
        (f"article {SLUG} (en)", ("summary",)),
        (f"article {SLUG} (en)", ("subtitle",)),
        ("company", ("name",)),
        ("source payload_source", ("name",)),
        ("fact payload_quote", ("text",)),
        ("labels en", ("sources",)),
    ],
)
def test_material_search_shows_payloads_as_text(
    plan: Plan, server: str, tab: tuple[Any, list[str]], owner: str, field: tuple[str, ...]
) -> None:
    """Search results are put into the page as HTML: what they show must be text."""
    page, fired = tab
    value = plan.value(owner, *field)
    found = re.findall(MARKER, value)
    assert found
    page.goto(server, wait_until="load")
    page.locator("input.md-search__input").click()
    page.keyboard.type(found[0], delay=20)
    result = page.locator(".md-search-result__item").first
    result.wait_for(state="visible", timeout=15_000)
    page.mouse.move(300, 300)
    shown = " ".join(page.locator(".md-search-result").inner_text().split())
    problems = page.evaluate(PAYLOAD_ELEMENTS, MARKER) + _ran(page, fired)
    fired.clear()
    assert problems == []
    assert re.search(MARKER, shown)  # results show payloads, as text
    if field == ("title",):
        assert " ".join(value.split()) in shown  # the headline, whole
