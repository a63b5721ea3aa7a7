"""The HTTP preview and validation service (``pressgen api``), built on Starlette.

A thin adapter over :class:`~pressgen.Pressroom`: JSON in, findings or a rendered
article out; bodies are size-limited; every 4xx body is a list of findings.

Renders (and validations, which render) never run in the event loop or in this
process: a render host (:class:`~pressgen.build.workers.RenderHost`, forked when the
app is made) runs each in a forked child under the press room's time limit and a
memory limit, and kills it on overrun — the request then gets a located finding —
so one runaway request cannot block the others, nor ``/health``.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

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

MAX_BODY_BYTES = 1_000_000


def _findings(findings: list[Finding], status: int) -> JSONResponse:
    return JSONResponse([f.to_dict() for f in findings], status_code=status)


async def _article_json(request: Request) -> dict[str, Any] | JSONResponse:
    length = request.headers.get("content-length")
    if length is not None and length.isdigit() and int(length) > MAX_BODY_BYTES:
        return _too_large()
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY_BYTES:
            return _too_large()
    try:
        data = json.loads(body)
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


def _too_large() -> JSONResponse:
    return _findings(
        [
            Finding(
                code=codes.REQUEST_TOO_LARGE,
                message=f"the body is larger than {MAX_BODY_BYTES:,} bytes",
                hint="send one article at a time",
            )
        ],
        413,
    )


def create_app(room: Pressroom) -> Starlette:
    """The ASGI application serving ``room``."""
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

    return Starlette(
        lifespan=lifespan,
        routes=[
            Route("/health", health, methods=["GET"]),
            Route("/schema/{kind}", schema, methods=["GET"]),
            Route("/validate", validate, methods=["POST"]),
            Route("/render", render, methods=["POST"]),
            Route("/openapi.json", spec, methods=["GET"]),
        ],
    )


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
