"""pressgen: sourced facts and Markdown fragments → press releases and market updates.

The core (load → model → check → render) imports nothing from MkDocs; the
MkDocs plugin in :mod:`pressgen.publish` is a thin adapter over it.
"""

__version__ = "0.1.0"  # before the imports: modules below read it

from .errors import PressgenError
from .findings import Finding, Severity
from .pressroom import Pressroom
from .render.article import RenderedArticle
from .schema import json_schema

__all__ = [
    "Finding",
    "PressgenError",
    "Pressroom",
    "RenderedArticle",
    "Severity",
    "__version__",
    "json_schema",
]
