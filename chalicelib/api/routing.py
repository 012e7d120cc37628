"""The edge of every route: authenticate, validate, call one service, map errors, describe in OpenAPI.

Chalice turns any non-Chalice exception into a 500 before middleware sees it, so the mapping
from domain errors to HTTP happens here, around each view.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chalice import Blueprint, Response

from chalicelib import bootstrap
from chalicelib.api.http_errors import error_response
from chalicelib.api.language import preferred_language
from chalicelib.domain.errors import DomainError, FieldProblem, InvalidInput, Msg, NotAuthenticated
from chalicelib.domain.roles import Principal, Role
from chalicelib.observability import logger

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

PUBLIC: frozenset[Role] = frozenset()
ANY_MEMBER: frozenset[Role] | None = None  # any signed-in principal


@dataclass(frozen=True)
class Call:
    """What a view gets: who asks, and the validated input."""

    principal: Principal | None
    body: dict[str, Any]
    query: dict[str, str]
    params: dict[str, str]
    headers: dict[str, str]
    raw_body: bytes

    @property
    def who(self) -> Principal:
        if self.principal is None:
            raise NotAuthenticated("sign in first")
        return self.principal

    @property
    def language(self) -> str:
        return preferred_language(self.headers.get("accept-language"))


@dataclass(frozen=True)
class Reply:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Operation:
    path: str
    method: str
    summary: str
    tag: str
    public: bool
    body_schema: dict[str, Any] | None
    query_schema: dict[str, Any] | None
    responses: dict[int, dict[str, Any]]
    content_type: str = "application/json"


OPERATIONS: list[Operation] = []

# jsonschema's own messages are English only: a schema keyword without an x-message gets one of these.
_SCHEMA_MESSAGES = {
    "enum": Msg("must be one of {values}"),
    "maxLength": Msg("must be at most {limit} character(s) long"),
    "minLength": Msg("must be at least {limit} character(s) long"),
    "pattern": Msg("is not in the expected form"),
    "format": Msg("is not in the expected format"),
    "minProperties": Msg("must have at least {limit} field(s)"),
    "maxItems": Msg("must have at most {limit} item(s)"),
}
_TYPE_MESSAGES = {
    "string": Msg("must be text"),
    "integer": Msg("must be a whole number"),
    "number": Msg("must be a number"),
    "boolean": Msg("must be true or false"),
    "object": Msg("must be an object"),
    "array": Msg("must be a list"),
}
_NOT_VALID = Msg("is not valid")
_INVALID_FIELDS = {
    "request": Msg("the request has {count} invalid field(s)"),
    "query": Msg("the query has {count} invalid field(s)"),
}


def _problems(error: ValidationError) -> list[FieldProblem]:
    base = ".".join(str(p) for p in error.absolute_path)
    prefix = f"{base}." if base else ""
    if error.validator == "required":
        missing = [p for p in error.validator_value if p not in error.instance]
        return [FieldProblem(f"{prefix}{p}", "is required") for p in missing]
    if error.validator == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [p for p in error.instance if p not in known]
        return [FieldProblem(f"{prefix}{p}", "is not a known field") for p in extra]
    message = error.schema.get("x-message") or _schema_message(error)
    return [FieldProblem(base or "(body)", message)]


def _schema_message(error: ValidationError) -> Msg:
    kind, value = error.validator, error.validator_value
    if kind == "type":
        wanted = [t for t in ([value] if isinstance(value, str) else value) if t != "null"]
        return _TYPE_MESSAGES.get(wanted[0] if wanted else "", _NOT_VALID)
    if kind == "minLength" and value == 1:
        return Msg("must not be empty")
    if kind == "enum":
        return Msg(_SCHEMA_MESSAGES[kind], values=", ".join(str(v) for v in value))
    template = _SCHEMA_MESSAGES.get(str(kind))
    return Msg(template, limit=value) if template else _NOT_VALID


def validate(schema: dict[str, Any], instance: Any, what: str = "request") -> None:
    from jsonschema import Draft202012Validator  # on first use: a tenth of a second of cold start

    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    # jsonschema reports each missing property once per `required` error: keep each problem once.
    found = {(p.path, str(p.message)): p for err in validator.iter_errors(instance) for p in _problems(err)}
    problems = list(found.values())
    if problems:
        problems.sort(key=lambda p: p.path)
        summary = _INVALID_FIELDS.get(what, "the {what} has {count} invalid field(s)")
        raise InvalidInput(Msg(summary, what=what, count=len(problems)), problems)


def _parse_body(raw: bytes) -> dict[str, Any]:
    if not raw:
        return {}
    try:
        parsed = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput.on("(body)", "is not valid JSON") from exc
    if not isinstance(parsed, dict):
        raise InvalidInput.on("(body)", "must be a JSON object")
    return parsed


def _bearer(headers: dict[str, str]) -> str | None:
    value = headers.get("authorization") or ""
    scheme, _, token = value.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _principal(headers: dict[str, str], access: frozenset[Role] | None) -> Principal:
    token = _bearer(headers)
    if token is None:
        raise NotAuthenticated("sign in first: this needs an access token")
    principal = bootstrap.container().auth.authenticate(token)
    if access:
        principal.require_any(access)
    return principal


def _language(bp: Blueprint) -> str:
    headers = {k.lower(): v for k, v in (bp.current_request.headers or {}).items()}
    return preferred_language(headers.get("accept-language"))


def _render(result: Any) -> Response:
    if isinstance(result, Response):
        return result
    if isinstance(result, Reply):
        headers: dict[str, str | list[str]] = {"Content-Type": "application/json", **result.headers}
        return Response(body=result.body, status_code=result.status, headers=headers)
    return Response(body=result, status_code=200, headers={"Content-Type": "application/json"})


def _build_call(bp: Blueprint, op: Operation, access: frozenset[Role] | None) -> Call:
    request = bp.current_request
    headers = {k.lower(): v for k, v in (request.headers or {}).items()}
    raw = request.raw_body or b""
    raw = raw.encode() if isinstance(raw, str) else raw
    query = dict(request.query_params or {})
    if op.query_schema:
        validate(op.query_schema, query, "query")
    body = _parse_body(raw) if op.body_schema is not None else {}
    if op.body_schema is not None:
        validate(op.body_schema, body)
    principal = None if access == PUBLIC else _principal(headers, access)
    params = dict(request.uri_params or {})
    return Call(principal, body, query, params, headers, raw)


def endpoint(
    bp: Blueprint,
    path: str,
    method: str = "GET",
    *,
    summary: str,
    tag: str,
    access: frozenset[Role] | None = ANY_MEMBER,
    body: dict[str, Any] | None = None,
    query: dict[str, Any] | None = None,
    responses: dict[int, dict[str, Any]] | None = None,
    content_type: str = "application/json",
) -> Callable[[Callable[[Call], Any]], Callable[..., Response]]:
    """Register a route; `path` is relative to the blueprint's /api prefix."""
    op = Operation(
        path,
        method,
        summary,
        tag,
        access == PUBLIC,
        body,
        query,
        responses or {200: {"type": "object"}},
        content_type,
    )
    OPERATIONS.append(op)

    def decorate(view: Callable[[Call], Any]) -> Callable[..., Response]:
        @functools.wraps(view)
        def handle(**_uri: str) -> Response:
            try:
                return _render(view(_build_call(bp, op, access)))
            except DomainError as error:
                if error.code not in ("invalid_input", "not_authenticated"):
                    logger.info("request refused", extra={"code": error.code, "path": path})
                return error_response(error, _language(bp))

        bp.route(path, methods=[method], content_types=["application/json"])(handle)
        return handle

    return decorate
