"""Checks: rules in three phases (whole content, one article, one rendered article).

The rules are listed in :mod:`.registry`; each lives in the module named after
what it protects (references, freshness, lifecycle, translations, provenance,
safety, rule_sets).
"""

from .registry import check_article, check_content, check_rendered

__all__ = ["check_article", "check_content", "check_rendered"]
