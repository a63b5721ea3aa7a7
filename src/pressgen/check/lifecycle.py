"""The publishing life cycle: embargoes and corrections must make sense in time."""

from __future__ import annotations

from .. import codes
from ..content import Content
from ..findings import Finding, closest
from ..model import Article, moment_at


def lifecycle_dates(content: Content, key: str, article: Article) -> list[Finding]:
    """Embargo against publication date, correction dates, and what 'corrects' names."""
    zone = content.settings.zone
    findings: list[Finding] = []
    published = article.published_at(zone)
    if article.embargo is not None and article.embargo < published:
        findings.append(
            content.locate(article, "embargo").finding(
                codes.LIFECYCLE_DATES,
                f"the embargo ({article.embargo.isoformat()}) ends before the "
                f"publication date ({published.isoformat()}), so it has no effect",
                "set the embargo to the moment the news may first be reported",
                warning=True,
            )
        )
    for index, correction in enumerate(article.corrections):
        if moment_at(correction.date, zone) < published:
            findings.append(
                content.locate(article, "corrections", index, "date").finding(
                    codes.LIFECYCLE_DATES,
                    f"the correction is dated {correction.date.isoformat()}, before "
                    f"the article was published ({published.date().isoformat()})",
                    "a correction is made after publication; check its date",
                )
            )
    if article.corrects is not None:
        target = content.articles.get(article.corrects)
        problem = None
        if article.corrects == key:
            problem = "an article cannot correct itself"
        elif target is None:
            close = closest(article.corrects, list(content.articles))
            problem = f"there is no article '{article.corrects}' to correct" + (
                f"; did you mean '{close}'?" if close else ""
            )
        elif target.published_at(zone) > published:
            problem = f"the corrected release '{article.corrects}' is dated after this correction"
        if problem:
            findings.append(
                content.locate(article, "corrects").finding(
                    codes.UNKNOWN_CORRECTED,
                    problem,
                    "'corrects:' takes the address key of the earlier release, as "
                    "'pressgen check' lists it (its slug)",
                )
            )
    return findings
