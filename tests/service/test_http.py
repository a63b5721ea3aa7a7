"""The HTTP service: endpoints, limits, and schemathesis against a running server."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.testclient import TestClient

from conftest import REPO, TODAY
from pressgen import Pressroom
from pressgen.service.http import MAX_BODY_BYTES, create_app

ARTICLE = {
    "type": "market-update",
    "title": "Exports keep rising",
    "date": "2025-11-28T09:00:00+08:00",
    "dateline": "Hong Kong",
    "editor": "deng_yue",
    "summary": "Exports rose.",
    "tags": ["exports"],
    "facts": ["cn_pharma_exports_jan_oct_2025"],
    "body": "Exports reached {{ fact.cn_pharma_exports_jan_oct_2025.full }}.",
}


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(Pressroom.from_path(REPO, today=TODAY)))


def test_render_returns_markdown_html_metadata_jsonld(client: TestClient) -> None:
    response = client.post("/render", json=ARTICLE)
    assert response.status_code == 200
    body = response.json()
    assert "$91.17 billion in January–October 2025" in body["markdown"]
    assert "<h1" in body["html"] and "<script" not in body["html"]
    assert body["jsonld"]["@type"] == "NewsArticle"
    assert body["metadata"]["cited_facts"] == ["cn_pharma_exports_jan_oct_2025"]
    assert body["findings"] == []


def test_validate_returns_findings_with_json_pointers(client: TestClient) -> None:
    response = client.post("/validate", json={**ARTICLE, "editor": "nobody", "date": "soon"})
    assert response.status_code == 200
    # The model refuses the date first; references (the editor) are checked once it is valid.
    assert "/date" in {f["path"] for f in response.json()}


def test_render_of_invalid_article_is_422_with_findings(client: TestClient) -> None:
    response = client.post("/render", json={**ARTICLE, "editor": "nobody"})
    assert response.status_code == 422
    assert response.json()[0]["code"] == "PG301"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "PG903"),
        (b"[1, 2]", 400, "PG903"),
        (b"\xff\xfe", 400, "PG903"),
        (b"{" + b" " * (MAX_BODY_BYTES + 1) + b"}", 413, "PG904"),
    ],
)
def test_bad_requests_get_4xx_findings(
    client: TestClient, body: bytes, status: int, code: str
) -> None:
    for path in ("/render", "/validate"):
        response = client.post(path, content=body, headers={"content-type": "application/json"})
        assert response.status_code == status
        assert response.json()[0]["code"] == code


def test_schema_and_health(client: TestClient) -> None:
    assert client.get("/schema/figure").json()["properties"]["value"]
    assert client.get("/schema/brochure").status_code == 404
    assert client.get("/health").json()["status"] == "ok"


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    """One server for the module: requests only read its press room."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(Pressroom.from_path(REPO, today=TODAY))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def api_schema(server_url: str):
    return schemathesis.openapi.from_url(f"{server_url}/openapi.json")


OPERATIONS = ["GET /health", "GET /schema/{kind}", "POST /validate", "POST /render"]


@pytest.mark.parametrize("label", OPERATIONS)
def test_openapi_document_is_true(api_schema, server_url: str, label: str) -> None:
    """No 500 for any generated input; every response matches the OpenAPI document.

    Drives schemathesis through its Python API (its pytest plugin does not load
    under pytest 9); cases are generated from the document, sent to the running
    server, and checked.
    """
    operations = {
        f"{op.method.upper()} {op.path}": op
        for op in (result.ok() for result in api_schema.get_all_operations())
    }
    operation = operations[label]
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
    ]
    if label == "POST /render":
        checks.append(negative_data_rejection)
    sent = []

    @settings(
        max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None
    )
    @given(case=operation.as_strategy())
    def run(case) -> None:
        sent.append(case.call_and_validate(base_url=server_url, checks=checks).status_code)

    run()
    assert sent, "no request was sent"


def test_the_real_server_renders(server_url: str) -> None:
    response = httpx.post(f"{server_url}/render", json=ARTICLE, timeout=30)
    assert response.status_code == 200 and response.json()["jsonld"]["headline"]
