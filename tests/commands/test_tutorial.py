"""The README's five-minute tutorial, step by step, on a copy of the example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from conftest import NOW, REPO
from pressgen.cli import main


def yaml_blocks_after(readme: str, marker: str) -> str:
    """The first ```yaml block after ``marker`` in the README."""
    tail = readme[readme.index(marker) :]
    return re.search(r"```yaml\n(.*?)```", tail, re.S).group(1)


@pytest.mark.site
@pytest.mark.slow
def test_readme_tutorial_publishes_the_new_article(project: Path) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    runner = CliRunner()
    title = "Hong Kong pharmaceutical re-exports rise"
    assert runner.invoke(main, ["new", "market-update", title, "-p", str(project)]).exit_code == 0
    [article] = (project / "content/articles").glob("*-hong-kong-pharmaceutical-re-exports-rise.md")

    fact = yaml_blocks_after(readme, "3. **Add your figure as a fact.**")
    source = yaml_blocks_after(readme, "and its source to `content/sources.yml`")
    with (project / "content/facts/trade.yml").open("a") as handle:
        handle.write("\n" + "\n".join(line[3:] for line in fact.splitlines()) + "\n")
    with (project / "content/sources.yml").open("a") as handle:
        handle.write("\n" + "\n".join(line[3:] for line in source.splitlines()) + "\n")

    front, _, _ = article.read_text().rpartition("---\n")
    front = re.sub(r"facts:\n(  - .*\n)*", "facts:\n  - hk_reexports_2025\n", front)
    front = front.replace("draft: true", "draft: false")
    # `new` dates the article now (the clock); the tests' site is built at NOW.
    front = re.sub(r"(?m)^date: .*$", "date: 2025-11-21T09:00:00+08:00", front, count=1)
    body = (
        "Hong Kong re-exported {{ fact.hk_reexports_2025.full }}, according to\n"
        "{{ fact.hk_reexports_2025.source }}.\n"
    )
    article.write_text(front + "---\n" + body)

    check = runner.invoke(main, ["check", "-p", str(project)])
    assert check.exit_code == 0, check.output
    build = runner.invoke(main, ["build", "-p", str(project), "--now", NOW])
    assert build.exit_code == 0, build.output

    pages = list((project / "site/news").glob("*/*/hong-kong-pharmaceutical-re-exports-rise"))
    [page] = pages
    text = BeautifulSoup((page / "index.html").read_text(), "html.parser").get_text(" ")
    expected = (
        "Hong Kong re-exported $2.4 billion in January–June 2025, up 4.2% year on "
        "year, according to C&SD."
    )
    assert " ".join(expected.split()) in " ".join(text.split())
    assert "Census and Statistics Department" in text
    assert title in (project / "site/news/index.html").read_text()
