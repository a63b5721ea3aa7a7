"""Build orchestration: render everything (cache, worker processes), one pipeline per article."""

from .pipeline import checked_render, dedupe
from .render_all import RenderStats, render_all

__all__ = ["RenderStats", "checked_render", "dedupe", "render_all"]
