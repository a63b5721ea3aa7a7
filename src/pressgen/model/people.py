"""Who publishes: the company, its editors, and the sources it cites."""

from __future__ import annotations

from pydantic import Field

from .base import ContentModel, Date, Email, Id, ShortText, Telephone, Text, Url


class Company(ContentModel):
    """The company whose press room this is."""

    name: ShortText = Field(examples=["DengYueMed"])
    legal_name: ShortText | None = None
    headquarters: ShortText = Field(examples=["Hong Kong SAR"])
    website: Url
    logo: ShortText | None = Field(None, description="Path of the logo image inside content/.")
    description: Text = Field(description="One or two sentences about the company.")
    boilerplate: Id = Field(description="The id of the 'About the company' fragment.")
    tie_in: Id | None = Field(
        None, description="The id of the company paragraph closing every market update."
    )


class Editor(ContentModel):
    """A press contact, printed as 'Editor Details' under every article."""

    id: Id
    name: ShortText
    role: ShortText | None = None
    email: Email
    telephone: Telephone
    website: Url | None = Field(None, description="Defaults to the company website.")


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
