"""Render: Jinja (sandboxed) + Babel formatting → Markdown, metadata and citations."""
