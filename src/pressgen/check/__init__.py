"""Check: rules across files (references, uniqueness, expiry, provenance)."""

from .rules import check_article, check_pressroom

__all__ = ["check_article", "check_pressroom"]
