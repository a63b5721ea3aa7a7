"""Running the HTTP service with uvicorn, with limits on what a client may hold.

uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but waits
forever for a client that opens a connection and sends its request line and
headers slowly, a byte at a time (slowloris), and answers some errors itself in
plain text. :class:`GuardedH11` is uvicorn's own HTTP/1.1 protocol with three
changes, each answered with findings JSON and the security headers:

- a connection that has not finished the headers of its next request within
  ``header_timeout_s`` gets 408 (PG913) and is closed;
- a connection beyond ``max_connections`` open at once gets 503 (PG915);
- a request that is not HTTP, or whose headers are too large, gets 400 (PG903).

The body has its own deadline and size limit in the application (:mod:`.http`).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from .. import codes
from ..findings import Finding
from .http import SECURITY_HEADERS, ServiceLimits

LOOPBACK = "127.0.0.1"
KEEP_ALIVE_S = 5
MAX_HEADER_BYTES = 16 * 1024
REASONS = {400: "Bad Request", 408: "Request Timeout", 503: "Service Unavailable"}


def raw_findings_response(status: int, finding: Finding) -> bytes:
    """A whole HTTP/1.1 response carrying one finding, for answers given before (or
    instead of) a request reaching the application."""
    body = json.dumps([finding.to_dict()]).encode()
    headers = "".join(f"{name}: {value}\r\n" for name, value in SECURITY_HEADERS.items())
    head = (
        f"HTTP/1.1 {status} {REASONS[status]}\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\n{headers}connection: close\r\n\r\n"
    )
    return head.encode() + body


class GuardedH11(H11Protocol):
    """uvicorn's h11 protocol with a header deadline, a connection cap and findings
    for the errors uvicorn answers itself."""

    header_timeout_s = ServiceLimits().header_timeout_s
    max_connections = ServiceLimits().max_connections
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > self.max_connections:
            self._refuse(
                503,
                Finding(
                    code=codes.SERVICE_BUSY,
                    message="the service has too many open connections",
                    hint="try again in a moment; send requests one after another",
                ),
            )
            return
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets the same deadline

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)

    def send_400_response(self, msg: str) -> None:
        self._refuse(
            400,
            Finding(
                code=codes.BAD_REQUEST,
                message=f"the request is not valid HTTP/1.1, or its headers are larger than "
                f"{MAX_HEADER_BYTES // 1024} kB",
                hint="send a plain HTTP request with a JSON body (see GET /openapi.json)",
            ),
        )

    def _arm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._header_timer = self.loop.call_later(self.header_timeout_s, self._too_slow, self.cycle)

    def _too_slow(self, waiting_after: Any) -> None:
        if self.cycle is not waiting_after:
            return  # a request arrived in time (a new request makes a new cycle)
        self._refuse(
            408,
            Finding(
                code=codes.REQUEST_TIMEOUT,
                message=f"the request headers did not arrive within "
                f"{self.header_timeout_s:g} seconds",
                hint="send the whole request at once",
            ),
        )

    def _refuse(self, status: int, finding: Finding) -> None:
        if not self.transport.is_closing():
            self.transport.write(raw_findings_response(status, finding))
            self.transport.close()


def server_config(
    app: Any, host: str, port: int, limits: ServiceLimits, *, log_level: str = "info"
) -> uvicorn.Config:
    """uvicorn's configuration for the service: the protocol above and tight limits."""
    protocol = type(
        "GuardedH11",
        (GuardedH11,),
        {"header_timeout_s": limits.header_timeout_s, "max_connections": limits.max_connections},
    )
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=protocol,
        log_level=log_level,
        timeout_keep_alive=KEEP_ALIVE_S,
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        server_header=False,
    )


def is_loopback(host: str) -> bool:
    """Does ``host`` accept connections from this machine only?"""
    return host in {"localhost", "::1"} or host.startswith("127.")
