"""The real server (uvicorn with pressgen's protocol): slow clients are cut off, plain-text
answers of uvicorn's own become findings, connections are capped, and `pressgen api`
listens on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from click.testing import CliRunner

from conftest import REPO, TODAY
from pressgen import Pressroom
from pressgen.cli import main
from pressgen.service.http import ServiceLimits, create_app
from pressgen.service.server import is_loopback, server_config

LIMITS = ServiceLimits(body_timeout_s=0.5, header_timeout_s=0.5, max_connections=3)


@pytest.fixture(scope="module")
def address() -> Iterator[tuple[str, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(Pressroom.from_path(REPO, today=TODAY), LIMITS)
    server = uvicorn.Server(server_config(app, "127.0.0.1", port, LIMITS, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield ("127.0.0.1", port)
    server.should_exit = True
    thread.join(timeout=10)


def exchange(address: tuple[str, int], *parts: bytes, pause: float = 0.0) -> bytes:
    """Send ``parts`` (with ``pause`` seconds between them), then read until closed."""
    with socket.create_connection(address, timeout=10) as conn:
        for part in parts:
            try:
                conn.sendall(part)
            except OSError:
                break  # the server hung up: read what it said
            time.sleep(pause)
        chunks = []
        while True:
            try:
                data = conn.recv(65536)
            except (TimeoutError, ConnectionResetError):
                break
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)


def findings_of(raw: bytes, status: int) -> list[dict]:
    head, _, body = raw.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode()), raw[:200]
    assert b"x-content-type-options: nosniff" in head.lower()
    found = json.loads(body)
    assert found and all(f["hint"] for f in found)
    return found


def test_headers_sent_too_slowly_get_408_and_the_connection_closes(address) -> None:
    start = time.monotonic()
    raw = exchange(address, b"GET /health HTTP/1.1\r\n", b"Host: x\r\n", b"X-A: 1\r\n", pause=0.4)
    assert findings_of(raw, 408)[0]["code"] == "PG913"
    assert time.monotonic() - start < 5


def test_a_silent_connection_is_closed(address) -> None:
    start = time.monotonic()
    raw = exchange(address)
    assert findings_of(raw, 408)[0]["code"] == "PG913"
    assert time.monotonic() - start < 5


def test_a_body_sent_too_slowly_gets_408(address) -> None:
    head = b"POST /render HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    head += b"Content-Length: 100\r\n\r\n"
    raw = exchange(address, head, b'{"title"', b": ", b'"x', pause=0.3)
    assert findings_of(raw, 408)[0]["code"] == "PG913"


def test_not_http_gets_a_400_finding(address) -> None:
    raw = exchange(address, b"\x16\x03\x01 this is not http\r\n\r\n")
    assert findings_of(raw, 400)[0]["code"] == "PG903"


def test_headers_too_large_get_a_400_finding(address) -> None:
    raw = exchange(address, b"GET /health HTTP/1.1\r\nX-Big: " + b"a" * 40_000 + b"\r\n\r\n")
    assert findings_of(raw, 400)[0]["code"] == "PG903"


def test_a_prompt_client_is_served_and_kept_alive(address) -> None:
    request = b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
    with socket.create_connection(address, timeout=10) as conn:
        for _ in range(2):
            conn.sendall(request)
            data = b""
            while not data.endswith(b"}"):
                data += conn.recv(65536)
            assert data.startswith(b"HTTP/1.1 200 ")
            time.sleep(0.3)  # idle, not slow: within the deadline each time


def test_connections_beyond_the_cap_get_503(address) -> None:
    held = [socket.create_connection(address, timeout=10) for _ in range(LIMITS.max_connections)]
    try:
        time.sleep(0.1)
        raw = exchange(address, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        assert findings_of(raw, 503)[0]["code"] == "PG915"
    finally:
        for conn in held:
            conn.close()
    time.sleep(0.2)
    raw = exchange(address, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    assert raw.startswith(b"HTTP/1.1 200 ")


def test_api_listens_on_loopback_by_default(monkeypatch) -> None:
    seen = {}

    def run(self) -> None:
        seen["host"] = self.config.host
        seen["limit"] = self.config.app.state.limits.max_body_bytes

    monkeypatch.setattr(uvicorn.Server, "run", run)
    result = CliRunner().invoke(main, ["api", "-p", str(REPO)])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "limit": 1_000_000}
    result = CliRunner().invoke(
        main, ["api", "-p", str(REPO), "--host", "0.0.0.0", "--max-body-bytes", "5000"]
    )
    assert result.exit_code == 0, result.output
    assert seen == {"host": "0.0.0.0", "limit": 5000}
    assert "anyone who can reach this machine" in result.output


def test_loopback_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("10.0.0.1")
