"""Facts: sourced statements shared by many articles (figure, deal, quote, event, statement)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from ..i18n import LanguageTag
from .base import (
    SCALE_FACTORS,
    ContentModel,
    CurrencyCode,
    FiniteDecimal,
    Id,
    Money,
    Period,
    Qualifier,
    Scale,
)
from .types import Date, Refused, ShortText, Text, check_magnitude, refuse_negative


class Change(ContentModel):
    """How a figure moved against a comparison period: +3.5 percent year on year."""

    value: FiniteDecimal = Field(description="Positive for a rise, negative for a fall.")
    unit: Literal["percent", "percentage points"] = "percent"
    basis: ShortText = Field(
        "year on year", description="Compared with what, e.g. 'year on year', 'from 2024'."
    )


class Derivation(ContentModel):
    """How a figure follows from other figures, so that pressgen can check the arithmetic.

    ``share`` is inputs[0] / inputs[1] x 100 (25 of 62 deals → 40.3 percent);
    ``ratio`` is inputs[0] / inputs[1]; ``sum`` adds all inputs; ``difference``
    is inputs[0] - inputs[1].
    """

    operation: Literal["share", "ratio", "sum", "difference"]
    inputs: list[Id] = Field(min_length=2, description="The ids of the input figures.")
    rounding: FiniteDecimal | None = Field(
        None,
        description="How far the written value may be from the computed one, e.g. 5 for "
        "'around 40%'. Default: half a unit of the last digit written.",
        json_schema_extra={"minimum": 0},
    )

    @field_validator("rounding")
    @classmethod
    def _not_negative(cls, value: Decimal | None) -> Decimal | None:
        if value is not None:
            refuse_negative(value, "a rounding (how far off the value may be)", "rounding: 1")
        return value


class FactTranslation(ContentModel):
    """The wording of a fact in another language; numbers and dates are never translated.

    Each kind of fact has its own translation model with only the fields that kind can
    translate, so that a fact's ``model_dump()`` (which lists every field, ``None`` or
    not) validates back, and a wording that the kind does not have is refused where it
    is written (``translations/zh-Hant-HK/title`` of a figure).
    """


class FigureTranslation(FactTranslation):
    """A figure's wording in another language."""

    label: ShortText | None = Field(None, description="The label in this language.")
    unit: ShortText | None = Field(None, description="The unit in this language.")
    qualifier: ShortText | None = Field(None, description="The qualifier in this language.")
    basis: ShortText | None = Field(None, description="The change's basis, e.g. 按年.")


class DealTranslation(FactTranslation):
    """A deal's wording in another language."""

    licensor: ShortText | None = Field(None, description="The licensor in this language.")
    licensee: ShortText | None = Field(None, description="The licensee in this language.")
    asset: ShortText | None = Field(None, description="The asset in this language.")
    modality: ShortText | None = Field(None, description="The modality in this language.")
    territory: ShortText | None = Field(None, description="The territory in this language.")


class QuoteTranslation(FactTranslation):
    """A quote's wording in another language."""

    speaker: ShortText | None = Field(None, description="The speaker in this language.")
    title: ShortText | None = Field(None, description="The title in this language.")
    organisation: ShortText | None = Field(None, description="The organisation in this language.")
    text: Text | None = Field(None, description="The text in this language.")


class EventTranslation(FactTranslation):
    """An event's wording in another language."""

    name: ShortText | None = Field(None, description="The name in this language.")
    place: ShortText | None = Field(None, description="The place in this language.")
    organiser: ShortText | None = Field(None, description="The organiser in this language.")


class StatementTranslation(FactTranslation):
    """A statement's wording in another language."""

    who: ShortText | None = Field(None, description="Who made it, in this language.")
    what: Text | None = Field(None, description="What they did or said, in this language.")
    jurisdiction: ShortText | None = Field(None, description="Where it applies, in this language.")


