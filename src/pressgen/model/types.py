"""What a content field may contain, as types: plain text, Markdown, web address, asset path,
bounded numbers and plausible dates.

A value is refused where it is written, with a located finding that names the field,
says what is wrong, gives a right value and how to fix it: every refusal here is a
:class:`Refused` (a ``ValueError`` that carries its finding code, hint and, for a rule
over several fields, the field to point at), which :mod:`pressgen.model.validate`
turns into the finding.

**Plain text** (titles, names, labels, summaries, notes, alt texts, tags): stored in
Unicode NFC, so that ``café`` typed on a Mac and on Windows is the same word; markup in
it is *not* interpreted (``<b>`` stays the four characters, escaped by every output).
Refused, because a reader cannot see them or because they break outputs (feeds, JSON,
XML), whatever the field:

- control characters: C0 and C1 (a tab included), DEL, lone surrogates,
  non-characters (U+FDD0–U+FDEF and U+xFFFE/U+xFFFF: a title with U+FFFF crashed the
  RSS writer), the line and paragraph separators U+2028/U+2029            → PG204;
- a line break in a one-line field (a title, a name)                       → PG205;
- invisible and direction-changing characters: every format character
  (Unicode category Cf: zero-width space and joiners, soft hyphen, word joiner, BOM,
  bidirectional embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069,
  tag characters), variation selectors other than the emoji ones, Hangul fillers and
  the combining grapheme joiner                                            → PG315.

Three invisible characters are part of visible emoji and are allowed only there: a
zero-width joiner between two emoji (👩‍⚕️), VS15/VS16 (U+FE0E/U+FE0F) straight after a
visible character (❤️), and tag characters in a flag sequence (🏴 + tags + U+E007F).

A multi-line text (summary, description, note, quote) may hold line breaks; a Windows
line end (CR LF) or a lone CR is stored as a line feed. **Markdown** bodies keep their
text as written (no NFC; sanitised when they are turned into HTML) and refuse the
same characters, tabs and line breaks allowed.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import unicodedata
from decimal import Decimal
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema

from .. import codes


class Refused(ValueError):
    """A value a field does not accept: the message (after the field's name), the finding
    code, a hint that works when followed literally, and for a rule over several fields
    the field the finding points at."""

    def __init__(
        self,
        message: str,
        hint: str,
        *,
        code: str = codes.INVALID_VALUE,
        field: str | None = None,
        line_in_text: int = 0,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code
        self.field = field
        self.line_in_text = line_in_text  # lines before the problem, in a multi-line text


# ------------------------------------------------------------------ characters
# Every character refused somewhere, as one class, so that text without any of them (all
# but a few values) is passed by a single regular-expression search. What each one is,
# and whether it is allowed where it stands, is decided only for the ones found.
# The class is kept in two parts: a search for characters of the Basic Multilingual Plane
# costs about 3 ns a character, one with ranges beyond it ten times more; text without
# any character beyond it (nearly all text: emoji are the exception) needs only the first.
_CF = (  # Unicode category Cf (format), as of Unicode 15.1
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
_CF_ASTRAL = (
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_IGNORABLE = (  # default-ignorable, shown as nothing, but not Cf
    "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
)
_IGNORABLE_ASTRAL = "\U000e0100-\U000e01ef"
_NONCHARACTER = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARACTER_ASTRAL = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
_OTHER = "\u2028\u2029\ud800-\udfff"
_CONTROLS_BUT = {  # C0 and C1 controls, but for the ones a kind of text may hold
    "": "\x00-\x1f\x7f-\x9f",
    "\n": "\x00-\x09\x0b-\x1f\x7f-\x9f",
    "\t\n\r": "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f",
}
_ASTRAL_PARTS = f"{_CF_ASTRAL}{_IGNORABLE_ASTRAL}{_NONCHARACTER_ASTRAL}"
_SUSPECT_IN_BMP = {
    allowed: re.compile(f"[{_CF}{_IGNORABLE}{_NONCHARACTER}{_OTHER}{controls}]")
    for allowed, controls in _CONTROLS_BUT.items()
}
_SUSPECT_ANYWHERE = {
    allowed: re.compile(f"[{_CF}{_IGNORABLE}{_NONCHARACTER}{_OTHER}{controls}{_ASTRAL_PARTS}]")
    for allowed, controls in _CONTROLS_BUT.items()
}
_SUSPECT = _SUSPECT_ANYWHERE[""]
_NONCHARACTER = _NONCHARACTER + _NONCHARACTER_ASTRAL
_NONCHARACTERS = re.compile(f"[{_NONCHARACTER}]")

_ZWJ = "\u200d"
_EMOJI_VS = "\ufe0e\ufe0f"
_BLACK_FLAG = "\U0001f3f4"
_TAG_FIRST, _TAG_LAST, _CANCEL_TAG = 0xE0020, 0xE007E, "\U000e007f"
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_CONTROL_NAMES = {
    "\t": "TAB",
    "\n": "LINE FEED",
    "\r": "CARRIAGE RETURN",
    "\x00": "NULL",
    "\x1b": "ESCAPE",
    "\x7f": "DELETE",
    "\x85": "NEXT LINE",
}


def _is_suspect(char: str) -> bool:
    return _SUSPECT.fullmatch(char) is not None


def _emoji_like(char: str) -> bool:
    return unicodedata.category(char) == "So" or ord(char) in _SKIN_TONES or char in _EMOJI_VS


def _describe(char: str) -> str:
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    code_point = f"U+{ord(char):04X}"
    return f"{name} ({code_point})" if name else code_point


def _flag_end(text: str, at: int) -> int | None:
    """The end of the flag tag sequence whose first tag character is at ``at``, if it is one."""
    if at == 0 or text[at - 1] != _BLACK_FLAG:
        return None
    end = at
    while end < len(text) and _TAG_FIRST <= ord(text[end]) <= _TAG_LAST:
        end += 1
    return end + 1 if end < len(text) and text[end] == _CANCEL_TAG and end > at else None


def _allowed_here(text: str, at: int) -> bool:
    char = text[at]
    if char == _ZWJ:  # inside an emoji sequence only
        return 0 < at < len(text) - 1 and _emoji_like(text[at - 1]) and _emoji_like(text[at + 1])
    if char in _EMOJI_VS:  # right after a visible character
        return at > 0 and not _is_suspect(text[at - 1])
    return False


def text_problem(text: str, *, allowed: Literal["", "\n", "\t\n\r"] = "") -> Refused | None:
    """Why ``text`` may not be stored (``allowed``: control characters it may hold, such as
    a line feed), or None. Linear in the length of the text."""
    position = 0
    beyond_bmp = len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)
    suspect = (_SUSPECT_ANYWHERE if beyond_bmp else _SUSPECT_IN_BMP)[allowed]
    while (match := suspect.search(text, position)) is not None:
        at = match.start()
        char = text[at]
        position = at + 1
        if char in allowed or _allowed_here(text, at):
            continue
        if _TAG_FIRST <= ord(char) <= _TAG_LAST and (end := _flag_end(text, at)) is not None:
            position = end
            continue
        line = text.count("\n", 0, at)
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        where = f"at position {column}" + (f" of line {line + 1} of the text" if line else "")
        what = _describe(char)
        if char in "\n\r\u2028\u2029\x85" and "\n" not in allowed:
            return Refused(
                f"must be one line, but has a line break ({what}) {where}",
                "write it on one line: join the lines with a space",
                code=codes.LINE_BREAK,
                line_in_text=line,
            )
        category = unicodedata.category(char)
        if category in {"Cc", "Cs", "Zl", "Zp"} or _NONCHARACTERS.fullmatch(char):
            kind = {"Cn": "a non-character", "Cs": "half of a broken character"}.get(
                category, "a control character"
            )
            return Refused(
                f"contains {kind}, {what}, {where}",
                f"delete it: retype the text around position {column}"
                + (", with a space instead of the tab" if char == "\t" else "")
                + " (such characters come from copying out of PDFs, spreadsheets or terminals)",
                code=codes.CONTROL_CHARACTER,
                line_in_text=line,
            )
        return Refused(
            f"contains an invisible or direction-changing character, {what}, {where}",
            f"retype the text around position {column}, or paste it as plain text: "
            "the character can hide or reverse words",
            code=codes.INVISIBLE_CHARACTER,
            line_in_text=line,
        )
    return None


def _plain_line(value: str) -> str:
    value = unicodedata.normalize("NFC", value)
    problem = text_problem(value)
    if problem is not None:
        raise problem
    return value


def _plain_text(value: str) -> str:
    value = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    problem = text_problem(value, allowed="\n")
    if problem is not None:
        raise problem
    return value


def _markdown(value: str) -> str:
    problem = text_problem(value, allowed="\t\n\r")
    if problem is not None:
        raise problem
    return value


def _nfc(value: Any) -> Any:
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


PlainLine = AfterValidator(_plain_line)
PlainText = AfterValidator(_plain_text)
MarkdownText = AfterValidator(_markdown)

ShortText = Annotated[str, StringConstraints(min_length=1, max_length=300), PlainLine]
"""Plain text on one line (a title, a name, a label): NFC, no invisible or control characters."""
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000), PlainText]
"""Plain text that may run over several lines (a summary, a description, a note)."""
Body = Annotated[str, StringConstraints(max_length=500_000), MarkdownText]
"""Markdown as written: no invisible or control characters; sanitised when made HTML."""

Tag = Annotated[
    str,
    BeforeValidator(_nfc),
    StringConstraints(pattern=r"^[\w][\w \-&/.]{0,39}$"),
    PlainLine,
    Field(description="A topic label such as 'licensing' or 'exports'.", examples=["licensing"]),
]


def tag_key(tag: str) -> str:
    """The spelling-free identity of a tag: 'Exports', 'exports' and 'EXPORTS' are one topic."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", tag).casefold())


