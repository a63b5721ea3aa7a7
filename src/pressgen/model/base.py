"""Shared field types of the content model.

Each type validates itself and explains a bad value in words an editor
understands; the same definitions produce the JSON Schema used by a CMS.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PrivateAttr,
    Strict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .field_docs import describe_fields
from .types import (  # noqa: F401  (the field types, for the model modules)
    AssetPath,
    Body,
    BoundedNumber,
    Date,
    Email,
    Refused,
    ShortText,
    Tag,
    Telephone,
    Text,
    Url,
    check_magnitude,
    check_year,
    refuse_negative,
)


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an object was read from: file, line, and the path of its data in the file."""

    file: str | None = None
    line: int | None = None
    pointer: tuple[Any, ...] = ()
    body_line: int = 1


class ContentModel(BaseModel):
    """Base of every content type: unknown fields are refused (they are usually typos)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, json_schema_extra=describe_fields
    )
    _origin: Origin = PrivateAttr(default_factory=Origin)

    def __eq__(self, other: object) -> bool:
        """Equal when the content is: where an object was read from does not count, so
        an object validated from its own ``model_dump()`` equals the object."""
        if not isinstance(other, BaseModel):
            return NotImplemented
        return type(self) is type(other) and all(
            getattr(self, name) == getattr(other, name) for name in type(self).model_fields
        )

    @property
    def origin(self) -> Origin:
        return self._origin

    def located(self, origin: Origin) -> ContentModel:
        self._origin = origin
        return self


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$"),
    Field(
        description="A short name used to refer to this item: lower-case letters, digits, "
        "'_' and '-' (for example cn_exports_2025).",
        examples=["cn_exports_2025"],
    ),
]

Scale = Literal["thousand", "million", "billion", "trillion"]
SCALE_FACTORS: dict[str, int] = {
    "thousand": 10**3,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
}

CurrencyCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z]{3}$"),
    Field(description="ISO 4217 currency code, e.g. USD, HKD, CNY.", examples=["USD"]),
]

_PLAIN_NUMBER = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")


def _unambiguous_number(value: Any) -> Any:
    """Numbers written as text must look like numbers: '01234' and '10:00' are refused."""
    if isinstance(value, bool):
        raise PydanticCustomError("number_type", "must be a number, not true/false")
    if isinstance(value, str) and not _PLAIN_NUMBER.match(value.strip()):
        raise PydanticCustomError(
            "ambiguous_number",
            "must be a plain number such as 91.17; '{value}' is not (leading zeros, "
            "times like 10:00 and thousands separators are not numbers)",
            {"value": value},
        )
    return value


def _plain_notation(value: Decimal) -> str:
    """A number as JSON text without an exponent ('1E+3' → '1000'), digits kept as written,
    so that it is read back as the same number."""
    return format(value, "f")


FiniteDecimal = Annotated[
    Decimal,
    BeforeValidator(_unambiguous_number),
    Field(allow_inf_nan=False),
    BoundedNumber,
    PlainSerializer(_plain_notation, return_type=str, when_used="json"),
]
StrictFlag = Annotated[bool, Strict()]


Qualifier = Literal[
    "over",
    "more than",
    "nearly",
    "almost",
    "around",
    "about",
    "approximately",
    "up to",
    "at least",
    "less than",
    "under",
]


class Money(ContentModel):
    """An amount of money: 1.25 billion US dollars is amount 1.25, scale billion, USD."""

    amount: FiniteDecimal = Field(
        description="The number as written, e.g. 1.25; never negative.",
        json_schema_extra={"minimum": 0},
    )
    scale: Scale | None = Field(None, description="thousand, million, billion or trillion.")
    currency: CurrencyCode = "USD"
    qualifier: Qualifier | None = None

    @model_validator(mode="after")
    def _plausible(self) -> Money:
        refuse_negative(self.amount, "an amount of money", "amount: 1.25", field="amount")
        check_magnitude(self.amount, self.total, field="amount")
        return self

    @property
    def total(self) -> Decimal:
        return self.amount * SCALE_FACTORS.get(self.scale or "", 1)


_PERIOD = re.compile(
    r"^(?P<y1>\d{4})(?:-(?P<p1>\d{2}|Q[1-4]|H[12]))?"
    r"(?:/(?P<y2>\d{4})(?:-(?P<p2>\d{2}|Q[1-4]|H[12]))?)?$"
)


def _check_period(value: Any) -> str:
    text = str(value).strip()
    match = _PERIOD.match(text)
    if not match:
        raise Refused(
            f"is {text!r}, which is not a period",
            "write a year (2024), a month (2025-03), a quarter (2025-Q1), a half (2025-H1) "
            "or a range (2025-01/2025-10)",
        )
    for key in ("p1", "p2"):
        part = match.group(key)
        if part and part.isdigit() and not 1 <= int(part) <= 12:
            raise Refused(
                f"is {text}, but month {part} does not exist",
                "write the month as 01 to 12, e.g. 2025-08",
            )
    for key in ("y1", "y2"):
        if match.group(key):
            check_year(int(match.group(key)), text, example="2025-08")
    return text


def _year_as_text(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


_PERIOD_DOC = (
    "The period a figure covers: a year (2024), a month (2025-08), a quarter (2025-Q1), "
    "a half (2025-H1) or a range (2025-01/2025-10)."
)
Period = Annotated[
    str,
    BeforeValidator(_year_as_text),
    AfterValidator(_check_period),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": _PERIOD.pattern},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": _PERIOD_DOC,
            "examples": ["2025-01/2025-10", 2024],
        }
    ),
    Field(
        description="The period a figure covers: a year (2024), a month (2025-08), a quarter "
        "(2025-Q1), a half (2025-H1) or a range (2025-01/2025-10).",
        examples=["2025-01/2025-10"],
    ),
]


def period_bounds(period: str) -> tuple[dt.date, dt.date]:
    """First and last month of a period, as dates on the 1st (used for formatting)."""
    match = _PERIOD.match(period)
    assert match is not None

    def start_end(year: str, part: str | None) -> tuple[dt.date, dt.date]:
        y = int(year)
        if part is None:
            return dt.date(y, 1, 1), dt.date(y, 12, 1)
        if part.startswith("Q"):
            q = int(part[1])
            return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, 1)
        if part.startswith("H"):
            h = int(part[1])
            return dt.date(y, 6 * h - 5, 1), dt.date(y, 6 * h, 1)
        return dt.date(y, int(part), 1), dt.date(y, int(part), 1)

    first = start_end(match["y1"], match["p1"])
    if match["y2"]:
        last = start_end(match["y2"], match["p2"])
        return first[0], last[1]
    return first
