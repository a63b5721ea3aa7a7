"""Publish: adapters that put rendered articles on a site (MkDocs today)."""
