"""Check: rules across files (references, uniqueness, expiry, provenance)."""

from .compliance import check_rules, load_rule_sets
from .rules import check_article, check_pressroom, check_unused_facts

__all__ = [
    "check_article",
    "check_pressroom",
    "check_rules",
    "check_unused_facts",
    "load_rule_sets",
]