TRANSLATIONS: dict[str, type[FactTranslation]] = {
    "figure": FigureTranslation,
    "deal": DealTranslation,
    "quote": QuoteTranslation,
    "event": EventTranslation,
    "statement": StatementTranslation,
}
TRANSLATABLE: dict[str, tuple[str, ...]] = {
    kind: tuple(model.model_fields) for kind, model in TRANSLATIONS.items()
}
_TRANSLATIONS_DOC = "Its wording in other languages, e.g. zh-Hant-HK: {label: 中國醫藥出口}."


class FactBase(ContentModel):
    id: Id
    source: Id = Field(description="The id of the source (in sources.yml) that published it.")
    as_of: Date = Field(description="The date the fact was true or published (YYYY-MM-DD).")
    expires: Date | None = Field(
        None, description="After this date the fact is out of date and must not be published."
    )
    note: Text | None = Field(None, description="An internal note; never published.")
    translations: dict[LanguageTag, FactTranslation] = Field(
        default_factory=dict, description=_TRANSLATIONS_DOC
    )

    def wording(self, name: str, tag: str | None) -> str | None:
        """A text field in language ``tag``, falling back to the fact as written."""
        translation = self.translations.get(tag) if tag else None  # type: ignore[call-overload]
        value = getattr(translation, name, None) if translation is not None else None
        return value if value is not None else getattr(self, name, None)

    def untranslated(self, tag: str) -> list[str]:
        """The wordings it has but lacks in language ``tag``.

        Qualifiers, change bases and 'percent' are translated by pressgen's label
        tables, so they are never reported.
        """
        translation = self.translations.get(tag)  # type: ignore[call-overload]
        own_table = {"basis", "qualifier"}
        if getattr(self, "is_percent", False):
            own_table.add("unit")
        return [
            name
            for name in TRANSLATABLE.get(getattr(self, "kind", ""), ())
            if name not in own_table
            and getattr(self, name, None)
            and getattr(translation, name, None) is None
        ]


class Figure(FactBase):
    """A number with its unit, period and source: China's exports were $91.17 billion."""

    kind: Literal["figure"] = "figure"
    translations: dict[LanguageTag, FigureTranslation] = Field(  # type: ignore[assignment]
        default_factory=dict, description=_TRANSLATIONS_DOC
    )
    label: ShortText = Field(
        description="What the number measures, e.g. 'China pharmaceutical exports'.",
        examples=["China pharmaceutical exports"],
    )
    value: FiniteDecimal = Field(description="The number as written in the source, e.g. 91.17.")
    scale: Scale | None = Field(None, description="thousand, million, billion or trillion.")
    currency: CurrencyCode | None = Field(None, description="Set for money figures, e.g. USD.")
    unit: ShortText | None = Field(
        None,
        description="'percent', or what is counted ('deals', 'trials'); leave out for money.",
        examples=["percent", "deals"],
    )
    period: Period | None = None
    change: Change | None = None
    qualifier: Qualifier | None = Field(
        None, description="A word printed before the number: over, nearly, around, ..."
    )
    derived: Derivation | None = Field(
        None, description="For a figure computed from other figures: how, so it is checked."
    )

    @model_validator(mode="after")
    def _unit_or_currency(self) -> Figure:
        if self.currency and self.unit:
            raise Refused(
                f"is '{self.unit}', but the figure also has a currency ({self.currency}): a "
                "figure is either money or a count",
                "remove the line 'unit:' for an amount of money, or 'currency:' for a count",
                field="unit",
            )
        if self.currency:
            refuse_negative(
                self.value,
                "an amount of money (a loss or a deficit is said in the label)",
                "value: 1.2 with label: Trade deficit",
                field="value",
            )
        check_magnitude(self.value, self.total, field="value")
        return self

    @property
    def is_money(self) -> bool:
        return self.currency is not None

    @property
    def is_percent(self) -> bool:
        return (self.unit or "").lower() in {"percent", "%"}

    @property
    def total(self) -> Decimal:
        return self.value * SCALE_FACTORS.get(self.scale or "", 1)


