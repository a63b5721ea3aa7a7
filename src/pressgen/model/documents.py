"""Documents: fragments (reusable Markdown) and articles (what gets published)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import (
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from .. import codes
from ..i18n import LanguageTag
from .base import ContentModel, Id, StrictFlag
from .types import (
    AssetPath,
    Body,
    Date,
    Refused,
    ShortText,
    Tag,
    Text,
    check_year,
    tag_key,
)

_MOMENT_HINT = (
    "write a date as 2025-11-27, or a date and time with its time zone as 2025-11-27T09:00:00+08:00"
)


def _check_moment(value: object) -> dt.date | dt.datetime:
    """A date, or a date and time that says its time zone (never a floating time)."""
    if isinstance(value, str):
        try:
            value = (
                dt.datetime.fromisoformat(value)
                if "T" in value or " " in value.strip()
                else dt.date.fromisoformat(value)
            )
        except ValueError:
            raise Refused(
                f"is {value!r}, which is not a date (2025-11-27) or a date and time with its "
                "time zone (2025-11-27T09:00:00+08:00)",
                _MOMENT_HINT,
            ) from None
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise Refused(
                f"has a time ({value.isoformat()}) but no time zone, so it does not say when",
                f"add the zone after the time, e.g. {value.isoformat()}+08:00 for Hong Kong",
            )
        check_year(value.year, value.isoformat(), example="2025-11-27T09:00:00+08:00")
        return value
    if isinstance(value, dt.date):
        check_year(value.year, value.isoformat())
        return value
    raise Refused(
        f"is {value!r}, which is not a date or a date and time with its time zone", _MOMENT_HINT
    )


Moment = Annotated[
    dt.datetime | dt.date,
    PlainValidator(_check_moment),
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema(
        {
            "type": "string",
            "anyOf": [{"format": "date"}, {"format": "date-time"}],
            "examples": ["2025-11-27T09:00:00+08:00"],
        }
    ),
]


def _check_instant(value: object) -> dt.datetime:
    """A date and time with its time zone: an embargo must say exactly when it lifts."""
    moment = _check_moment(value)
    if not isinstance(moment, dt.datetime):
        raise Refused(
            f"is the date {moment.isoformat()} without a time and time zone: a date alone does "
            "not say when the embargo lifts",
            f"add the time and its zone, e.g. {moment.isoformat()}T09:00+08:00",
        )
    return moment


Instant = Annotated[
    dt.datetime,
    PlainValidator(_check_instant),
    PlainSerializer(lambda value: value.isoformat(), return_type=str, when_used="json"),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "examples": ["2026-01-15T09:00+08:00"]}
    ),
]
ArticleKey = Annotated[
    str,
    StringConstraints(pattern=r"^(?:[a-z-]+/)?[a-z0-9][a-z0-9-]{0,99}$"),
    Field(
        description="An article's address key: its slug, with the language folder in front "
        "for a language other than the site's main one (zh-hant/some-slug).",
        examples=["dengyuemed-opens-a-single-export-desk"],
    ),
]


def moment_at(value: dt.date | dt.datetime, zone: dt.tzinfo) -> dt.datetime:
    """A date or date-time as a moment; a plain date means midnight in ``zone``."""
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.combine(value, dt.time(0, 0), tzinfo=zone)


def parse_now(value: str | None, zone: dt.tzinfo) -> dt.datetime:
    """A 'now' given by a user (ISO 8601 with its time zone), or the clock's."""
    if not value:
        return dt.datetime.now(zone)
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"'{value}' has no time zone; write e.g. 2026-01-15T09:00+08:00")
    return moment


ArticleType = Literal["press-release", "market-update"]


# schema.org NewsArticle headlines, and so search engines and news sites, stop here.
MAX_HEADLINE = 110


class Topic(ContentModel):
    """A topic in content/tags.yml. When that file exists, articles may use only its tags."""

    name: Tag
    description: Text | None = None


class Fragment(ContentModel):
    """A reusable piece of Markdown: the boilerplate, a disclaimer, a standard paragraph.

    A translation is a second file with the same ``id`` and its own ``lang``.
    """

    id: Id
    lang: LanguageTag | None = Field(
        None, description="The fragment's language; leave out for the site's main language."
    )
    title: ShortText
    owner: ShortText | None = Field(None, description="Who is responsible for the wording.")
    approved_on: Date | None = None
    expires_on: Date | None = Field(None, description="After this date it must be reviewed.")
    body: Body = Field("", description="The Markdown text (the part after the front matter).")


class Correction(ContentModel):
    """A correction made after publication, shown on the page with its date."""

    date: Moment = Field(description="When the correction was made.")
    note: Text = Field(description="What was corrected, e.g. 'The export figure was revised.'")


