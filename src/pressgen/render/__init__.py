"""Render: facts, fragments and templates → one article's Markdown, metadata and JSON-LD."""

from .article import failed_render, render_article
from .errors import limit_finding
from .renderer import Renderer

__all__ = ["Renderer", "failed_render", "limit_finding", "render_article"]
