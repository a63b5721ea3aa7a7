"""The OpenAPI 3.1 document of the HTTP service, built from the content model itself."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from ..model import Article
from ..schema import SCHEMA_TYPES
from ..version import __version__

REF = "#/components/schemas/{model}"

FINDING = {
    "type": "object",
    "title": "Finding",
    "description": "One problem: what (code, message), where (file, line, path), the fix (hint).",
    "required": ["code", "severity", "message", "hint", "path"],
    "properties": {
        "code": {"type": "string", "pattern": "^PG[0-9]{3}$", "examples": ["PG301"]},
        "severity": {"type": "string", "enum": ["error", "warning"]},
        "message": {"type": "string"},
        "hint": {"type": "string"},
        "file": {"type": ["string", "null"]},
        "line": {"type": ["integer", "null"]},
        "path": {
            "type": "string",
            "description": "JSON pointer into the submitted article.",
            "examples": ["/facts/1"],
        },
    },
}
FINDINGS = {"type": "array", "items": {"$ref": REF.format(model="Finding")}}
RENDERED = {
    "type": "object",
    "title": "RenderedArticle",
    "required": ["slug", "markdown", "html", "metadata", "jsonld", "citations", "findings"],
    "properties": {
        "slug": {"type": "string"},
        "markdown": {"type": "string"},
        "html": {"type": "string", "description": "Sanitised HTML."},
        "metadata": {"type": "object"},
        "jsonld": {"type": "object", "description": "schema.org NewsArticle."},
        "citations": {"type": "array", "items": {"type": "object"}},
        "findings": FINDINGS,
    },
}
HEALTH = {
    "type": "object",
    "required": ["status", "version", "articles", "errors"],
    "properties": {
        "status": {"type": "string", "enum": ["ok", "degraded"]},
        "version": {"type": "string"},
        "articles": {"type": "integer"},
        "errors": {"type": "integer", "description": "Errors in the press room's own content."},
    },
}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="Findings")}}},
    }


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def build_openapi() -> dict[str, Any]:
    article = TypeAdapter(Article).json_schema(ref_template=REF)
    components: dict[str, Any] = dict(article.pop("$defs", {}))
    components.update(
        Article=article, Finding=FINDING, Findings=FINDINGS, RenderedArticle=RENDERED, Health=HEALTH
    )
    server_error = {"500": _problem("A bug in pressgen (PG999); the finding says so.")}
    bad_request = {
        "400": _problem(
            "The body is not JSON or not a JSON object (PG903), or repeats a key (PG108)."
        ),
        "408": _problem("The body did not arrive in time (PG913)."),
        "413": _problem("The body is larger than the limit (PG904)."),
        **server_error,
    }
    article_body = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="Article")}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "pressgen preview and validation service",
            "version": __version__,
            "description": "Validate and render press-room articles sent as JSON. Every "
            "error response is a list of findings, also for an unknown address (404, "
            "PG905) or method (405, PG911), a request whose headers arrive too slowly "
            "(408, PG913) and too many connections at once (503, PG915). Every response "
            "carries X-Content-Type-Options: nosniff and a Content-Security-Policy that "
            "allows nothing; CORS headers only for the origins the service was started "
            "with.",
        },
        "paths": {
            "/health": {
                "get": {
                    "operationId": "health",
                    "summary": "Is the service up?",
                    "responses": {
                        "200": _json({"$ref": REF.format(model="Health")}, "The service is up."),
                        **server_error,
                    },
                }
            },
            "/schema/{kind}": {
                "get": {
                    "operationId": "schema",
                    "summary": "JSON Schema of a content type.",
                    "parameters": [
                        {
                            "name": "kind",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "enum": sorted(SCHEMA_TYPES)},
                        }
                    ],
                    "responses": {
                        "200": _json({"type": "object"}, "A JSON Schema (2020-12)."),
                        "404": _problem("No such content type (PG905)."),
                        **server_error,
                    },
                }
            },
            "/validate": {
                "post": {
                    "operationId": "validate",
                    "summary": "Findings for an article (an empty list when it is fine).",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "description": "An article, as in "
                                    "#/components/schemas/Article; any object is accepted and "
                                    "every problem is reported as a finding.",
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": _json({"$ref": REF.format(model="Findings")}, "The findings."),
                        **bad_request,
                        "422": _problem("The JSON is nested too deeply (PG912)."),
                    },
                }
            },
            "/render": {
                "post": {
                    "operationId": "render",
                    "summary": "Render an article to Markdown, HTML, metadata and JSON-LD.",
                    "requestBody": article_body,
                    "responses": {
                        "200": _json(
                            {"$ref": REF.format(model="RenderedArticle")},
                            "The rendered article (it may carry warnings).",
                        ),
                        **bad_request,
                        "422": _problem(
                            "The article has errors, or its JSON is nested too deeply "
                            "(PG912); nothing was rendered."
                        ),
                    },
                }
            },
        },
        "components": {"schemas": components},
    }
