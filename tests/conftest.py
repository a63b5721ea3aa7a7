"""Shared fixtures: a throw-away copy of the example project that tests may edit."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example press room (content/, templates/, mkdocs.yml)."""
    target = tmp_path / "project"
    target.mkdir()
    shutil.copytree(REPO / "content", target / "content")
    shutil.copytree(REPO / "templates", target / "templates")
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    return target


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = """---
type: market-update
title: {title}
date: 2025-11-28T09:00:00+08:00
dateline: Hong Kong
editor: deng_yue
tags: [exports]
summary: A short summary.
facts: [cn_pharma_exports_jan_oct_2025]
---
Exports reached {{{{ fact.cn_pharma_exports_jan_oct_2025.full }}}}.
"""
