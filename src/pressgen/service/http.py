"""The HTTP preview and validation service (``pressgen api``), built on Starlette.

A thin adapter over :class:`~pressgen.Pressroom`: JSON in, findings or a rendered
article out.

Renders (and validations, which render) never run in the event loop or in this
process: a render host (:class:`~pressgen.build.workers.RenderHost`, forked when the
app is made) runs each in a forked child under the press room's time limit and a
memory limit, and kills it on overrun — the request then gets a located finding —
so one runaway request cannot block the others, nor ``/health``.

Every answer that is not a success is a list of findings (``application/json``),
whatever went wrong: an unknown address (404, PG905) or method (405, PG911), a body
that is not JSON (400, PG903) or names a key twice (400, PG108), too large (413,
PG904, checked on ``Content-Length`` before reading and again while reading), nested
too deeply (422, PG912, refused before it can exhaust the parser), or sent too
slowly (408, PG913), and a bug in pressgen (500, PG999). Every answer carries
``X-Content-Type-Options: nosniff`` and a ``Content-Security-Policy`` that lets
nothing load or run; there are no CORS headers unless origins are configured
(:class:`ServiceLimits`). Slow clients that never finish their headers are cut off
by :mod:`.server`.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import codes
from ..build.pipeline import in_worker, limited
from ..build.workers import MAX_WORKERS, Note, Overrun, RenderHost, usable_cores
from ..findings import Finding, Location
from ..model import RenderedArticle
from ..pressroom import Pressroom
from ..render import limit_finding
from ..schema import SCHEMA_TYPES, json_schema
from ..version import __version__
from .openapi import build_openapi


@dataclass(frozen=True)
class ServiceLimits:
    """What the service accepts; ``pressgen api`` options set them."""

    max_body_bytes: int = 1_000_000
    max_json_depth: int = 64  # an article nests about 5 deep
    body_timeout_s: float = 10.0  # the whole body must arrive within this time
    header_timeout_s: float = 10.0  # the request line and headers (see .server)
    max_connections: int = 64  # open at once; more get 503 (see .server)
    cors_origins: tuple[str, ...] = ()  # no CORS headers at all unless set


MAX_BODY_BYTES = ServiceLimits().max_body_bytes
SECURITY_HEADERS: Mapping[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _findings(
    findings: list[Finding], status: int, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse([f.to_dict() for f in findings], status_code=status, headers=headers)


def _problem(
    code: str, message: str, hint: str, status: int, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return _findings([Finding(code=code, message=message, hint=hint)], status, headers)


async def _article_json(request: Request) -> dict[str, Any] | JSONResponse:
    """The request's JSON object, or the findings response saying why there is none."""
    limits: ServiceLimits = request.app.state.limits
    length = request.headers.get("content-length")
    if length is not None and length.strip().isdigit() and int(length) > limits.max_body_bytes:
        return _too_large(limits)
    body = bytearray()
    try:
        async with asyncio.timeout(limits.body_timeout_s):
            async for chunk in request.stream():
                body.extend(chunk)
                if len(body) > limits.max_body_bytes:
                    return _too_large(limits)
    except TimeoutError:
        return _problem(
            codes.REQUEST_TIMEOUT,
            f"the body did not arrive within {limits.body_timeout_s:g} seconds",
            "send the whole request at once; check the network between you and the service",
            408,
            {"Connection": "close"},
        )
    except ClientDisconnect:
        return _problem(codes.BAD_REQUEST, "the client went away", "send the request again", 400)
    too_deep = _nesting_problem(bytes(body), limits.max_json_depth)
    if too_deep is not None:
        return too_deep
    try:
        data = json.loads(body, object_pairs_hook=_object_without_duplicates)
    except _DuplicateKey as exc:
        return _problem(
            codes.DUPLICATE_KEY,
            f"the key '{exc.key}' appears twice in one object; which one is meant is unclear",
            f"send '{exc.key}' once",
            400,
        )
    except (ValueError, UnicodeDecodeError) as exc:
        return _findings(
            [
                Finding(
                    code=codes.BAD_REQUEST,
                    message=f"the body is not JSON: {exc}",
                    hint="send the article as a JSON object",
                )
            ],
            400,
        )
    if not isinstance(data, dict):
        return _findings(
            [
                Finding(
                    code=codes.BAD_REQUEST,
                    message="the body must be a JSON object",
                    hint='send the article as {"type": ..., "title": ...}',
                )
            ],
            400,
        )
    return data


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key[:100]


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object, refusing a key given twice (``json`` would keep the last silently)."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return data


