"""Render: facts, fragments and templates → one article's Markdown, metadata and JSON-LD."""

from .article import render_article
from .renderer import Renderer

__all__ = ["Renderer", "render_article"]