class Deal(FactBase):
    """A licensing or partnership deal between two companies."""

    kind: Literal["deal"] = "deal"
    translations: dict[LanguageTag, DealTranslation] = Field(  # type: ignore[assignment]
        default_factory=dict, description=_TRANSLATIONS_DOC
    )
    licensor: ShortText = Field(description="Who grants the rights, e.g. 3SBio.")
    licensee: ShortText = Field(description="Who receives the rights, e.g. Pfizer.")
    asset: ShortText = Field(description="The drug or platform, e.g. SSGJ-707.")
    modality: ShortText | None = Field(None, description="e.g. PD-1/VEGF bispecific antibody.")
    territory: ShortText | None = Field(None, description="e.g. worldwide excluding China.")
    upfront: Money | None = None
    total_value: Money | None = None
    date: Date
    status: Literal["announced", "completed", "terminated"] = "announced"
    as_of: Date | None = Field(None, description="Defaults to the deal date.")  # type: ignore[assignment]

    @model_validator(mode="after")
    def _amounts(self) -> Deal:
        if self.upfront and self.total_value and self.upfront.total > self.total_value.total:
            raise Refused(
                "is larger than the total deal value, which includes it",
                "check both amounts and their scales against the source (upfront is part of "
                "total_value)",
                field="upfront",
            )
        return self


class Quote(FactBase):
    """Words someone said, with who said them and when."""

    kind: Literal["quote"] = "quote"
    translations: dict[LanguageTag, QuoteTranslation] = Field(  # type: ignore[assignment]
        default_factory=dict, description=_TRANSLATIONS_DOC
    )
    speaker: ShortText
    title: ShortText | None = Field(None, description="The speaker's job title.")
    organisation: ShortText | None = None
    text: Text = Field(description="The quoted words, without quotation marks.")
    date: Date
    as_of: Date | None = Field(None, description="Defaults to the quote date.")  # type: ignore[assignment]


class Event(FactBase):
    """A conference, trade fair or other dated event."""

    kind: Literal["event"] = "event"
    translations: dict[LanguageTag, EventTranslation] = Field(  # type: ignore[assignment]
        default_factory=dict, description=_TRANSLATIONS_DOC
    )
    name: ShortText
    organiser: ShortText | None = None
    start: Date
    end: Date | None = None
    place: ShortText | None = None
    as_of: Date | None = Field(None, description="Defaults to the start date.")  # type: ignore[assignment]

    @model_validator(mode="after")
    def _order(self) -> Event:
        if self.end and self.end < self.start:
            raise Refused(
                f"is {self.end.isoformat()}, before the start ({self.start.isoformat()}): the "
                "event would end before it starts",
                f"write the last day on or after the first, e.g. end: {self.start.isoformat()}",
                field="end",
            )
        return self


class Statement(FactBase):
    """A sourced fact with no number: a regulator's guideline, an approval, a policy, a
    designation — who did what, when, and where it applies."""

    kind: Literal["statement"] = "statement"
    translations: dict[LanguageTag, StatementTranslation] = Field(  # type: ignore[assignment]
        default_factory=dict, description=_TRANSLATIONS_DOC
    )
    who: ShortText = Field(description="Who made it, e.g. China's NMPA.")
    what: Text = Field(description="What they did, e.g. 'issued guidelines on real-world data'.")
    date: Date = Field(description="When it was made (YYYY-MM-DD).")
    jurisdiction: ShortText | None = Field(None, description="Where it applies, e.g. China.")
    as_of: Date | None = Field(None, description="Defaults to the date.")  # type: ignore[assignment]


Fact = Annotated[Figure | Deal | Quote | Event | Statement, Field(discriminator="kind")]
FACT_KINDS: dict[str, type[FactBase]] = {
    "figure": Figure,
    "deal": Deal,
    "quote": Quote,
    "event": Event,
    "statement": Statement,
}


def fact_date(fact: FactBase) -> dt.date:
    """The as-of date of a fact, falling back to its own date."""
    if fact.as_of is not None:
        return fact.as_of
    return getattr(fact, "date", None) or getattr(fact, "start")  # noqa: B009
