"""Applying rule sets to a rendered article: risky phrases and required disclaimers.

The rules themselves are data (:mod:`pressgen.model.rules`); this module only
matches them against the reader-visible texts of one rendered article.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import codes
from ..content import Content
from ..findings import Finding, Location
from ..model import Article, RenderedArticle


@lru_cache(maxsize=256)
def _compiled(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """All patterns of a rule as one expression: one pass over the text per rule."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@lru_cache(maxsize=256)
def _keywords(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w.lower()) for w in words))


def _line_in_body(article_body: str, first_line: int, phrase: str) -> int | None:
    index = article_body.lower().find(phrase.lower())
    return None if index < 0 else first_line + article_body.count("\n", 0, index)


def rule_sets_pass(content: Content, article: Article, rendered: RenderedArticle) -> list[Finding]:
    """Apply the press room's rule sets to one rendered article."""
    if not rendered.texts or not rendered.markdown:
        return []
    findings = []
    fragments = set(rendered.metadata.get("fragments", []))
    lowered = {name: text.lower() for name, text in rendered.texts.items()}
    for rule_set in content.rule_sets:
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
                where = content.locate(article, field)
                if field == "body":
                    line = _line_in_body(article.body, article.origin.body_line, match.group())
                    where = Location(where.file, line or article.origin.body_line, where.path)
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
                    where.finding(
                        code,
                        f"{message} ({rule_set.id}/{rule.id}): {rule.reason}",
                        hint,
                        warning=rule.severity == "warning",
                    )
                )
                break
    return findings