# ------------------------------------------------------------------ web addresses
_HOST = re.compile(r"^(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)*[^\W_](?:[\w-]{0,61}[^\W_])?\.?$")
_NOT_IN_URL = re.compile(r"[\s<>\"`\\{}|^]")
_URL_EXAMPLE = "https://www.example.com/news"


def _check_web_url(value: str) -> str:
    """An absolute http(s) address of a page: the only scheme a reader's browser opens as a
    web page, so never ``javascript:``, ``data:`` or ``file:``."""
    problem = text_problem(value)
    if problem is not None:
        raise problem

    def refuse(message: str, hint: str) -> Refused:
        return Refused(message, hint, code=codes.URL_NOT_ALLOWED)

    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in {"http", "https"}:
        said = f"it starts with '{scheme}:'" if scheme else "it has no https://"
        raise refuse(
            f"must be a web address starting with https:// or http://, but {said}",
            f"write the full address as a browser shows it, e.g. {_URL_EXAMPLE}",
        )
    if not value[len(scheme) :].startswith("://"):
        raise refuse(
            "must have '//' after the scheme",
            f"write it as {scheme}://…, e.g. {_URL_EXAMPLE}",
        )
    bad = _NOT_IN_URL.search(value)
    if bad is not None:
        shown = "a space" if bad.group().isspace() else f"'{bad.group()}'"
        raise refuse(
            f"contains {shown} at position {bad.start() + 1}, which a web address cannot hold",
            "copy the address from the browser's address bar (spaces become %20)",
        )
    parts = urlsplit(value)
    if "@" in parts.netloc:
        raise refuse(
            "contains a user name or password before '@'; such addresses are used to disguise "
            "where a link leads",
            f"remove everything between '//' and '@', e.g. {_URL_EXAMPLE}",
        )
    host = parts.hostname or ""
    try:
        parts.port  # noqa: B018  (raises on a port that is not a number from 0 to 65535)
        if host.startswith("[") or ":" in host:
            ipaddress.ip_address(host.strip("[]"))
        elif not _HOST.match(host):
            raise ValueError(host)
    except ValueError:
        raise refuse(
            f"does not name a web server ('{host or parts.netloc}')",
            f"write the address as a browser shows it, e.g. {_URL_EXAMPLE}",
        ) from None
    return value


