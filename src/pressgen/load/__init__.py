"""Load: files on disk → plain data with remembered locations (no model objects yet)."""
