"""Rendering: citations, sources, templates, overrides and the sandbox."""

from __future__ import annotations

from pathlib import Path

from conftest import ARTICLE, TODAY, write
from pressgen import Pressroom, codes
from pressgen.html import plain_text

RELEASE = "dengyuemed-opens-a-single-export-desk-for-chinese-innovative-medicines"
UPDATE = "china-s-out-licensing-boom-meets-its-first-reality-check"


def room_for(project: Path) -> Pressroom:
    return Pressroom.from_path(project, today=TODAY)


def test_press_release_follows_wire_conventions(project: Path) -> None:
    md = room_for(project).render_article(RELEASE).markdown
    assert md.startswith("**FOR IMMEDIATE RELEASE**")
    assert "**HONG KONG, Nov. 27, 2025 —** DengYueMed" in md
    assert "## About DengYueMed" in md
    assert "— Deng Yue, Press Officer, DengYueMed" in md
    assert md.rstrip().splitlines()[-2] == "\\#\\#\\#"
    order = [md.index(h) for h in ("## About", "## Sources", "## Editor Details", "\\#\\#\\#")]
    assert order == sorted(order)


def test_every_cited_fact_is_in_the_numbered_sources(project: Path) -> None:
    result = room_for(project).render_article(RELEASE)
    cited = result.metadata["cited_facts"]
    listed = [fact["id"] for c in result.citations for fact in c.facts]
    assert sorted(cited) == sorted(listed) and len(cited) == 3
    assert [c.number for c in result.citations] == [1, 2, 3]
    assert "1. **China Chamber of Commerce" in result.markdown


def test_market_update_has_key_figures_from_cited_figures(project: Path) -> None:
    md = room_for(project).render_article(UPDATE).markdown
    table = md.split("## Key figures")[1].split("\n\n")[1]
    assert (
        "| Value of China's outbound innovative-drug licensing deals | over $45 billion |" in table
    )
    assert table.count("\n") == 13  # header, rule and 12 cited figures
    assert "**What this means for buyers.**" in md  # company tie-in fragment


def test_figures_are_formatted(project: Path) -> None:
    room = room_for(project)
    md = room.render_article(RELEASE).markdown
    assert "$91.17 billion in January–October 2025, up 3.5% year on year" in md
    deal = room.render_article(
        "from-imitation-to-innovation-china-s-biopharma-sector-in-figures"
    ).markdown
    assert "US$1.25 billion upfront and up to US$6.2 billion in total" in deal


def test_project_template_overrides_package_default(project: Path) -> None:
    write(
        project / "templates/partials/editor-details.md.j2",
        "## Contact\n\n{{ editor.name }} at {{ editor.email }}\n",
    )
    md = room_for(project).render_article(RELEASE).markdown
    assert "## Contact\n\nDeng Yue at press@dengyuemed.com" in md
    assert "## Editor Details" not in md


def test_undefined_name_in_body_is_located(project: Path) -> None:
    write(
        project / "content/articles/typo.md",
        ARTICLE.format(title="Typo") + "\nSee {{ fakt.cn_fic_share }}.\n",
    )
    [finding] = room_for(project).check()
    assert finding.code == codes.UNDEFINED
    assert (finding.file, finding.line) == ("content/articles/typo.md", 13)


def test_template_syntax_error_is_located(project: Path) -> None:
    write(
        project / "content/articles/syntax.md",
        ARTICLE.format(title="Syntax") + "\nBroken {{ fact.cn_fic_share \n",
    )
    [finding] = room_for(project).check()
    assert finding.code == codes.TEMPLATE_SYNTAX
    assert finding.file == "content/articles/syntax.md" and finding.line in (13, 14)


def test_fact_cited_but_not_declared(project: Path) -> None:
    write(
        project / "content/articles/undeclared.md",
        ARTICLE.format(title="Undeclared") + "\nAlso {{ fact.cn_fic_share }}.\n",
    )
    [finding] = room_for(project).check()
    assert finding.code == codes.UNDECLARED_FACT and finding.line == 13


EVIL = ["''.__class__.__mro__", "fact.__class__", "'x' * 1000000000", "company.__init__"]


def test_bodies_refuse_escapes_before_they_are_compiled(project: Path) -> None:
    for n, expr in enumerate(EVIL):
        write(
            project / f"content/articles/evil{n}.md",
            ARTICLE.format(title=f"Evil {'abcd'[n]}") + f"\n{{{{ {expr} }}}}\n",
        )
    found = room_for(project).check()
    assert [(f.code, f.line, f.path) for f in found] == [(codes.BODY_NOT_CONTENT, 13, "/body")] * 4


def test_sandbox_refuses_escapes_in_opted_in_bodies(project: Path) -> None:
    settings = project / "content/settings.yml"
    settings.write_text(settings.read_text() + "bodies: jinja\n")
    for n, expr in enumerate(EVIL):
        write(
            project / f"content/articles/evil{n}.md",
            ARTICLE.format(title=f"Evil {'abcd'[n]}") + f"\n{{{{ {expr} }}}}\n",
        )
    found = room_for(project).check()
    assert len(found) == 4
    assert {f.code for f in found} <= {codes.SANDBOX, codes.UNDEFINED, codes.OUTPUT_TOO_LARGE}


def test_fact_text_is_never_templated_or_raw_html(project: Path) -> None:
    path = project / "content/facts/trade.yml"
    path.write_text(
        path.read_text().replace(
            "label: China pharmaceutical exports",
            'label: "Exports {{ 7 * 7 }} <script>alert(1)</script>"',
        )
    )
    result = room_for(project).render_article(RELEASE)
    assert "Exports {{ 7 * 7 }} <script>alert(1)</script>" in plain_text(result.html)
    assert "49" not in result.markdown and "<script>" not in result.markdown


def test_rendering_writes_nothing(project: Path) -> None:
    before = sorted(p.stat().st_mtime_ns for p in project.rglob("*"))
    room_for(project).render_article(RELEASE)
    assert sorted(p.stat().st_mtime_ns for p in project.rglob("*")) == before