Url = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_check_web_url),
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://",
            "maxLength": 2000,
            "examples": ["https://www.example.com"],
        }
    ),
]
"""An absolute http(s) address: company and editor websites, source pages, the site's address.
(E-mail addresses and telephone numbers are fields of their own, never links typed by hand.)"""


def _check_email(value: str) -> str:
    if not re.match(r"^[\w.!#$%&'*+/=?~-]+@(?:[^\W_][\w-]*\.)+[^\W\d_]{2,}$", value):
        raise Refused(
            f"is not an e-mail address ('{value}')",
            "write the address as name@domain, e.g. press@example.com",
        )
    return value


Email = Annotated[
    str, StringConstraints(max_length=254), PlainLine, AfterValidator(_check_email),
    Field(examples=["press@example.com"]),
]  # fmt: skip


def _check_phone(value: str) -> str:
    if not re.match(r"^\+?[0-9][0-9 ()\-]{5,24}$", value):
        raise Refused(
            f"is not a telephone number ('{value}')",
            "write it in quotes with the country code, e.g. telephone: '+852 5288 1999'",
        )
    return value


Telephone = Annotated[str, AfterValidator(_check_phone), Field(examples=["+852 5288 1999"])]


# ------------------------------------------------------------------ asset paths
IMAGE_KINDS: dict[str, str] = {
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "gif": "GIF",
    "webp": "WebP",
    "svg": "SVG",
}
_ASSET_NAME = re.compile(r"^[A-Za-z0-9_.\-/]+$")
_ASSET_EXAMPLE = "images/team-photo.jpg"


