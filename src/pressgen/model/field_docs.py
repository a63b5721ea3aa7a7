"""Plain-English descriptions of fields that share a meaning across content types.

Fields whose meaning depends on the type carry their own ``Field(description=...)``;
these fill in the rest of the JSON Schema a CMS uses to label its form fields.
"""

from __future__ import annotations

from typing import Any

FIELD_DOCS: dict[str, str] = {
    "approved_on": "When the owner last approved the wording (YYYY-MM-DD).",
    "change": "How the figure moved against a comparison period, e.g. +3.5 percent year on year.",
    "date": "The date it happened or was said (YYYY-MM-DD).",
    "draft": "true: checked but not published until set to false.",
    "email": "Email address, e.g. press@example.com.",
    "end": "Last day (YYYY-MM-DD); leave out for a one-day event.",
    "headquarters": "Where the company is based, e.g. Hong Kong SAR.",
    "kind": "What sort of fact this is: figure, deal, quote or event.",
    "legal_name": "The registered name, e.g. DengYueMed Limited.",
    "name": "The name as readers should see it.",
    "operation": "share (a/b x 100), ratio (a/b), sum, or difference (a-b).",
    "organisation": "The organisation the speaker represents.",
    "organiser": "Who organises the event.",
    "period": "The period a figure covers: 2024, 2025-08, 2025-Q1, 2025-H1 or 2025-01/2025-10.",
    "place": "City or venue.",
    "qualifier": "A word printed before the number: over, nearly, around, ...",
    "role": "Job title, e.g. Press Officer.",
    "short_name": "A short form used in the text and tables, e.g. IQVIA.",
    "speaker": "Who said it.",
    "start": "First day (YYYY-MM-DD).",
    "status": "announced, completed or terminated.",
    "subtitle": "One sentence under the headline that adds the key detail.",
    "tags": "Topics (from content/tags.yml when it exists); each has its own page.",
    "telephone": "Telephone number in quotes, with the country code, e.g. '+852 5288 1999'.",
    "title": "The title as readers should see it.",
    "total_value": "The total value of the deal, including milestones.",
    "unit": "'percent' or 'percentage points'.",
    "upfront": "The payment made when the deal was signed.",
    "url": "Web address of the source, starting with https://.",
    "website": "Web address, starting with https://.",
}


def describe_fields(schema: dict[str, Any], model: type) -> None:
    """pydantic ``json_schema_extra`` hook: give every property a description."""
    for name, prop in schema.get("properties", {}).items():
        if "description" not in prop and name in FIELD_DOCS:
            prop["description"] = FIELD_DOCS[name]
