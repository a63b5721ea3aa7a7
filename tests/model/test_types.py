"""The field types: what plain text, Markdown, web addresses, asset paths, numbers and dates
may contain; every refusal is a Refused with its code and hint; what is accepted comes back
unchanged from its own dump.

The oracle for characters is written here from Unicode's categories, independently of the
regular expression in model/types.py, so that a character class forgotten there shows.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from pressgen import codes
from pressgen.model import Money, Settings
from pressgen.model.types import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_MAGNITUDE,
    AssetPath,
    Body,
    Date,
    Refused,
    ShortText,
    Tag,
    Text,
    Url,
    tag_key,
    text_problem,
)

LINE = TypeAdapter(ShortText)
TEXT = TypeAdapter(Text)
BODY = TypeAdapter(Body)
TAG = TypeAdapter(Tag)
URL = TypeAdapter(Url)
ASSET = TypeAdapter(AssetPath)
DATE = TypeAdapter(Date)

TEXT_CODES = {codes.CONTROL_CHARACTER, codes.LINE_BREAK, codes.INVISIBLE_CHARACTER}
IGNORABLE = set(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


def refusal(adapter: TypeAdapter[Any], value: Any) -> Refused | None:
    """Why a value is refused (None if it is accepted). pydantic's own checks (type,
    length, pattern) come back as a Refused with code PG202 and the error type as hint."""
    try:
        adapter.validate_python(value)
    except ValidationError as exc:
        [error] = exc.errors()
        refused = (error.get("ctx") or {}).get("error")
        if not isinstance(refused, Refused):
            return Refused(error["msg"], error["type"])
        assert refused.hint, "every refusal says how to fix it"
        return refused
    return None


def hidden(char: str) -> bool:
    """Would a reader not see this character, or would an output choke on it?"""
    category = unicodedata.category(char)
    point = ord(char)
    noncharacter = 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE
    return category in {"Cc", "Cf", "Cs", "Zl", "Zp"} or noncharacter or char in IGNORABLE


def emoji_part(text: str, at: int) -> bool:
    """The three invisible characters that belong to visible emoji, in their place."""
    char = text[at]

    def emoji(c: str) -> bool:
        return (
            unicodedata.category(c) == "So" or 0x1F3FB <= ord(c) <= 0x1F3FF or c in "\ufe0e\ufe0f"
        )

    if char == "\u200d":
        return 0 < at < len(text) - 1 and emoji(text[at - 1]) and emoji(text[at + 1])
    if char in "\ufe0e\ufe0f":
        return at > 0 and not hidden(text[at - 1])
    if 0xE0020 <= ord(char) <= 0xE007F:
        start = at
        while start > 0 and 0xE0020 <= ord(text[start - 1]) <= 0xE007E:
            start -= 1
        end = at
        while end < len(text) and 0xE0020 <= ord(text[end]) <= 0xE007E:
            end += 1
        return (
            start > 0
            and text[start - 1] == "\U0001f3f4"
            and end < len(text)
            and text[end] == "\U000e007f"
            and end > start
        )
    return False


def clean(text: str, allowed: str = "") -> bool:
    return all(not hidden(c) or c in allowed or emoji_part(text, i) for i, c in enumerate(text))


# Text that leans on the edges: invisible and control characters, emoji parts, accents.
SUSPECTS = st.sampled_from(
    list("\x00\t\n\r\x1b\x7f\x85\x9b\u00ad\u034f\u061c\u200b\u200c\u200d\u200e\u202e\u2028")
    + list("\u2066\u2069\u206b\u3164\ufe0f\ufe0e\ufeff\ufff9\ufffe\uffff\ufdd0\ud800")
    + ["\U0001f469", "\u2695", "\U0001f3f4", "\U000e0067", "\U000e007f", "\U000e0100"]
    + ["\U0001f3fd", "\u0301", "e", " ", "\U0001fffe", "\U000e0001"]
)
TEXTS = st.text(st.one_of(st.characters(), SUSPECTS), max_size=40)


# ------------------------------------------------------------------ plain text
@settings(max_examples=400, deadline=None)
@given(TEXTS)
@example("Exports\u200b rise")
@example("Our team \U0001f469\u200d\u2695\ufe0f grows")
@example("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f")
@example("Cafe\u0301")
def test_a_one_line_text_is_refused_or_comes_out_nfc_and_visible(value: str) -> None:
    refused = refusal(LINE, value)
    if refused is not None:
        assert refused.code in TEXT_CODES | {codes.INVALID_VALUE}
        return
    stored = LINE.validate_python(value)
    assert unicodedata.is_normalized("NFC", stored)
    assert clean(stored), f"{stored!r} holds a hidden character"
    assert LINE.validate_python(LINE.dump_python(stored)) == stored  # round trip


@settings(max_examples=300, deadline=None)
@given(TEXTS)
@example("Line one\r\nLine two\rthree")
def test_a_multi_line_text_keeps_line_feeds_only(value: str) -> None:
    refused = refusal(TEXT, value)
    if refused is not None:
        assert refused.code in TEXT_CODES | {codes.INVALID_VALUE}
        assert refused.code != codes.LINE_BREAK
        return
    stored = TEXT.validate_python(value)
    assert "\r" not in stored
    assert unicodedata.is_normalized("NFC", stored)
    assert clean(stored, allowed="\n")
    assert TEXT.validate_python(TEXT.dump_python(stored)) == stored


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_markdown_is_kept_as_written_or_refused(value: str) -> None:
    refused = refusal(BODY, value)
    if refused is None:
        stored = BODY.validate_python(value)
        assert stored == value  # not normalised: Markdown is sanitised at output
        assert clean(stored, allowed="\t\n\r")


@pytest.mark.parametrize(
    ("value", "code", "where"),
    [
        ("A\x1b[31m title", codes.CONTROL_CHARACTER, "ESCAPE (U+001B), at position 2"),
        ("Tab\there", codes.CONTROL_CHARACTER, "TAB (U+0009)"),
        ("Two\nlines", codes.LINE_BREAK, "LINE FEED (U+000A)"),
        ("A\u2029B", codes.LINE_BREAK, "PARAGRAPH SEPARATOR"),
        ("Title \uffff", codes.CONTROL_CHARACTER, "a non-character, U+FFFF"),
        ("Title \U0010fffe", codes.CONTROL_CHARACTER, "a non-character"),
        ("\u202eevil", codes.INVISIBLE_CHARACTER, "RIGHT-TO-LEFT OVERRIDE (U+202E)"),
        ("word\u2069", codes.INVISIBLE_CHARACTER, "POP DIRECTIONAL ISOLATE"),
        ("ex\u00adports", codes.INVISIBLE_CHARACTER, "SOFT HYPHEN"),
        ("Hong\u200dKong", codes.INVISIBLE_CHARACTER, "ZERO WIDTH JOINER"),
        ("\U0001f600\ufe0f\ufe0f", codes.INVISIBLE_CHARACTER, "VARIATION SELECTOR-16"),
        ("Flag \U000e0067\U000e007f", codes.INVISIBLE_CHARACTER, "TAG LATIN SMALL LETTER G"),
        ("\U0001f3f4\U000e007f", codes.INVISIBLE_CHARACTER, "CANCEL TAG"),
    ],
)
def test_each_refused_class_is_named_with_its_position(value: str, code: str, where: str) -> None:
    refused = refusal(LINE, value)
    assert refused is not None and refused.code == code
    assert where in refused.message


def test_the_refused_classes_cover_every_format_character_of_this_python() -> None:
    """A newer Unicode adds format characters: the hard-coded class must be kept up to date."""
    missing = [
        f"U+{point:04X}"
        for point in range(sys.maxunicode + 1)
        if unicodedata.category(chr(point)) in {"Cf", "Cc", "Zl", "Zp"}
        and text_problem(f"a{chr(point)}b") is None
    ]
    assert missing == []


def test_half_a_character_from_a_cms_is_a_located_finding() -> None:
    from pressgen import Pressroom

    room = Pressroom.from_data(
        {"sources": [{"id": "s", "name": "Half \ud800 of it"}]}, today=dt.date(2026, 11, 22)
    )
    [finding] = [f for f in room.findings if f.path == "/sources/0/name"]
    assert finding.code == codes.CONTROL_CHARACTER and finding.hint
    assert text_problem("Half \ud800") is not None


def test_a_problem_deep_in_a_body_says_its_line() -> None:
    refused = text_problem("one\ntwo\nthr\u200bee", allowed="\n")
    assert refused is not None and refused.line_in_text == 2
    assert "position 4 of line 3" in refused.message


def test_markup_in_plain_text_stays_text() -> None:
    assert LINE.validate_python("<b>Exports</b> & {{ x }}") == "<b>Exports</b> & {{ x }}"


def test_scanning_a_large_body_is_linear() -> None:
    import time

    body = ("\U0001f469\u200d\u2695\ufe0f " * 50_000) + "x"
    started = time.perf_counter()
    assert text_problem(body, allowed="\n") is None
    assert time.perf_counter() - started < 2


# ------------------------------------------------------------------ tags
@given(st.text(st.characters(categories=["L", "N", "M"]), min_size=1, max_size=20))
def test_tag_key_ignores_the_unicode_form(word: str) -> None:
    nfd, nfc = unicodedata.normalize("NFD", word), unicodedata.normalize("NFC", word)
    assert tag_key(nfd) == tag_key(nfc)


def test_tag_key_ignores_case() -> None:
    assert tag_key("Exports") == tag_key("EXPORTS") == tag_key("exports")
    assert tag_key("Straße") == tag_key("STRASSE")
    assert tag_key("CAFE\u0301") == tag_key("café")


def test_a_decomposed_tag_is_stored_composed() -> None:
    assert TAG.validate_python("cafe\u0301") == "caf\u00e9"


# ------------------------------------------------------------------ web addresses
@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd",
        "mailto:press@example.com",
        "//example.com/x",
        "www.example.com",
        "https:example.com",
        "https:\\\\evil.example",
        "https://good.example\\@evil.example",
        "https://trusted.example@evil.example/",
        "https://user:pass@example.com/",
        'https://example.com/"onmouseover="alert(1)',
        "https://example.com/<script>",
        "https://exa mple.com/",
        "https://example.com:99999/",
        "https://-bad-.example/",
        "https://",
        "https://exam\u200bple.com/",
        "https://example.com/\x00",
    ],
)
def test_only_http_and_https_addresses_of_a_server_are_web_addresses(url: str) -> None:
    refused = refusal(URL, url)
    assert refused is not None, url
    assert refused.code in {codes.URL_NOT_ALLOWED} | TEXT_CODES
    if refused.code == codes.URL_NOT_ALLOWED:
        assert "https://" in refused.hint or "address" in refused.hint


@pytest.mark.parametrize(
    "url",
    [
        "https://www.example.com",
        "http://press.example.com/news/2025/?page=2#top",
        "HTTPS://EXAMPLE.COM/",
        "https://例え.jp/パス",
        "https://127.0.0.1:8000/",
        "https://[::1]/",
        "https://localhost/",
        "https://example.com/a%20b",
    ],
)
def test_ordinary_web_addresses_are_accepted_as_written(url: str) -> None:
    assert URL.validate_python(url) == url


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.text(max_size=40).map(lambda t: "https://" + t)))
def test_an_accepted_address_is_http_or_https_with_a_server(value: str) -> None:
    if refusal(URL, value) is not None:
        return
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    assert parts.scheme.lower() in {"http", "https"}
    assert parts.hostname and "@" not in parts.netloc
    assert not any(c.isspace() or c in '<>"\\`' for c in value)


# ------------------------------------------------------------------ asset paths
@pytest.mark.parametrize(
    "path",
    [
        "/etc/passwd.png",
        "../secret.png",
        "images/../../x.png",
        "images//x.png",
        "./images/x.png",
        "C:/images/x.png",
        "C:\\images\\x.png",
        "http://127.0.0.1/logo.png",
        "//cdn.example/x.png",
        "data:image/png;base64,AAAA",
        "javascript:alert(1)//.png",
        "images/card.html",
        "images/x",
        "images/team photo.jpg",
        "content/images/x.png",
        "images/x.png?v=1",
    ],
)
def test_an_asset_path_is_a_relative_image_path_inside_content(path: str) -> None:
    refused = refusal(ASSET, path)
    assert refused is not None and refused.code in {codes.ASSET_PATH} | TEXT_CODES, path


@given(st.text(max_size=40))
@example("images/logo.PNG")
def test_an_accepted_asset_path_cannot_leave_content(path: str) -> None:
    if refusal(ASSET, path) is not None:
        return
    parts = path.split("/")
    assert not path.startswith("/") and ".." not in parts and ":" not in path
    assert parts[-1].rsplit(".", 1)[-1].lower() in {"png", "jpg", "jpeg", "gif", "webp", "svg"}


# ------------------------------------------------------------------ numbers
@settings(max_examples=300, deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False),
    st.sampled_from([None, "thousand", "million", "billion", "trillion"]),
)
@example(Decimal("-1.25"), "billion")
@example(Decimal("-0"), None)
@example(Decimal("5000"), "trillion")
@example(Decimal("91.17000000000001"), None)
def test_an_amount_of_money_is_refused_or_bounded_and_not_negative(
    amount: Decimal, scale: str | None
) -> None:
    try:
        money = Money(amount=amount, scale=scale)
    except ValidationError as exc:
        [error] = exc.errors()
        refused = (error.get("ctx") or {}).get("error")
        assert isinstance(refused, Refused), error
        assert refused.code in {codes.NEGATIVE_AMOUNT, codes.NUMBER_OUT_OF_RANGE}
        return
    assert not money.amount.is_signed()
    assert money.total < MAX_MAGNITUDE
    assert Money.model_validate(money.model_dump()) == money
    assert Money.model_validate_json(money.model_dump_json()) == money


# ------------------------------------------------------------------ dates
@given(st.dates())
def test_a_date_is_refused_outside_1900_to_2200(day: dt.date) -> None:
    refused = refusal(DATE, day)
    assert (refused is None) == (FIRST_YEAR <= day.year <= LAST_YEAR)
    if refused is not None:
        assert refused.code == codes.DATE_OUT_OF_RANGE and "2025-11-27" in refused.hint


# ------------------------------------------------------------------ settings
@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=40), st.sampled_from(["America", "America/", "Europe"])))
@example("../../../../etc/passwd")
@example("UTC\x00")
@example("a" * 300)
def test_any_time_zone_name_is_a_zone_or_a_finding(name: str) -> None:
    try:
        chosen = Settings(timezone=name)
    except ValidationError as exc:
        [error] = exc.errors()
        refused = (error.get("ctx") or {}).get("error")
        assert isinstance(refused, Refused) and refused.code == codes.UNKNOWN_SETTING_VALUE
        suggested = refused.hint.split("timezone: ", 1)[1].split(" ", 1)[0]
        assert Settings(timezone=suggested).zone  # the hint works when followed literally
        return
    assert chosen.zone is not None


def test_site_url_must_be_a_web_address() -> None:
    with pytest.raises(ValidationError, match="javascript"):
        Settings(site_url="javascript:alert(1)")
    assert Settings(site_url="https://press.example.com/").site_url == "https://press.example.com/"


SCALES = st.sampled_from([None, "thousand", "million", "billion", "trillion"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(st.decimals(allow_nan=False, allow_infinity=False), SCALES), min_size=3),
    st.sampled_from(["share", "ratio", "sum", "difference"]),
)
@example(
    [(Decimal("999999999999999"), "trillion"), (Decimal("0.000001"), None), (1, None)], "ratio"
)
def test_checking_a_derived_figure_never_crashes_on_accepted_numbers(
    figures: list[tuple[Decimal, str | None]], operation: str
) -> None:
    """Bounded numbers keep every derived figure computable (Decimal.quantize crashed)."""
    from pressgen import Pressroom

    def figure(index: int, value: Decimal, scale: str | None) -> dict[str, Any]:
        data: dict[str, Any] = {"id": f"f{index}", "kind": "figure", "source": "s"}
        data.update(as_of="2025-01-01", label="L", value=str(value), unit="deals")
        return {**data, "scale": scale} if scale else data

    facts = [figure(i, value, scale) for i, (value, scale) in enumerate(figures)]
    facts[-1]["derived"] = {"operation": operation, "inputs": [f["id"] for f in facts[:-1]]}
    room = Pressroom.from_data(
        {"sources": [{"id": "s", "name": "S"}], "facts": facts}, today=dt.date(2026, 11, 22)
    )
    room.check()  # never raises: a huge figure is refused where it is written (PG209)