def _check_asset_path(value: str) -> str:
    """The path of an image inside content/: relative, no '..', an image's extension.
    Whether the file exists and is what its name says is checked on the files
    (:mod:`pressgen.check.assets`), not here."""
    problem = text_problem(value)
    if problem is not None:
        raise problem

    def refuse(message: str, hint: str) -> Refused:
        return Refused(message, hint, code=codes.ASSET_PATH)

    if re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", value) or value.startswith("//"):
        raise refuse(
            "is an address, not the path of a file inside content/; pressgen publishes only "
            "images that are part of the press room",
            f"save the image under content/images/ and write its path, e.g. {_ASSET_EXAMPLE}",
        )
    if value.startswith(("/", "\\")) or "\\" in value:
        raise refuse(
            "must be a path inside content/ written with '/' and without a leading '/'",
            f"write the path from inside content/, e.g. {_ASSET_EXAMPLE}",
        )
    parts = value.split("/")
    if ".." in parts or "." in parts or "" in parts:
        raise refuse(
            "must lead to a file inside content/, without '..', '.' or '//'",
            f"move the image into content/images/ and write e.g. {_ASSET_EXAMPLE}",
        )
    if parts[0] == "content":
        raise refuse(
            "starts with 'content/', but paths are written from inside content/",
            f"remove 'content/' from the start: {'/'.join(parts[1:])}",
        )
    if not _ASSET_NAME.match(value):
        raise refuse(
            "has a character other than letters a-z, digits, '-', '_', '.' and '/'; such "
            "names break the image's web address",
            f"rename the file with letters, digits and '-' only, e.g. {_ASSET_EXAMPLE}",
        )
    extension = parts[-1].rsplit(".", 1)[-1].lower() if "." in parts[-1] else ""
    if extension not in IMAGE_KINDS:
        raise refuse(
            f"must name a PNG, JPEG, GIF, WebP or SVG image, not '.{extension}'"
            if extension
            else "must name an image file with its extension (.png, .jpg, .gif, .webp, .svg)",
            f"save the image as PNG or JPEG and write its path, e.g. {_ASSET_EXAMPLE}",
        )
    return value


AssetPath = Annotated[
    str,
    StringConstraints(min_length=1, max_length=300),
    AfterValidator(_check_asset_path),
    Field(examples=["images/dengyuemed-logo.png"]),
]


# ------------------------------------------------------------------ numbers
MAX_MAGNITUDE = Decimal(10) ** 15
"""The largest amount or figure pressgen accepts (a quadrillion, scale included): the world's
yearly output is about 10**14 US dollars, so anything larger is a typo; bounding it keeps
every derived figure and every formatted number exact."""
MAX_DECIMALS = 6
MAX_DIGITS = 15


def check_magnitude(value: Decimal, total: Decimal, field: str | None = None) -> None:
    """Refuse a number whose size (``total``: the value times its scale) is past belief."""
    if abs(total) >= MAX_MAGNITUDE:
        raise Refused(
            f"is {value}, which makes {total:,.0f}: more than a quadrillion, so most likely a typo",
            "check the number against the source; write large numbers with a scale, e.g. "
            "value: 91.17 and scale: billion",
            code=codes.NUMBER_OUT_OF_RANGE,
            field=field,
        )


def _bounded_number(value: Decimal) -> Decimal:
    _sign, digits, exponent = value.as_tuple()
    decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    significant = len(digits) - next((i for i, d in enumerate(digits) if d), len(digits))
    if decimals > MAX_DECIMALS or significant > MAX_DIGITS:
        raise Refused(
            f"is {value}: more than {MAX_DECIMALS} digits after the point or more than "
            f"{MAX_DIGITS} digits in all, more than any source publishes",
            "write the number as the source prints it, e.g. 91.17",
            code=codes.NUMBER_OUT_OF_RANGE,
        )
    check_magnitude(value, value)
    return value


BoundedNumber = AfterValidator(_bounded_number)


def refuse_negative(value: Decimal, what: str, example: str, field: str | None = None) -> None:
    if value < 0 or (value == 0 and value.is_signed()):
        raise Refused(
            f"is {value}, but {what} cannot be negative",
            f"write it without the minus sign, e.g. {example}",
            code=codes.NEGATIVE_AMOUNT,
            field=field,
        )


# ------------------------------------------------------------------ dates
FIRST_YEAR, LAST_YEAR = 1900, 2200


def check_year(year: int, shown: str, example: str = "2025-11-27") -> None:
    """Refuse a year before 1900 or after 2200: a typo, and one that breaks feeds and JSON-LD
    (year 1 has no valid time-zone offset)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Refused(
            f"is {shown}; a year before {FIRST_YEAR} or after {LAST_YEAR} is most likely a typo",
            f"write it with its four-digit year, e.g. {example}",
            code=codes.DATE_OUT_OF_RANGE,
        )


def _plausible_date(value: dt.date) -> dt.date:
    check_year(value.year, value.isoformat())
    return value


Date = Annotated[dt.date, AfterValidator(_plausible_date), Field(examples=["2025-11-27"])]
