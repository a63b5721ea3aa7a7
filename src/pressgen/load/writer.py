"""Writing an article back as a content/ file: front matter in a stable order + body.

The inverse of loading: what this writes, read back, gives the same article. Keys
follow the order of the model's fields, defaults are left out, decimals keep the
digits they were written with, and text that YAML could misread is quoted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import yaml

from ..model import Article


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    text = str(value)
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


def _datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(Decimal, _decimal)
_Dumper.add_representer(dt.datetime, _datetime)
_Dumper.add_representer(str, _str)


def front_matter_data(article: Article) -> dict[str, Any]:
    """The front-matter fields of an article, in model order, without defaults."""
    data = article.model_dump(mode="python", exclude_defaults=True, exclude={"body"})
    return {name: data[name] for name in Article.model_fields if name in data}


def article_to_text(article: Article) -> str:
    """The article as the text of a Markdown file with front matter."""
    front = yaml.dump(
        front_matter_data(article),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    body = article.body if article.body.endswith("\n") or not article.body else article.body + "\n"
    return f"---\n{front}---\n{body}"
