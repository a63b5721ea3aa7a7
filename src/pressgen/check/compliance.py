"""Rule sets: data files that flag risky phrases for an audience or jurisdiction.

A rule set is YAML (``content/rules/<name>.yml``, or one shipped with pressgen in
``pressgen/rules/``). Each rule has regular expressions, a reason and a hint; a
rule with ``requires_fragment`` instead demands that a fragment (such as the
forward-looking-statements disclaimer) is included wherever its patterns match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from .. import codes
from ..findings import Finding, Severity
from ..load.documents import parse_data_file, read_text
from ..model.base import ContentModel, Id, ShortText, Text
from ..model.validate import build

if TYPE_CHECKING:
    from ..model import Article
    from ..pressroom import Pressroom
    from ..render.article import RenderedArticle

Audience = Literal["public", "professional"]


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
    fields: list[Literal["title", "subtitle", "summary", "body"]] = Field(
        default_factory=lambda: ["title", "subtitle", "summary", "body"]
    )

    @field_validator("patterns")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"the pattern {pattern!r} is not valid: {exc}") from None
        return patterns


class RuleSet(ContentModel):
    id: Id
    title: ShortText
    description: Text | None = None
    audiences: list[Audience] = Field(default_factory=lambda: ["public"])
    rules: list[Rule]


@lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """All patterns of a rule as one expression: one pass over the text per rule."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=256)
def _keywords(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w.lower()) for w in words))


def load_rule_sets(names: list[str], project: Path | None) -> tuple[list[RuleSet], list[Finding]]:
    """Load the named rule sets, project files first, then pressgen's own."""
    sets, findings = [], []
    for name in names:
        local = project / "content" / "rules" / f"{name}.yml" if project else None
        if local is not None and local.is_file():
            display = local.relative_to(project).as_posix()  # type: ignore[arg-type]
            text, problems = read_text(local, display)
        else:
            shipped = resources.files("pressgen").joinpath(f"rules/{name}.yml")
            display = f"pressgen:rules/{name}.yml"
            text, problems = (
                (shipped.read_text("utf-8"), [])
                if shipped.is_file()
                else (
                    None,
                    [
                        Finding(
                            code=codes.INVALID_VALUE,
                            file="content/settings.yml",
                            path="/rule_sets",
                            message=f"there is no rule set '{name}'",
                            hint="put it in content/rules/<name>.yml, or use hk-public",
                        )
                    ],
                )
            )
        findings.extend(problems)
        if text is None:
            continue
        document, problems = parse_data_file(text, display)
        findings.extend(problems)
        if document is None:
            continue
        rule_set, problems = build(
            RuleSet, document.data, file=display, pointer=(), locate=document.line_of
        )
        findings.extend(problems)
        if rule_set is not None:
            sets.append(rule_set)
    return sets, findings


def _line_in_body(article_body: str, first_line: int, phrase: str) -> int | None:
    index = article_body.lower().find(phrase.lower())
    return None if index < 0 else first_line + article_body.count("\n", 0, index)


def check_rules(room: Pressroom, article: Article, rendered: RenderedArticle) -> list[Finding]:
    """Apply the press room's rule sets to one rendered article."""
    if not rendered.texts or not rendered.markdown:
        return []
    findings = []
    fragments = set(rendered.metadata.get("fragments", []))
    lowered = {name: text.lower() for name, text in rendered.texts.items()}
    for rule_set in room.rule_sets:
        if article.audience not in rule_set.audiences:
            continue
        for rule in rule_set.rules:
            for field in rule.fields:
                text = rendered.texts.get(field, "")
                if not text or (
                    rule.keywords and not _keywords(tuple(rule.keywords)).search(lowered[field])
                ):
                    continue
                match = _compiled(tuple(rule.patterns)).search(text)
                if match is None:
                    continue
                if field == "body":
                    line = (
                        _line_in_body(article.body, article.origin.body_line, match.group())
                        or article.origin.body_line
                    )
                else:
                    line = room.line_of(article, (field,))
                if rule.requires_fragment:
                    if rule.requires_fragment in fragments:
                        break
                    code = codes.FORWARD_LOOKING
                    message = f"'{match.group()}' needs the fragment '{rule.requires_fragment}'"
                    hint = rule.hint or (
                        f"add {{{{ fragment.{rule.requires_fragment} }}}} at the end of the text"
                    )
                else:
                    code, message, hint = codes.RISKY_CLAIM, f"'{match.group()}'", rule.hint
                findings.append(
                    Finding(
                        code=code,
                        severity=Severity(rule.severity),
                        file=article.origin.file,
                        line=line,
                        path=f"/{field}",
                        message=f"{message} ({rule_set.id}/{rule.id}): {rule.reason}",
                        hint=hint,
                    )
                )
                break
    return findings
