"""pressgen: sourced facts and Markdown fragments → press releases and market updates.

The core (load → model → check → render) imports nothing from MkDocs; the
MkDocs plugin in :mod:`pressgen.publish` is a thin adapter over it.
"""

from .errors import PressgenError
from .findings import Finding, Severity
from .model import RenderedArticle
from .pressroom import Pressroom
from .schema import json_schema
from .version import __version__

__all__ = [
    "Finding",
    "PressgenError",
    "Pressroom",
    "RenderedArticle",
    "Severity",
    "__version__",
    "json_schema",
]
