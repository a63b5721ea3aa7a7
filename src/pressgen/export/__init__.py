"""Export: a release as newswires take it (plain text, IPTC ninjs)."""

from .wire import ExportResult, export_article

__all__ = ["ExportResult", "export_article"]
