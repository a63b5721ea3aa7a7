"""Translations: each one cites exactly its original's facts and is not older than it."""

from __future__ import annotations

from .. import codes
from ..content import Content
from ..findings import Finding, Severity, closest
from ..i18n import LANGUAGES
from ..model import Article


def _finding(
    content: Content,
    article: Article,
    field: str,
    code: str,
    *,
    message: str,
    hint: str,
    severity: Severity = Severity.ERROR,
) -> Finding:
    """A finding about one front-matter field of an article."""
    return content.locate(article, field).finding(
        code, message, hint, warning=severity is Severity.WARNING
    )


def language_enabled(content: Content, key: str, article: Article) -> list[Finding]:
    """The article's language must be one of the site's."""
    lang = content.lang_of(article)
    if lang in content.settings.languages:
        return []
    return [
        _finding(
            content,
            article,
            "lang",
            codes.LANGUAGE_NOT_ENABLED,
            message=f"the site is not published in {lang} ({LANGUAGES[lang].name})",
            hint=f"add '{lang}' to 'languages:' in content/settings.yml, or change 'lang:'",
        )
    ]


def translation_matches(content: Content, key: str, article: Article) -> list[Finding]:
    """Original exists and is an original, languages differ, same facts, not outdated."""
    if article.translation_of is None:
        return []
    original = content.articles.get(article.translation_of)
    if original is None and article.translation_of in content.broken["article"]:
        return []  # the original has errors of its own, reported in its file
    if original is None:
        close = closest(article.translation_of, list(content.articles))
        return [
            _finding(
                content,
                article,
                "translation_of",
                codes.UNKNOWN_ORIGINAL,
                message=f"there is no article '{article.translation_of}' to translate",
                hint=f"did you mean '{close}'?"
                if close
                else "'translation_of:' takes the original's key (its slug)",
            )
        ]
    lang, original_lang = content.lang_of(article), content.lang_of(original)
    conflict = None
    if original.translation_of is not None:
        conflict = (
            f"'{article.translation_of}' is itself a translation; point to its original "
            f"'{original.translation_of}'"
        )
    elif lang == original_lang:
        conflict = f"the translation and its original are both in {lang}"
    elif original.type != article.type:
        conflict = f"the original is a {original.type}, the translation a {article.type}"
    else:
        first = content.translations_of(article.translation_of).get(lang)
        if first is not None and first != key:
            conflict = f"'{first}' already translates it into {lang}"
    if conflict:
        return [
            _finding(
                content,
                article,
                "translation_of",
                codes.TRANSLATION_CONFLICT,
                message=conflict,
                hint="each original has at most one translation per language",
            )
        ]
    findings = []
    missing = [f for f in original.facts if f not in article.facts]
    extra = [f for f in article.facts if f not in original.facts]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"does not cite {', '.join(missing)}")
        if extra:
            parts.append(f"cites {', '.join(extra)}, which the original does not")
        findings.append(
            _finding(
                content,
                article,
                "facts",
                codes.FACT_PARITY,
                message=f"this translation of '{article.translation_of}' {' and '.join(parts)}",
                hint="a translation must cite the same facts as its original: the same "
                "'facts:' list, each cited in the text",
            )
        )
    zone = content.settings.zone
    if article.modified_at(zone) < original.modified_at(zone):
        findings.append(
            _finding(
                content,
                article,
                "updated" if article.updated else "date",
                codes.OUTDATED_TRANSLATION,
                severity=Severity.WARNING,
                message=f"the original '{article.translation_of}' was changed on "
                f"{original.modified_at(zone).date().isoformat()}, after this translation "
                f"({article.modified_at(zone).date().isoformat()})",
                hint="bring the translation up to date, then set 'updated:' to today",
            )
        )
    return findings


def wording_translated(content: Content, key: str, article: Article) -> list[Finding]:
    """Facts, editor and company cited by an article in another language need its wording."""
    lang = content.lang_of(article)
    if lang == content.settings.main_language:
        return []
    findings = []
    for index, fact_id in enumerate(article.facts):
        fact = content.facts.get(fact_id)
        untranslated = fact.untranslated(lang) if fact is not None else []
        if untranslated:
            findings.append(
                content.locate(article, "facts", index).finding(
                    codes.UNTRANSLATED,
                    f"the fact '{fact_id}' has no {lang} wording for "
                    f"{', '.join(untranslated)}, so readers see it as written",
                    f"add 'translations: {{{lang}: {{{untranslated[0]}: ...}}}}' to the "
                    f"fact in {fact.origin.file}",  # type: ignore[union-attr]
                    warning=True,
                )
            )
    return findings
