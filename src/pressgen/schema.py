"""JSON Schema (draft 2020-12) of every content type, made from the model itself."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from .model import FACT_KINDS, Article, Company, Editor, Fact, Fragment, Source
from .model.settings import Settings

SCHEMA_TYPES: dict[str, Any] = {
    "article": Article,
    "fact": Fact,
    **FACT_KINDS,
    "editor": Editor,
    "source": Source,
    "company": Company,
    "fragment": Fragment,
    "settings": Settings,
}


def json_schema(kind: str) -> dict[str, Any]:
    """The schema of one content type, e.g. ``json_schema("article")``."""
    model = SCHEMA_TYPES[kind]
    schema = TypeAdapter(model).json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema.setdefault("title", kind.capitalize())
    return schema
