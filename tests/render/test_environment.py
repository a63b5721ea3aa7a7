"""The sandbox: calls that would build a huge text in C are refused before they run."""

from __future__ import annotations

import time

import pytest
from jinja2.exceptions import SecurityError

from conftest import CMS_COMPANY, CMS_EDITOR, TODAY
from pressgen import Pressroom
from pressgen.model import Company
from pressgen.render.environment import (
    MAX_OUTPUT_CHARS,
    OutputLimitError,
    compile_text,
    render_limited,
)


@pytest.fixture(scope="module")
def env():  # type: ignore[no-untyped-def]
    room = Pressroom.from_data({"company": CMS_COMPANY, "editors": [CMS_EDITOR]}, today=TODAY)
    return room.renderer.environment


def render(env, source: str) -> str:  # type: ignore[no-untyped-def]
    company = Company.model_validate(CMS_COMPANY)
    return render_limited(compile_text(env, source, "t"), {"company": company})


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'a'.center(10**9) }}",
        "{{ 'ab'.ljust(3*10**9) }}",
        "{{ 'ab'.rjust(10**7) }}",
        "{{ '1'.zfill(10**8) }}",
        "{{ ('\t' * 1000).expandtabs(10**5) }}",
        "{{ '%*s' % (10**9, 'x') }}",
        "{{ '%.*f' % (10**6, 1.5) }}",
        "{{ '%099999d' % 1 }}",
        "{{ '{:>{}}'.format('x', 10**9) }}",
        "{{ '{:.99999f}'.format(1.5) }}",
        "{{ '{a:>{w}}'.format_map({'a': 'x', 'w': 10**9}) }}",
        "{{ ('x' * 99999).join('y' * 99999) }}",
        "{{ ('x' * 99999).replace('x', 'x' * 99) }}",
    ],
)
def test_string_method_bombs_are_refused_before_they_run(env, source: str) -> None:  # type: ignore[no-untyped-def]
    start = time.process_time()
    with pytest.raises(OutputLimitError):
        render(env, source)
    assert time.process_time() - start < 0.1  # refused, not computed and then measured


@pytest.mark.parametrize(
    "source", ["{{ company.model_dump_json(indent=10**8) }}", "{{ company.model_dump() }}"]
)
def test_content_models_methods_cannot_be_called(env, source: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SecurityError, match="print its fields"):
        render(env, source)


def test_ordinary_formatting_still_works(env) -> None:  # type: ignore[no-untyped-def]
    source = (
        "{{ 'x'.center(5, '-') }}|{{ '{:0>4}'.format(7) }}|{{ '%05.1f' % 2.5 }}|"
        "{{ ', '.join(['a', 'b']) }}|{{ 'aXa'.replace('X', 'yy') }}|{{ company.name }}"
    )
    assert render(env, source) == "--x--|0007|002.5|a, b|ayya|Example Ltd"


def test_the_limit_is_on_the_result_not_the_argument(env) -> None:  # type: ignore[no-untyped-def]
    source = f"{{{{ 'x'.ljust({MAX_OUTPUT_CHARS}, '.') }}}}"
    assert len(render(env, source)) == MAX_OUTPUT_CHARS
