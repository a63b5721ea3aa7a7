"""The Django example of docs/embedding.md, run for real (in-memory SQLite)."""

from __future__ import annotations

import sys

import pytest

from conftest import REPO

EXAMPLE = REPO / "docs/examples/django_pressroom"


@pytest.fixture(scope="module")
def client():
    """Django is configured once per process; the in-memory database is the module's own
    (only the save test writes to it, and no test reads what another wrote)."""
    django = pytest.importorskip("django")
    from django.conf import settings

    sys.path.insert(0, str(EXAMPLE))
    if not settings.configured:
        settings.configure(
            SECRET_KEY="test",
            DEBUG=False,
            ALLOWED_HOSTS=["testserver"],
            ROOT_URLCONF="urls",
            INSTALLED_APPS=["django.contrib.contenttypes", "pressroom_app"],
            MIDDLEWARE=[],
            DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
            PRESSGEN_PROJECT=str(REPO),
            USE_TZ=True,
        )
        django.setup()
    from django.db import connection
    from django.test import Client
    from pressroom_app.models import PressArticle

    with connection.schema_editor() as editor:
        editor.create_model(PressArticle)
    yield Client()
    sys.path.remove(str(EXAMPLE))


FORM = {
    "type": "market-update",
    "title": "Exports keep rising",
    "date": "2025-11-01T09:00:00+08:00",
    "dateline": "Hong Kong",
    "editor": "deng_yue",
    "summary": "Exports rose.",
    "tags": "exports",
    "facts": "cn_pharma_exports_jan_oct_2025",
    "body": "Exports reached {{ fact.cn_pharma_exports_jan_oct_2025.full }}.",
}


def test_form_is_drawn_from_the_json_schema(client) -> None:
    from pressroom_app.forms import article_form_class

    form = article_form_class()()
    assert form.fields["type"].choices == [
        ("press-release", "press-release"),
        ("market-update", "market-update"),
    ]
    assert "city" in form.fields["dateline"].help_text
    assert form.fields["title"].required and not form.fields["subtitle"].required


def test_preview_returns_sanitised_html(client) -> None:
    response = client.post("/articles/preview/", FORM)
    assert response.status_code == 200
    html = response.content.decode()
    assert "$91.17 billion in January–October 2025" in html and "Editor Details" in html


def test_findings_land_next_to_their_fields(client) -> None:
    response = client.post("/articles/preview/", {**FORM, "editor": "nobody", "tags": "exprots"})
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "PG301" in errors["editor"][0]["message"]
    assert "PG314" in errors["tags"][0]["message"]


def test_save_stores_the_article_and_offers_the_file(client) -> None:
    from pressroom_app.models import PressArticle

    response = client.post("/articles/save/", FORM)
    assert response.status_code == 200, response.content
    saved = PressArticle.objects.get(pk=response.json()["id"])
    assert saved.article["facts"] == ["cn_pharma_exports_jan_oct_2025"]
    assert response.json()["file"].startswith("---\ntype: market-update\ntitle: Exports")
