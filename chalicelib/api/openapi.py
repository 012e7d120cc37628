"""The whole API as an OpenAPI 3.1 document, built from the routes' own declarations."""

from __future__ import annotations

import re
from typing import Any

from chalice import Blueprint

from chalicelib.api.http_errors import ERROR_BODY_SCHEMA
from chalicelib.api.routing import OPERATIONS, PUBLIC, Call, Operation, endpoint

bp = Blueprint(__name__)

PREFIX = "/api"


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def _content(op: Operation, schema: dict[str, Any]) -> dict[str, Any]:
    """JSON, or for a route that answers a file (its `content_type`) that file or, as routes
    answering files may, JSON (a download link, a certificate check)."""
    if op.content_type == "application/json":
        return _json(schema)
    media = {op.content_type: {"schema": {"type": "string", "format": "binary"}}}
    return {"content": {**media, "application/json": {"schema": schema}}}


def _parameters(op: Operation) -> list[dict[str, Any]]:
    params = [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": {"type": "string", "minLength": 1, "maxLength": 64},
        }
        for name in re.findall(r"{(\w+)}", op.path)
    ]
    for name, prop in (op.query_schema or {}).get("properties", {}).items():
        params.append({"name": name, "in": "query", "required": False, "schema": prop})
    return params


def _operation_id(op: Operation) -> str:
    words = re.sub(r"\W+", "_", op.path).strip("_")
    return f"{op.method.lower()}_{words}"


def _operation(op: Operation) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "summary": op.summary,
        "tags": [op.tag],
        "operationId": _operation_id(op),
        "parameters": _parameters(op),
        "responses": {
            **{
                str(status): {"description": "success", **_content(op, s)}
                for status, s in op.responses.items()
            },
            "default": {"description": "an error, with the fields it concerns", **_json(ERROR_BODY_SCHEMA)},
        },
    }
    if op.body_schema is not None:
        doc["requestBody"] = {"required": True, **_json(op.body_schema)}
    if not op.public:
        doc["security"] = [{"bearer": []}]
    return doc


def document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for op in OPERATIONS:
        paths.setdefault(PREFIX + op.path, {})[op.method.lower()] = _operation(op)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Union Portal API", "version": "1.0.0"},
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
        },
    }


@endpoint(bp, "/openapi.json", summary="This document", tag="system", access=PUBLIC)
def openapi(call: Call) -> dict[str, Any]:
    return document()
