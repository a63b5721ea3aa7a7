"""A Django form drawn from pressgen's JSON Schema: labels and help text come from it."""

from __future__ import annotations

from typing import Any

from django import forms

import pressgen

LONG_TEXT = {"summary", "body"}


def _field(name: str, prop: dict[str, Any], required: bool) -> forms.Field:
    label = prop.get("title", name.replace("_", " ").capitalize())
    help_text = prop.get("description", "")
    if "enum" in prop:
        return forms.ChoiceField(
            choices=[(v, v) for v in prop["enum"]],
            required=required,
            label=label,
            help_text=help_text,
        )
    if prop.get("type") == "boolean":
        return forms.BooleanField(required=False, label=label, help_text=help_text)
    if prop.get("type") == "array":
        return forms.CharField(
            required=required, label=label, help_text=f"{help_text} Separate several with commas."
        )
    widget = forms.Textarea if name in LONG_TEXT else forms.TextInput
    return forms.CharField(
        required=required, label=label, help_text=help_text, widget=widget, strip=name != "body"
    )


def article_form_class() -> type[forms.Form]:
    """A Form class with one field per property of the article schema."""
    schema = pressgen.json_schema("article")
    required = set(schema.get("required", []))
    fields = {
        name: _field(name, _resolve(prop, schema), name in required)
        for name, prop in schema["properties"].items()
    }
    return type("ArticleForm", (forms.Form,), fields)


def _resolve(prop: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    """Follow a $ref, or the first non-null branch of an anyOf, to the field's own schema."""
    if "$ref" in prop:
        return {**schema["$defs"][prop["$ref"].rsplit("/", 1)[1]], **prop}
    for branch in prop.get("anyOf", []):
        if branch.get("type") != "null":
            return {**_resolve(branch, schema), **{k: v for k, v in prop.items() if k != "anyOf"}}
    return prop


def form_to_article(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The form's values as the article dict pressgen expects (empty fields left out)."""
    schema = pressgen.json_schema("article")["properties"]
    article: dict[str, Any] = {}
    for name, value in cleaned.items():
        if value in ("", None):
            continue
        if schema[name].get("type") == "array":
            value = [part.strip() for part in value.split(",") if part.strip()]
        article[name] = value
    return article
