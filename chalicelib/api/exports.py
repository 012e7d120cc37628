"""Participant exports of an event or a training, as CSV or XLSX (the people who manage it)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Response

from chalicelib import bootstrap
from chalicelib.api.media import accepts
from chalicelib.api.routing import Call, endpoint
from chalicelib.domain.errors import InvalidInput, Msg
from chalicelib.domain.events import EventKind
from chalicelib.domain.exports import ExportFormat, ExportResult, Selection, delimiter_for
from chalicelib.domain.roles import Role
from chalicelib.schemas import schema
from chalicelib.services.exports import ExportRequest

bp = Blueprint(__name__)

MANAGERS = frozenset({Role.ORGANIZER, Role.ADMIN})
DOWNLOAD_LINK: dict[str, Any] = {
    "type": "object",
    "description": "instead of the file, when it is larger than a Lambda answer may be",
    "required": ["url", "expires_in", "bytes"],
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "expires_in": {"type": "integer"},
        "bytes": {"type": "integer"},
    },
}
PLACES = {EventKind.EVENT: "events", EventKind.TRAINING: "trainings"}


def _bare(media_type: str) -> str:
    return media_type.split(";")[0].strip()


def _require_accept(headers: dict[str, str], media_type: str) -> None:
    """API Gateway sends a binary answer as binary only to a request that names its type; asked
    before the export runs, so that no audited export is then refused by chalice."""
    if not accepts(headers, _bare(media_type)):
        raise InvalidInput.on("accept", Msg("must name {media_type}", media_type=_bare(media_type)))


def _answer(result: ExportResult, fmt: ExportFormat) -> Response:
    if result.link is not None or result.content is None:
        link = result.link
        body = {"url": link.url, "expires_in": link.expires_in, "bytes": link.bytes} if link else {}
        json_headers: dict[str, str | list[str]] = {
            "Content-Type": "application/json",
            "Cache-Control": "no-store",
        }
        return Response(body=body, status_code=200, headers=json_headers)
    headers: dict[str, str | list[str]] = {
        "Content-Type": result.media_type,
        "Content-Disposition": f'attachment; filename="{result.filename}"',
        "Cache-Control": "no-store",
    }
    # Text goes back as text; only a binary type may (and must) be bytes for chalice to base64 it.
    content = result.content if fmt.is_binary else result.content.decode("utf-8")
    return Response(body=content, status_code=200, headers=headers)


def _export(call: Call, kind: EventKind, fmt: ExportFormat) -> Response:
    if fmt.is_binary:
        _require_accept(call.headers, fmt.media_type)
    request = ExportRequest(
        event_id=call.params["event_id"],
        kind=kind,
        fmt=fmt,
        delimiter=delimiter_for(call.query.get("delimiter")),
        selection=Selection.parse(call.query.get("status")),
        language=call.language,
    )
    return _answer(bootstrap.container().participant_exports.export(call.who, request), fmt)


def _operation(kind: EventKind, fmt: ExportFormat) -> dict[str, Any]:
    """What each export route declares: its path, its query schema and its answers."""
    query = schema("export_query")
    if fmt is ExportFormat.XLSX:  # no delimiter in a workbook
        query = {**query, "properties": {"status": query["properties"]["status"]}}
    what = "training's" if kind is EventKind.TRAINING else "event's"
    return {
        "path": f"/{PLACES[kind]}/{{event_id}}/participants.{fmt.value}",
        "summary": f"The {what} participants as {fmt.value.upper()}, or a link to the file when large",
        "tag": PLACES[kind],
        "access": MANAGERS,
        "query": query,
        "responses": {200: DOWNLOAD_LINK},
        "content_type": _bare(fmt.media_type),
    }


@endpoint(bp, **_operation(EventKind.EVENT, ExportFormat.CSV))
def export_event_csv(call: Call) -> Response:
    return _export(call, EventKind.EVENT, ExportFormat.CSV)


@endpoint(bp, **_operation(EventKind.EVENT, ExportFormat.XLSX))
def export_event_xlsx(call: Call) -> Response:
    return _export(call, EventKind.EVENT, ExportFormat.XLSX)


@endpoint(bp, **_operation(EventKind.TRAINING, ExportFormat.CSV))
def export_training_csv(call: Call) -> Response:
    return _export(call, EventKind.TRAINING, ExportFormat.CSV)


@endpoint(bp, **_operation(EventKind.TRAINING, ExportFormat.XLSX))
def export_training_xlsx(call: Call) -> Response:
    return _export(call, EventKind.TRAINING, ExportFormat.XLSX)
