"""Admin tools: importing an existing register."""

from __future__ import annotations

import base64
import binascii

from chalice import Blueprint

from chalicelib import bootstrap
from chalicelib.api.language import translator
from chalicelib.api.routing import Call, endpoint
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.roles import Role
from chalicelib.schemas import schema

bp = Blueprint(__name__)

REPORT = {
    "type": "object",
    "required": ["created", "updated", "unchanged", "rejected"],
    "properties": {
        "created": {"type": "integer"},
        "updated": {"type": "integer"},
        "unchanged": {"type": "integer"},
        "rejected": {"type": "array", "items": {"type": "object", "required": ["row", "fields"]}},
    },
}


@endpoint(
    bp,
    "/admin/imports",
    "POST",
    summary="Import members from a CSV or XLSX file (rows checked one by one)",
    tag="admin",
    access=frozenset({Role.ADMIN}),
    body=schema("import_request"),
    responses={200: REPORT},
)
def import_register(call: Call) -> dict:
    try:
        content = base64.b64decode(call.body["content_base64"], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput.on("content_base64", "is not base64") from exc
    report = bootstrap.container().register_import.run_as(
        call.who, call.body["filename"], content, bool(call.body.get("dry_run", False))
    )
    answer, text = report.as_dict(), translator(call.language)
    for row in answer["rejected"]:  # the reasons a row was rejected, in the admin's language
        row["fields"] = [{**f, "message": text(f["message"])} for f in row["fields"]]
    return answer
