"""Bodies and fragments are content, not programs: only the documented placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import TemplateSyntaxError, nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

from conftest import ARTICLE, CMS_COMPANY, CMS_EDITOR, TODAY, write
from pressgen import Pressroom, codes
from pressgen.render.bodies import BODY_FILTERS, check_body

FACT = "cn_pharma_exports_jan_oct_2025"


def findings_for(project: Path, body: str, name: str = "case") -> list:
    write(project / f"content/articles/{name}.md", ARTICLE.format(title="Case") + body)
    return Pressroom.from_path(project, today=TODAY).check()


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ("{{ '{:>99}'.format(1) }}", "a function or method call"),
        (f"{{{{ fact.{FACT}.full.upper() }}}}", "a function or method call"),
        ("{{ 1 + 2 }}", "arithmetic or text formatting ('+')"),
        ("{{ '%s' % 1 }}", "arithmetic or text formatting ('%')"),
        ("{{ 'a' ~ 'b' }}", "joining text with '~'"),
        ("{% for x in [1] %}x{% endfor %}", "a {% for %} loop"),
        ("{% if 1 %}x{% endif %}", "an {% if %} block"),
        ("{% set x = 1 %}", "a {% set %} block"),
        ("{% macro m() %}{% endmacro %}", "a {% macro %}"),
        ("{% include 'x' %}", "an {% include %}"),
        (f"{{{{ fact.{FACT}.__class__ }}}}", "the field '.__class__'"),
        (f"{{{{ fact.{FACT}._fact }}}}", "the field '._fact'"),
        (f"{{{{ fact.{FACT}.full.x }}}}", "the field '.x'"),
        ("{{ fact.__class__ }}", "'fact.__class__', which is not an id"),
        ("{{ company.translations }}", "the field '.translations'"),
        ("{{ company }}", "'company' without a field"),
        ("{{ fragment.about.upper }}", "the field '.upper'"),
        ("{{ article.title }}", "the name 'article'"),
        ("{{ range }}", "the name 'range'"),
        ("{{ namespace }}", "the name 'namespace'"),
        ("{{ cycler }}", "the name 'cycler'"),
        (f"{{{{ fact.{FACT} | replace('a', 'b') }}}}", "the filter '|replace'"),
        (f"{{{{ fact.{FACT} | truncate(5) }}}}", "the filter '|truncate'"),
        (f"{{{{ fact.{FACT} | title(1) }}}}", "an argument to '|title'"),
        ("{{ 'x' }}", "a literal value"),
        (f"{{{{ fact.{FACT} if 1 }}}}", "an inline 'if'"),
        (f"{{{{ fact.{FACT}[0] }}}}", "an index"),
        (f"{{{{ fact.{FACT} is defined }}}}", "a test"),
        ("{{ fact.my-id }}", "arithmetic or text formatting ('-')"),
    ],
)
def test_anything_but_a_placeholder_is_a_located_error(project: Path, body: str, says: str) -> None:
    found = findings_for(project, f"\nFirst paragraph.\n\n{body}\n")
    [finding] = [f for f in found if f.code == codes.BODY_NOT_CONTENT]
    assert (finding.file, finding.line, finding.path) == ("content/articles/case.md", 15, "/body")
    assert says in finding.message
    assert "{{ fact.ID }}" in finding.hint and "bodies: jinja" in finding.hint


def test_the_documented_placeholders_render(project: Path) -> None:
    body = (
        f"{{{{ fact.{FACT} }}}} / {{{{ fact.{FACT}.source | upper }}}} / "
        f"{{{{ fact['{FACT}'].period }}}} / {{{{ company.name }}}} / "
        "{{ company.website | lower }} / {{ fragment.forward_looking | trim }} {# a note #}"
        "{% raw %}{{ literally }}{% endraw %}\n"
    )
    write(project / "content/articles/fine.md", ARTICLE.format(title="Fine") + body)
    room = Pressroom.from_path(project, today=TODAY)
    assert [f for f in room.check() if f.is_error] == []
    markdown = room.render_article("fine").markdown
    for text in "$91.17 billion / CCCMHPIE / January–October 2025 / DengYueMed / https://":
        assert text in markdown
    assert "{{ literally }}" in markdown


def test_a_misspelt_name_is_still_undefined_with_its_line(project: Path) -> None:
    [finding] = findings_for(project, "\nSee {{ fakt.cn_fic_share }}.\n")
    assert (finding.code, finding.line) == (codes.UNDEFINED, 13)


def test_a_fragment_is_checked_and_located_in_its_own_file(project: Path) -> None:
    fragment = project / "content/fragments/forward-looking.md"
    text = fragment.read_text()
    fragment.write_text(text + "\n{% for x in range(9) %}{{ x }}{% endfor %}\n")
    line = text.count("\n") + 2
    found = findings_for(project, "\n{{ fragment.forward_looking }}\n")
    located = {(f.file, f.line, f.path) for f in found if f.code == codes.BODY_NOT_CONTENT}
    assert located == {("content/fragments/forward-looking.md", line, "/body")}


def test_a_summary_is_checked_too(project: Path) -> None:
    write(
        project / "content/articles/case.md",
        ARTICLE.format(title="Case").replace(
            "summary: A short summary.", 'summary: "Up {{ 2 * 3 }}%"'
        ),
    )
    found = Pressroom.from_path(project, today=TODAY).check()
    [finding] = [f for f in found if f.code == codes.BODY_NOT_CONTENT]
    assert (finding.line, finding.path) == (8, "/summary")


def test_a_cms_draft_gets_a_json_pointer() -> None:
    room = Pressroom.from_data(
        {
            "company": CMS_COMPANY,
            "editors": [CMS_EDITOR],
            "fragments": [{"id": "about", "body": "About us."}],
        },
        today=TODAY,
    )
    draft = {
        "type": "press-release",
        "title": "A draft",
        "date": "2025-11-28T09:00:00+08:00",
        "dateline": "Hong Kong",
        "editor": "ed",
        "summary": "A summary.",
        "body": "Fine.\n{{ company.name.__len__() }}",
    }
    [finding] = [f for f in room.validate_article(draft) if f.code == codes.BODY_NOT_CONTENT]
    assert (finding.file, finding.line, finding.path) == (None, 2, "/body")


def test_opting_in_allows_full_templates_in_bodies(project: Path) -> None:
    settings_file = project / "content/settings.yml"
    settings_file.write_text(settings_file.read_text() + "bodies: jinja\n")
    body = (
        "\n{% for n in range(3) %}[{{ n * 2 }}]{% endfor %} "
        "{{ company.name | replace('D', 'd') }}\n"
    )
    write(project / "content/articles/loops.md", ARTICLE.format(title="Loops") + body)
    room = Pressroom.from_path(project, today=TODAY)
    assert room.renderer.untrusted  # so its renders run in a limited worker process
    assert [f for f in room.check() if f.is_error] == []
    assert "[0][2][4] dengYueMed" in room.render_article("loops").markdown


# ----------------------------------------------------------------- the checker alone

ENV = ImmutableSandboxedEnvironment()
NAMES = ["fact", "fragment", "company", "article", "range", "x", "namespace"]
FIELDS = ["full", "source", "name", "website", "__class__", "format", "translations", "a_b"]


@st.composite
def expressions(draw: st.DrawFn, depth: int = 3) -> str:
    """Random Jinja expressions: lookups, calls, operators, filters, literals."""
    if depth == 0 or draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from([*NAMES, "'s'", "1", "[1]"]))
    inner = draw(expressions(depth=depth - 1))
    shape = draw(st.integers(0, 7))
    if shape == 0:
        return f"{inner}.{draw(st.sampled_from(FIELDS))}"
    if shape == 1:
        return f"{inner}[{draw(st.sampled_from(['0', repr('id'), 'x']))}]"
    if shape == 2:
        return f"{inner}({draw(st.sampled_from(['', '1', 'x']))})"
    if shape == 3:
        other = draw(expressions(depth=depth - 1))
        return f"({inner} {draw(st.sampled_from(['+', '%', '*', '~', 'and', '==']))} {other})"
    if shape == 4:
        name = draw(st.sampled_from([*BODY_FILTERS, "replace", "format", "attr"]))
        return f"{inner} | {name}{draw(st.sampled_from(['', '(1)']))}"
    if shape == 5:
        return f"{inner} if {draw(expressions(depth=depth - 1))}"
    if shape == 6:
        return f"not {inner}"
    return f"fact.{draw(st.sampled_from(['a', 'b_c', 'x-y']))}.{draw(st.sampled_from(FIELDS))}"


ALLOWED_NODES = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Getattr)


def _is_placeholder(node: nodes.Node) -> bool:
    """An independent statement of what a body may hold: a name followed by names (or
    constant string keys), through argument-less allowed filters."""
    if isinstance(node, nodes.Filter):
        return (
            node.name in BODY_FILTERS
            and not (node.args or node.kwargs or node.dyn_args or node.dyn_kwargs)
            and node.node is not None
            and _is_placeholder(node.node)
        )
    if isinstance(node, nodes.Getitem):
        return (
            isinstance(node.arg, nodes.Const)
            and isinstance(node.arg.value, str)
            and (_is_placeholder(node.node))
        )
    if isinstance(node, nodes.Getattr):
        return not node.attr.startswith("_") and _is_placeholder(node.node)
    return isinstance(node, nodes.Name)


@settings(max_examples=400, deadline=None)
@given(expressions(), st.booleans())
def test_whatever_passes_the_check_is_only_lookups(expression: str, as_block: bool) -> None:
    source = f"text {{% set y = {expression} %}}" if as_block else f"text {{{{ {expression} }}}}"
    try:
        tree = ENV.parse(source)
    except TemplateSyntaxError:
        return
    refusal = check_body(tree, frozenset(ENV.globals))
    outputs = [n for n in tree.body if isinstance(n, nodes.Output)]
    lookups_only = len(outputs) == len(tree.body) and all(
        isinstance(n, nodes.TemplateData) or _is_placeholder(n) for o in outputs for n in o.nodes
    )
    if refusal is None:
        assert lookups_only, source
    else:
        assert refusal.line == 1 and refusal.construct
