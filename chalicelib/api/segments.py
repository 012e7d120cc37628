"""Saved segments of members: named rules staff reuse as audiences and eligibility."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib import bootstrap
from chalicelib.api.routing import Call, Reply, endpoint
from chalicelib.domain.segments import Segment
from chalicelib.schemas import schema
from chalicelib.services.segments import SEGMENT_EDITORS, SEGMENT_READERS

bp = Blueprint(__name__)

SEGMENT = {
    "type": "object",
    "required": ["id", "name", "description", "rule", "created_by", "created_at", "revision"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "description": {"type": "string"},
        "rule": {"type": "object"},
        "revision": {"type": "integer"},
    },
}
SEGMENT_LIST = {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": SEGMENT}},
}


def segment_view(segment: Segment) -> dict[str, Any]:
    return {
        "id": segment.id,
        "name": segment.name,
        "description": segment.description,
        "rule": segment.rule.as_json(),
        "created_by": segment.created_by,
        "created_at": segment.created_at,
        "revision": segment.revision,
    }


@endpoint(
    bp,
    "/segments",
    summary="Saved segments",
    tag="segments",
    access=SEGMENT_READERS,
    responses={200: SEGMENT_LIST},
)
def list_segments(call: Call) -> dict:
    return {"items": [segment_view(s) for s in bootstrap.container().segments.all(call.who)]}


@endpoint(
    bp,
    "/segments",
    "POST",
    summary="Save a segment",
    tag="segments",
    access=SEGMENT_EDITORS,
    body=schema("segment"),
    responses={201: SEGMENT},
)
def create_segment(call: Call) -> Reply:
    return Reply(201, segment_view(bootstrap.container().segments.create(call.who, call.body)))


@endpoint(
    bp,
    "/segments/{segment_id}",
    summary="One segment",
    tag="segments",
    access=SEGMENT_READERS,
    responses={200: SEGMENT},
)
def get_segment(call: Call) -> dict:
    return segment_view(bootstrap.container().segments.get(call.who, call.params["segment_id"]))


@endpoint(
    bp,
    "/segments/{segment_id}",
    "PATCH",
    summary="Change a segment",
    tag="segments",
    access=SEGMENT_EDITORS,
    body=schema("segment_patch"),
    responses={200: SEGMENT},
)
def change_segment(call: Call) -> dict:
    return segment_view(bootstrap.container().segments.update(call.who, call.params["segment_id"], call.body))