class Article(ContentModel):
    """A press release or market update: front matter plus a Markdown body."""

    type: ArticleType = Field(description="press-release or market-update.")
    title: ShortText
    subtitle: ShortText | None = None
    date: Moment = Field(
        description="Publication date; with a time it must carry its time zone, "
        "e.g. 2025-11-27T09:00:00+08:00.",
        examples=["2025-11-27T09:00:00+08:00"],
    )
    dateline: ShortText = Field(description="The city the news comes from.", examples=["Hong Kong"])
    editor: Id = Field(description="The id of the editor (in editors.yml) to contact.")
    tags: list[Tag] = Field(default_factory=list)
    summary: Text = Field(
        description="One or two sentences for the news index and search engines; may cite "
        "facts like the body, e.g. {{ fact.cn_exports_2025 }}."
    )
    facts: list[Id] = Field(default_factory=list, description="The ids of the facts it cites.")
    slug: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,99}$")] | None = Field(
        None, description="The last part of the page address; made from the title if left out."
    )
    tie_in: Id | None = Field(None, description="Company paragraph; defaults to the company's.")
    audience: Literal["public", "professional"] = Field(
        "public",
        description="Who may read it: 'public' articles are checked against the rule sets "
        "for public medical advertising; 'professional' ones address healthcare professionals.",
    )
    draft: StrictFlag = False
    lang: LanguageTag | None = Field(
        None,
        description="en, zh-Hant-HK or zh-Hans-CN; leave out for the site's main language.",
    )
    translation_of: ArticleKey | None = Field(
        None,
        description="For a translation: the key of the original article (its slug). A "
        "translation must cite the same facts as its original.",
    )
    updated: Moment | None = Field(
        None,
        description="When the text was last changed in substance; translations older than "
        "their original's update are flagged.",
    )
    embargo: Instant | None = Field(
        None,
        description="Not published before this moment (with its time zone); exports say "
        "EMBARGOED UNTIL while it lasts.",
        examples=["2026-01-15T09:00+08:00"],
    )
    corrects: ArticleKey | None = Field(
        None,
        description="For a correcting release: the key of the release it corrects and replaces.",
    )
    corrections: list[Correction] = Field(
        default_factory=list, description="Corrections made after publication, oldest first."
    )
    urgency: int = Field(
        5, ge=1, le=9, description="Newswire urgency, 1 (most urgent) to 9; 5 is normal."
    )
    image: AssetPath | None = Field(
        None,
        description="Path of an image inside content/ for social cards and search, e.g. "
        "images/team-photo.jpg (PNG, JPEG, GIF, WebP or SVG).",
    )
    image_alt: ShortText | None = Field(
        None, description="What the image shows, for readers who cannot see it."
    )
    body: Body = Field("", description="The Markdown text (the part after the front matter).")

    @field_validator("tags")
    @classmethod
    def _unique_tags(cls, tags: list[str]) -> list[str]:
        seen: dict[str, str] = {}
        for tag in tags:
            first = seen.get(tag_key(tag))
            seen.setdefault(tag_key(tag), tag)
            if first is not None:
                shown = f"'{tag}'" + (f" (as '{first}')" if first != tag else "")
                raise Refused(
                    f"lists the tag {shown} twice",
                    f"remove the second '{tag}' from 'tags:'",
                )
        return tags

    @field_validator("facts")
    @classmethod
    def _unique_facts(cls, facts: list[str]) -> list[str]:
        if len(set(facts)) != len(facts):
            duplicates = sorted({f for f in facts if facts.count(f) > 1})
            raise Refused(
                f"lists these facts twice: {', '.join(duplicates)}",
                f"keep each id once in 'facts:' (remove the second '{duplicates[0]}')",
            )
        return facts

    @model_validator(mode="after")
    def _image_has_alt(self) -> Article:
        if self.image and not self.image_alt:
            raise Refused(
                "needs 'image_alt:' beside it, a short description of what the image shows for "
                "readers who cannot see it",
                "add a line under 'image:' such as image_alt: The export desk team in Hong Kong",
                code=codes.MISSING_FIELD,
                field="image",
            )
        return self

    def published_at(self, default_tz: dt.tzinfo) -> dt.datetime:
        """The publication moment; a plain date means midnight in the press room's zone."""
        return moment_at(self.date, default_tz)

    def visible_from(self, default_tz: dt.tzinfo) -> dt.datetime:
        """When it may appear on the site: its date, or the end of its embargo if later."""
        published = self.published_at(default_tz)
        return max(published, self.embargo) if self.embargo else published

    def modified_at(self, default_tz: dt.tzinfo) -> dt.datetime:
        """The last substantive change: publication, 'updated', or the latest correction."""
        moments = [self.date, *(c.date for c in self.corrections)]
        if self.updated is not None:
            moments.append(self.updated)
        return max(moment_at(m, default_tz) for m in moments)
