"""The one table from domain errors to HTTP, and the error body every client sees."""

from __future__ import annotations

from typing import Any

from chalice import Response

from chalicelib.api.language import DEFAULT_LANGUAGE, translator
from chalicelib.domain import errors

STATUS_BY_ERROR: dict[type[errors.DomainError], int] = {
    errors.InvalidInput: 400,
    errors.NotAuthenticated: 401,
    errors.NotPermitted: 403,
    errors.NotFound: 404,
    errors.AlreadyExists: 409,
    errors.AlreadyDecided: 409,
    errors.DecisionExpired: 409,
    errors.InvalidTransition: 409,
    errors.ConcurrentChange: 409,
    errors.TooManyRequests: 429,
    errors.DependencyUnavailable: 503,
}

ERROR_BODY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message", "fields"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["path", "message"],
                        "properties": {"path": {"type": "string"}, "message": {"type": "string"}},
                    },
                },
            },
        }
    },
}


def status_for(error: errors.DomainError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS_BY_ERROR:
            return STATUS_BY_ERROR[cls]
    return 400


def error_body(code: str, message: str, fields: list[errors.FieldProblem] | None = None) -> dict:
    problems = [{"path": f.path, "message": f.message} for f in fields or []]
    return {"error": {"code": code, "message": message, "fields": problems}}


def error_response(error: errors.DomainError, language: str = DEFAULT_LANGUAGE) -> Response:
    """The error body with its message and field messages in the language (fi, sv or en)."""
    headers: dict[str, str | list[str]] = {
        "Content-Type": "application/json",
        "Content-Language": language,
        "Vary": "Accept-Language",
    }
    if isinstance(error, errors.NotAuthenticated):
        headers["WWW-Authenticate"] = "Bearer"
    text = translator(language)
    fields = [errors.FieldProblem(f.path, text(f.message)) for f in error.fields]
    return Response(
        body=error_body(error.code, text(error.message), fields),
        status_code=status_for(error),
        headers=headers,
    )
