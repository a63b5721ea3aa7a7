"""The HTTP service answers every request properly: every 4xx/5xx is findings JSON with a
hint, bodies are size- and depth-limited, slow bodies time out, security headers are on
every answer, and CORS is off unless configured."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from conftest import REPO, TODAY
from pressgen import Pressroom
from pressgen.service.http import SECURITY_HEADERS, ServiceLimits, create_app

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


@pytest.fixture(scope="module")
def room() -> Pressroom:
    return Pressroom.from_path(REPO, today=TODAY)


@pytest.fixture
def client(room: Pressroom) -> TestClient:
    return TestClient(create_app(room), raise_server_exceptions=False)


def assert_findings(response, status: int, code: str) -> list[dict]:
    """A findings document: JSON list, each with a code, a message and a hint."""
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body, list) and body
    assert body[0]["code"] == code
    assert all(f["hint"] and f["message"] for f in body)
    return body


def assert_security_headers(response) -> None:
    for name, value in SECURITY_HEADERS.items():
        assert response.headers.get(name) == value, name
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/nope", 404, "PG905"),
        ("POST", "/render/extra", 404, "PG905"),
        ("GET", "/", 404, "PG905"),
        ("GET", "/render", 405, "PG911"),
        ("PUT", "/validate", 405, "PG911"),
        ("DELETE", "/health", 405, "PG911"),
        ("PATCH", "/schema/figure", 405, "PG911"),
        ("GET", "/schema/brochure", 404, "PG905"),
    ],
)
def test_unknown_routes_and_methods_are_findings(
    client: TestClient, method: str, path: str, status: int, code: str
) -> None:
    response = client.request(method, path)
    assert_findings(response, status, code)
    assert_security_headers(response)
    if status == 405:
        assert response.headers["allow"]


def test_preflight_without_cors_configured_gets_no_cors_headers(client: TestClient) -> None:
    response = client.options(
        "/render",
        headers={"Origin": "https://cms.example", "Access-Control-Request-Method": "POST"},
    )
    assert_findings(response, 405, "PG911")
    assert not [h for h in response.headers if h.startswith("access-control-")]
    simple = client.post("/render", json=ARTICLE, headers={"Origin": "https://cms.example"})
    assert simple.status_code == 200
    assert "access-control-allow-origin" not in simple.headers


def test_cors_only_for_configured_origins(room: Pressroom) -> None:
    client = TestClient(create_app(room, ServiceLimits(cors_origins=("https://cms.example",))))
    preflight = {"Access-Control-Request-Method": "POST"}
    ok = client.options("/render", headers={"Origin": "https://cms.example", **preflight})
    assert ok.status_code == 200
    assert ok.headers["access-control-allow-origin"] == "https://cms.example"
    other = client.post("/render", json=ARTICLE, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("path", ["/render", "/validate"])
@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"[" * 100_000, 422, "PG912"),
        (b'{"a":' * 50_000, 422, "PG912"),
        (b'{"title": ' + b"[" * 65 + b"]" * 65 + b"}", 422, "PG912"),
        (b'{"title": "a", "title": "b"}', 400, "PG108"),
        (b'{"title": ' + b"9" * 5000 + b"}", 400, "PG903"),
        (b"\xff\xfe{}", 400, "PG903"),
    ],
)
def test_hostile_json_is_refused_before_it_hurts(
    client: TestClient, path: str, body: bytes, status: int, code: str
) -> None:
    response = client.post(path, content=body, headers={"content-type": "application/json"})
    assert_findings(response, status, code)
    assert_security_headers(response)


def test_nesting_within_the_limit_is_read(client: TestClient) -> None:
    nested = {**ARTICLE, "extra": json.loads("[" * 60 + "]" * 60)}
    response = client.post("/validate", json=nested)
    assert response.status_code == 200  # read; the unknown field is a finding, not a 422
    assert "PG912" not in response.text


def test_body_limit_is_configurable_and_checked_while_reading(room: Pressroom) -> None:
    client = TestClient(create_app(room, ServiceLimits(max_body_bytes=1000)))
    assert client.post("/render", json=ARTICLE).status_code == 200
    big = {**ARTICLE, "body": "x" * 2000}
    assert_findings(client.post("/render", json=big), 413, "PG904")

    def chunks():  # no Content-Length: the limit holds while the body streams in
        yield b'{"body": "'
        for _ in range(50):
            yield b"x" * 100
        yield b'"}'

    response = client.post("/validate", content=chunks())
    assert "content-length" not in response.request.headers
    assert_findings(response, 413, "PG904")


def test_a_bug_is_a_500_finding_with_headers(room: Pressroom, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(room, "render_article", broken)
    client = TestClient(create_app(room), raise_server_exceptions=False)
    response = client.post("/render", json=ARTICLE)
    [finding] = assert_findings(response, 500, "PG999")
    assert "boom" not in finding["message"]  # no internals to the caller
    assert_security_headers(response)


def test_every_success_carries_the_security_headers(client: TestClient) -> None:
    for response in (
        client.get("/health"),
        client.get("/openapi.json"),
        client.get("/schema/figure"),
        client.post("/render", json=ARTICLE),
    ):
        assert response.status_code == 200
        assert_security_headers(response)


def test_the_openapi_document_lists_the_error_answers(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for method, status in [("post", "413"), ("post", "408"), ("post", "422"), ("post", "500")]:
        assert status in paths["/render"][method]["responses"]
        assert status in paths["/validate"][method]["responses"]
    assert "500" in paths["/health"]["get"]["responses"]


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]),
    path=st.sampled_from(["/health", "/render", "/validate", "/schema/figure", "/x", "/render/"])
    | st.text(
        st.characters(categories=("L", "N")) | st.sampled_from("-._~!$&'()*+,;=:@/"),
        max_size=30,
    ).map(lambda p: "/" + p.lstrip("/")),
    body=st.binary(max_size=300)
    | st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=30,
    ).map(lambda v: json.dumps(v).encode()),
)
def test_any_request_gets_a_proper_answer(
    room: Pressroom, method: str, path: str, body: bytes
) -> None:
    """Whatever is sent: no 5xx, and every 4xx is a findings document with a hint."""
    client = TestClient(create_app(room), raise_server_exceptions=False)
    response = client.request(method, path, content=body if method != "GET" else None)
    assert response.status_code < 500, response.text[:300]
    assert response.headers.get("x-content-type-options") == "nosniff"
    if response.status_code >= 400 and method != "HEAD":
        assert_findings(response, response.status_code, response.json()[0]["code"])
