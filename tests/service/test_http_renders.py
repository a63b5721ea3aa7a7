"""The HTTP service never blocks on one request: renders run in limited processes."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import uvicorn
from starlette.testclient import TestClient

from conftest import TODAY
from pressgen import Pressroom, codes
from pressgen.service.http import create_app

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
RUNAWAY = "{% set s = 'x' * 99999 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}"
# One C call that holds the GIL for about 20 s: in a thread of the service it froze
# every other request, /health included.
POWER = "{{ ((((9 ** 64) ** 64) ** 64) ** 64) > 0 }}"


def opted_in(project: Path, timeout: float) -> Pressroom:
    settings = project / "content/settings.yml"
    settings.write_text(settings.read_text() + f"bodies: jinja\nrender_timeout_s: {timeout}\n")
    return Pressroom.from_path(project, today=TODAY)


@pytest.fixture
def server(project: Path) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(opted_in(project, timeout=3))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


@pytest.mark.slow
def test_health_answers_within_100_ms_while_eight_runaway_renders_are_in_flight(
    server: str,
) -> None:
    with ThreadPoolExecutor(max_workers=9) as pool:
        renders = [
            pool.submit(httpx.post, f"{server}/render", json={**ARTICLE, "body": body}, timeout=120)
            for body in [RUNAWAY, POWER] * 4
        ]
        time.sleep(0.5)  # all eight sent and rendering (or queued in the render host)
        latencies = []
        with httpx.Client() as client:
            for _ in range(20):
                start = time.perf_counter()
                assert client.get(f"{server}/health").status_code == 200
                latencies.append(time.perf_counter() - start)
                time.sleep(0.05)
        assert not any(r.done() for r in renders), "the runaway renders ended too soon"
        quick = pool.submit(httpx.post, f"{server}/render", json=ARTICLE, timeout=120)
        answers = [r.result() for r in renders]
    assert max(latencies) < 0.1, latencies
    for answer in answers:
        assert answer.status_code == 422
        [finding] = answer.json()
        assert (finding["code"], finding["line"]) == (codes.RENDER_TIMEOUT, 1)
    assert quick.result().status_code == 200


def test_validate_and_render_run_outside_the_service_process(project: Path) -> None:
    room = opted_in(project, timeout=0.5)
    body = "{{ 'a'.center(10**9) }}\n" + RUNAWAY
    with TestClient(create_app(room)) as client:
        for path in ("/validate", "/render"):
            response = client.post(path, json={**ARTICLE, "body": body})
            found = {(f["code"], f["line"]) for f in response.json()}
            assert found == {(codes.OUTPUT_TOO_LARGE, 1)}
        response = client.post("/render", json={**ARTICLE, "body": RUNAWAY})
        assert [f["code"] for f in response.json()] == [codes.RENDER_TIMEOUT]
        assert client.get("/health").json()["status"] == "ok"


def test_markdown_that_python_markdown_chokes_on_is_stopped_too(project: Path) -> None:
    """Python-Markdown is quadratic on runs of '[' (20 kB: 100 s): HTML is made in the
    limited child too, so the request ends at the time limit with a finding."""
    room = Pressroom.from_path(project, today=TODAY)
    settings = project / "content/settings.yml"
    settings.write_text(settings.read_text() + "render_timeout_s: 0.5\n")
    room = Pressroom.from_path(project, today=TODAY)
    start = time.monotonic()
    with TestClient(create_app(room)) as client:
        response = client.post("/render", json={**ARTICLE, "body": "[" * 50_000})
    assert [f["code"] for f in response.json()] == [codes.RENDER_TIMEOUT]
    assert time.monotonic() - start < 15
