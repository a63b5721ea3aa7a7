"""The publishing life cycle: embargoes and corrections must make sense in time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import codes
from ..findings import Finding, Severity, closest
from ..model import Article, moment_at

if TYPE_CHECKING:
    from ..pressroom import Pressroom


def check_lifecycle(room: Pressroom, key: str, article: Article) -> list[Finding]:
    """Embargo against publication date, correction dates, and what 'corrects' names."""
    zone = room.settings.zone
    file = article.origin.file
    findings: list[Finding] = []
    published = article.published_at(zone)
    if article.embargo is not None and article.embargo < published:
        findings.append(
            Finding(
                code=codes.LIFECYCLE_DATES,
                severity=Severity.WARNING,
                file=file,
                line=room.line_of(article, ("embargo",)),
                path="/embargo",
                message=f"the embargo ({article.embargo.isoformat()}) ends before the "
                f"publication date ({published.isoformat()}), so it has no effect",
                hint="set the embargo to the moment the news may first be reported",
            )
        )
    for index, correction in enumerate(article.corrections):
        if moment_at(correction.date, zone) < published:
            findings.append(
                Finding(
                    code=codes.LIFECYCLE_DATES,
                    file=file,
                    line=room.line_of(article, ("corrections", index, "date")),
                    path=f"/corrections/{index}/date",
                    message=f"the correction is dated {correction.date.isoformat()}, before "
                    f"the article was published ({published.date().isoformat()})",
                    hint="a correction is made after publication; check its date",
                )
            )
    if article.corrects is not None:
        target = room.articles.get(article.corrects)
        problem = None
        if article.corrects == key:
            problem = "an article cannot correct itself"
        elif target is None:
            close = closest(article.corrects, list(room.articles))
            problem = f"there is no article '{article.corrects}' to correct" + (
                f"; did you mean '{close}'?" if close else ""
            )
        elif target.published_at(zone) > published:
            problem = f"the corrected release '{article.corrects}' is dated after this correction"
        if problem:
            findings.append(
                Finding(
                    code=codes.UNKNOWN_CORRECTED,
                    file=file,
                    line=room.line_of(article, ("corrects",)),
                    path="/corrects",
                    message=problem,
                    hint="'corrects:' takes the address key of the earlier release, as "
                    "'pressgen check' lists it (its slug)",
                )
            )
    return findings