def _nesting_problem(body: bytes, limit: int) -> JSONResponse | None:
    """A 422 if the JSON nests deeper than ``limit``, found without trusting the parser
    with it: few brackets cannot nest deeply (counted at C speed); otherwise the parse
    is guarded against recursion and the result's depth measured without recursion."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return None
    try:
        data = json.loads(body)
    except RecursionError:
        return _too_deep(limit)
    except (ValueError, UnicodeDecodeError):
        return None  # not JSON at all: reported as such by the caller
    level = [(data, 1)]
    while level:
        value, depth = level.pop()
        if depth > limit:
            return _too_deep(limit)
        if isinstance(value, dict):
            level.extend((v, depth + 1) for v in value.values())
        elif isinstance(value, list):
            level.extend((v, depth + 1) for v in value)
    return None


def _too_deep(limit: int) -> JSONResponse:
    return _problem(
        codes.JSON_TOO_DEEP,
        f"the JSON is nested more than {limit} levels deep",
        "send the article as plain JSON: an object of fields, lists of ids and small "
        "objects, as in the Article schema (GET /openapi.json)",
        422,
    )


def _too_large(limits: ServiceLimits) -> JSONResponse:
    return _problem(
        codes.REQUEST_TOO_LARGE,
        f"the body is larger than {limits.max_body_bytes:,} bytes",
        "send one article at a time",
        413,
        {"Connection": "close"},
    )


class SecurityHeaders:
    """Adds :data:`SECURITY_HEADERS` to every response (a plain ASGI middleware)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [
                    (name.lower().encode(), value.encode())
                    for name, value in SECURITY_HEADERS.items()
                    if name.lower().encode() not in present
                ]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    """404, 405 and any other HTTP error Starlette raises, as findings."""
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 404:
        return _problem(
            codes.NOT_FOUND,
            f"there is no {request.url.path[:200]} here",
            "the service answers /health, /schema/{kind}, /validate, /render and /openapi.json",
            404,
            headers,
        )
    if exc.status_code == 405:
        allowed = headers.get("Allow") or headers.get("allow") or ""
        return _problem(
            codes.METHOD_NOT_ALLOWED,
            f"{request.url.path[:200]} does not answer {request.method[:20]}",
            f"use {allowed}" if allowed else "see GET /openapi.json for the methods",
            405,
            headers,
        )
    return _problem(
        codes.BAD_REQUEST, str(exc.detail), "see GET /openapi.json", exc.status_code, headers
    )


async def _internal_error(request: Request, exc: Exception) -> Response:
    """500: a bug in pressgen, as a finding (this response bypasses the middleware, so
    it carries the security headers itself)."""
    return _problem(
        codes.INTERNAL_ERROR,
        f"internal error ({type(exc).__name__})",
        "this is a bug in pressgen, not in your article: please report it with the service's log",
        500,
        SECURITY_HEADERS,
    )


def create_app(room: Pressroom, limits: ServiceLimits | None = None) -> Starlette:
    """The ASGI application serving ``room``."""
    limits = limits or ServiceLimits()
    openapi = build_openapi()
    renders = _RenderDispatch(room)

    async def health(request: Request) -> JSONResponse:
        errors = len(room.errors)
        return JSONResponse(
            {
                "status": "ok" if not errors else "degraded",
                "version": __version__,
                "articles": len(room.articles),
                "errors": errors,
            }
        )

    async def schema(request: Request) -> JSONResponse:
        kind = request.path_params["kind"]
        if kind not in SCHEMA_TYPES:
            return _findings(
                [
                    Finding(
                        code=codes.NOT_FOUND,
                        message=f"no content type '{kind}'",
                        hint=f"use one of: {', '.join(sorted(SCHEMA_TYPES))}",
                    )
                ],
                404,
            )
        return JSONResponse(json_schema(kind))

    async def validate(request: Request) -> JSONResponse:
        data = await _article_json(request)
        if isinstance(data, JSONResponse):
            return data
        findings = await renders("validate", data)
        return JSONResponse([f.to_dict() for f in findings])

    async def render(request: Request) -> JSONResponse:
        data = await _article_json(request)
        if isinstance(data, JSONResponse):
            return data
        result = await renders("render", data)
        if not result.ok:
            return _findings(result.findings, 422)
        return JSONResponse(
            {
                "slug": result.slug,
                "markdown": result.markdown,
                "html": result.html,
                "metadata": result.metadata,
                "jsonld": result.jsonld,
                "citations": [c.to_dict() for c in result.citations],
                "findings": [f.to_dict() for f in result.findings],
            }
        )

    async def spec(request: Request) -> JSONResponse:
        return JSONResponse(openapi)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        renders.close()

    middleware = [Middleware(SecurityHeaders)]
    if limits.cors_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(limits.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Content-Type"],
            )
        )
    app = Starlette(
        lifespan=lifespan,
        routes=[
            Route("/health", health, methods=["GET"]),
            Route("/schema/{kind}", schema, methods=["GET"]),
            Route("/validate", validate, methods=["POST"]),
            Route("/render", render, methods=["POST"]),
            Route("/openapi.json", spec, methods=["GET"]),
        ],
        middleware=middleware,
        exception_handlers={HTTPException: _http_error, Exception: _internal_error},
    )
    app.state.limits = limits
    return app


class _RenderDispatch:
    """Renders and validations of one app, each in a limited child of a render host."""

    def __init__(self, room: Pressroom):
        self.room = room
        self.limits = dataclasses.replace(limited(room.renderer), nice=10)
        self.host = self._start()

    def _start(self) -> RenderHost[Any]:
        # One render per core at most, at a lower priority: the event loop stays free.
        concurrency = min(usable_cores(), MAX_WORKERS)
        return RenderHost(self._work, self.limits, self._overrun, concurrency)

    async def __call__(self, kind: str, data: dict[str, Any]) -> Any:
        if not self.host.alive:  # killed from outside: start another
            self.host = self._start()
        return await asyncio.wrap_future(self.host.submit((kind, data)))

    def _work(self, payload: tuple[str, dict[str, Any]], note: Note) -> Any:
        """In the limited child: this process's copy of the press room renders here."""
        kind, data = payload
        if kind == "validate":
            return in_worker(self.room.renderer, note, lambda: self.room.validate_article(data))
        result = in_worker(self.room.renderer, note, lambda: self.room.render_article(data))
        _ = result.html  # computed here too: Markdown → HTML is the costliest step
        return result

    def _overrun(self, payload: tuple[str, dict[str, Any]], why: Overrun) -> Any:
        where = Location(*why.where) if why.where else Location(None, None, "/body")
        finding = limit_finding(
            why.kind, why.limits.seconds, why.limits.memory_mb, where, why.status
        )
        if payload[0] == "validate":
            return [finding]
        return RenderedArticle(slug="", markdown="", metadata={}, findings=[finding])

    def close(self) -> None:
        self.host.close()
