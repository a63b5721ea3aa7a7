"""The HTTP preview and validation service (``pressgen api``), built on Starlette.

A thin adapter over :class:`~pressgen.Pressroom`: JSON in, findings or a rendered
article out. Rendering runs in Starlette's thread pool (one Pressroom is shared
by all threads); bodies are size-limited; every 4xx body is a list of findings.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from .. import codes
from ..findings import Finding
from ..pressroom import Pressroom
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
        findings = await run_in_threadpool(room.validate_article, data)
        return JSONResponse([f.to_dict() for f in findings])

    async def render(request: Request) -> JSONResponse:
        data = await _article_json(request)
        if isinstance(data, JSONResponse):
            return data
        result = await run_in_threadpool(_render, room, data)
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

    return Starlette(
        routes=[
            Route("/health", health, methods=["GET"]),
            Route("/schema/{kind}", schema, methods=["GET"]),
            Route("/validate", validate, methods=["POST"]),
            Route("/render", render, methods=["POST"]),
            Route("/openapi.json", spec, methods=["GET"]),
        ]
    )


def _render(room: Pressroom, data: dict[str, Any]) -> Any:
    result = room.render_article(data)
    _ = result.html  # computed here, in the worker thread
    return result
