"""Who publishes: the company, its editors, and the sources it cites."""

from __future__ import annotations

from typing import TypeVar

from pydantic import Field

from ..i18n import LanguageTag
from .base import ContentModel, Id
from .types import AssetPath, Date, Email, ShortText, Telephone, Text, Url


class CompanyTranslation(ContentModel):
    """The company's name and description in another language."""

    name: ShortText | None = Field(None, description="The name in this language.")
    headquarters: ShortText | None = Field(None, description="The headquarters in this language.")
    description: Text | None = Field(None, description="The description in this language.")


class EditorTranslation(ContentModel):
    """An editor's name and role in another language."""

    name: ShortText | None = Field(None, description="The name in this language.")
    role: ShortText | None = Field(None, description="The role in this language.")


class Company(ContentModel):
    """The company whose press room this is."""

    name: ShortText = Field(examples=["DengYueMed"])
    legal_name: ShortText | None = None
    headquarters: ShortText = Field(examples=["Hong Kong SAR"])
    website: Url
    logo: AssetPath | None = Field(
        None,
        description="Path of the logo image inside content/, e.g. images/logo.png (PNG, JPEG, "
        "GIF, WebP or SVG).",
    )
    description: Text = Field(description="One or two sentences about the company.")
    boilerplate: Id = Field(description="The id of the 'About the company' fragment.")
    tie_in: Id | None = Field(
        None, description="The id of the company paragraph closing every market update."
    )
    translations: dict[LanguageTag, CompanyTranslation] = Field(
        default_factory=dict, description="Name and description in other languages."
    )


class Editor(ContentModel):
    """A press contact, printed as 'Editor Details' under every article."""

    id: Id
    name: ShortText
    role: ShortText | None = None
    email: Email
    telephone: Telephone
    website: Url | None = Field(None, description="Defaults to the company website.")
    translations: dict[LanguageTag, EditorTranslation] = Field(
        default_factory=dict, description="Name and role in other languages."
    )


class Source(ContentModel):
    """Who published a figure: an agency, an association, a research firm."""

    id: Id
    name: ShortText = Field(examples=["IQVIA Institute for Human Data Science"])
    short_name: ShortText | None = Field(None, examples=["IQVIA"])
    title: ShortText | None = Field(None, description="Title of the report or page cited.")
    url: Url | None = None
    published: Date | None = Field(None, description="When the source published it.")

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


Translatable = TypeVar("Translatable", Company, Editor)


def in_language(obj: Translatable, tag: str | None) -> Translatable:
    """The company or editor with its wording in language ``tag`` (itself if none)."""
    translation = obj.translations.get(tag) if tag else None  # type: ignore[call-overload]
    if translation is None:
        return obj
    copy = obj.model_copy(update=translation.model_dump(exclude_none=True))
    copy._origin = obj._origin
    return copy
