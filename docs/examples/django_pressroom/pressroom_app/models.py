"""The CMS keeps each article as the same dict pressgen validates and renders."""

from django.db import models


class PressArticle(models.Model):
    article = models.JSONField(help_text="The article as pressgen's JSON (see pressgen schema).")
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.article.get("title", "untitled")
