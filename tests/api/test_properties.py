"""Property tests: whatever an editor or a CMS sends, only findings come back.

Generated front matter and bodies are thrown at the reader, the model and the
renderer. The only exception allowed out of the library is PressgenError (for
asking to render an article id that does not exist, which these tests never do).
"""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_api import ARTICLE, DATA

from conftest import TODAY
from pressgen import Finding, Pressroom
from pressgen.load.documents import parse_front_matter

# One press room for all generated inputs (hypothesis runs hundreds per test). The tests
# only read it: the drafts rendered leave nothing behind but entries in its render cache.
ROOM = Pressroom.from_data(DATA, today=TODAY)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates().map(str),
    st.sampled_from(["NO", "yes", "10:00", "01234", "1.10", ".nan", "2024-02-30"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
fields = st.sampled_from(
    sorted({*ARTICLE, "tags", "slug", "draft", "audience", "subtitle", "tie_in", "unknown"})
)
TEMPLATE_BITS = st.sampled_from(
    [
        "{{",
        "}}",
        "{%",
        "%}",
        "{#",
        "#}",
        " fact.",
        "exports",
        " fragment.",
        "about",
        "|",
        "upper",
        ".__class__",
        "range(",
        ")",
        "'",
        '"',
        " for x in ",
        " endfor ",
        " if ",
        " endif ",
        "\n",
        "<script>",
        "[x](javascript:1)",
        "99",
        "%",
        "~",
        "*",
        " ",
        "a",
        "é",
        "中",
    ]
)


@SETTINGS
@given(st.dictionaries(fields, values, max_size=10))
def test_any_article_dict_gives_findings_not_exceptions(changes: dict) -> None:
    result = ROOM.render_article({**ARTICLE, **changes})
    assert all(isinstance(f, Finding) for f in result.findings)
    if result.findings and any(f.is_error for f in result.findings):
        assert all(f.code.startswith("PG") and f.message for f in result.findings)


@SETTINGS
@given(st.lists(TEMPLATE_BITS, max_size=25).map("".join))
def test_any_body_renders_or_reports(body: str) -> None:
    result = ROOM.render_article({**ARTICLE, "body": body})
    assert all(isinstance(f, Finding) for f in result.findings)
    if result.ok:
        assert result.markdown and "<script" not in result.html


@SETTINGS
@given(st.dictionaries(st.text(max_size=12), values, max_size=8), st.text(max_size=200))
def test_any_front_matter_file_reads_or_reports(front: dict, body: str) -> None:
    try:
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    except yaml.YAMLError:
        return
    document, findings = parse_front_matter(text, "generated.md")
    assert document is not None or findings  # a document, or the reasons there is none
    assert all(isinstance(f, Finding) for f in findings)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_file_reads_or_reports(text: str) -> None:
    document, findings = parse_front_matter(text, "generated.md")
    assert document is not None or findings


@SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "company",
                "editors",
                "sources",
                "facts",
                "fragments",
                "articles",
                "tags",
                "settings",
                "bogus",
            ]
        ),
        values,
        max_size=7,
    )
)
def test_any_pressroom_data_builds(data: dict) -> None:
    room = Pressroom.from_data(data, today=TODAY)
    assert all(isinstance(f, Finding) for f in room.check())
