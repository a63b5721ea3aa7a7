"""Rule sets: data files that flag risky phrases for an audience or jurisdiction.

A rule set is YAML (``content/rules/<name>.yml``, or one shipped with pressgen in
``pressgen/rules/``). Each rule has regular expressions, a reason and a hint; a
rule with ``requires_fragment`` instead demands that a fragment (such as the
forward-looking-statements disclaimer) is included wherever its patterns match.
Files are read by :mod:`pressgen.load.rule_sets`; the rules are applied by
:mod:`pressgen.check.rule_sets`.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from .base import ContentModel, Id
from .types import Refused, ShortText, Text

Audience = Literal["public", "professional"]
Field_ = Literal["title", "subtitle", "summary", "body"]


class Rule(ContentModel):
    id: Id
    patterns: list[str] = Field(min_length=1, description="Regular expressions (any case).")
    reason: Text = Field(description="Why the phrase is a problem, shown to the editor.")
    hint: Text = Field("", description="How to fix it.")
    severity: Literal["error", "warning"] = "error"
    keywords: list[str] = Field(
        default_factory=list,
        description="Words one of which must occur for the patterns to be tried (any case); "
        "a fast first filter, since most texts mention none of them.",
    )
    requires_fragment: Id | None = Field(
        None, description="If set, matching is allowed only when this fragment is included."
    )
    fields: list[Field_] = Field(
        default_factory=lambda: list[Field_](["title", "subtitle", "summary", "body"])
    )

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise Refused(
                    f"has the pattern {pattern!r}, which is not a valid regular expression ({exc})",
                    "fix the pattern (write \\( for a literal bracket), or remove it",
                ) from None
        return patterns


class RuleSet(ContentModel):
    id: Id
    title: ShortText
    description: Text | None = None
    audiences: list[Audience] = Field(default_factory=lambda: list[Audience](["public"]))
    rules: list[Rule]
