"""Events, registrations, enrolments and certificates on the wire (docs/events.md), with the JSON
Schemas of those shapes for OpenAPI."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chalicelib.domain.events import Certificate, EventKind, Participant
from chalicelib.services.events import EventView
from chalicelib.services.registrations import MyRegistration
from chalicelib.services.trainings import PendingEnrolment

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
INTEGER = {"type": "integer"}
NULLABLE_INTEGER = {"type": ["integer", "null"]}
TEXTS = {"type": "object", "additionalProperties": STRING}
OBJECT = {"type": "object"}


def _object(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}


def utc(at: datetime | None) -> str | None:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if at else None


REGISTRATION_FIELDS = {
    "event_id": STRING,
    "kind": STRING,
    "status": {"enum": ["confirmed", "waiting", "pending_approval", "cancelled", "declined"]},
    "position": NULLABLE_INTEGER,
    "answers": OBJECT,
    "registered_at": STRING,
    "checked_in_at": NULLABLE_STRING,
    "completed": {"type": "boolean"},
}
REGISTRATION = _object(REGISTRATION_FIELDS)
SEATS = _object({"capacity": INTEGER, "confirmed": INTEGER, "waiting": INTEGER, "free": INTEGER})
EVENT = _object(
    {
        "id": STRING,
        "kind": {"enum": ["event", "training"]},
        "title": TEXTS,
        "description": TEXTS,
        "starts_at": STRING,
        "ends_at": STRING,
        "timezone": STRING,
        "place": NULLABLE_STRING,
        "online_url": NULLABLE_STRING,
        "capacity": INTEGER,
        "registration_opens_at": STRING,
        "registration_closes_at": STRING,
        "cancellation_deadline": STRING,
        "audience": {"type": ["object", "null"]},
        "questions": {"type": ["object", "null"]},
        "price_cents": INTEGER,
        "status": {"enum": ["published", "cancelled"]},
        "organizer_ids": {"type": "array", "items": STRING},
        "seats": SEATS,
        "can_manage": {"type": "boolean"},
        "my_registration": {"anyOf": [REGISTRATION, {"type": "null"}]},
    },
    {
        "hours": {"type": ["number", "null"]},
        "prerequisites": {"type": "array", "items": STRING},
        "requires_approval": {"type": "boolean"},
    },
)
EVENT_LIST = _object({"items": {"type": "array", "items": EVENT}, "next": {"type": "null"}})
EVENT_SUMMARY = _object(
    {
        "id": STRING,
        "kind": STRING,
        "title": TEXTS,
        "starts_at": STRING,
        "ends_at": STRING,
        "place": NULLABLE_STRING,
        "online_url": NULLABLE_STRING,
    }
)
MY_REGISTRATIONS = _object(
    {"items": {"type": "array", "items": _object({**REGISTRATION_FIELDS, "event": EVENT_SUMMARY})}}
)
PARTICIPANT = _object(
    {
        "member_id": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "email": STRING,
        "status": STRING,
        "position": NULLABLE_INTEGER,
        "answers": OBJECT,
        "registered_at": STRING,
        "checked_in_at": NULLABLE_STRING,
        "completed": {"type": "boolean"},
    }
)
PARTICIPANT_PAGE = _object({"items": {"type": "array", "items": PARTICIPANT}, "next": NULLABLE_STRING})
ATTENDANCE = _object(
    {"member_id": STRING, "completed": {"type": "boolean"}, "certificate_code": NULLABLE_STRING}
)
ENROLMENT = _object(
    {
        "training_id": STRING,
        "title": TEXTS,
        "starts_at": STRING,
        "member_id": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "branch_id": STRING,
        "requested_at": STRING,
        "answers": OBJECT,
    }
)
ENROLMENT_LIST = _object({"items": {"type": "array", "items": ENROLMENT}})
MY_CERTIFICATE = _object(
    {
        "code": STRING,
        "training_id": STRING,
        "title": TEXTS,
        "completed_on": STRING,
        "hours": {"type": ["number", "null"]},
    }
)
CERTIFICATE_LIST = _object({"items": {"type": "array", "items": MY_CERTIFICATE}})
CERTIFICATE_CHECK = _object(
    {
        "genuine": {"const": True},
        "code": STRING,
        "name": STRING,
        "training": TEXTS,
        "date": STRING,
        "hours": {"type": ["number", "null"]},
        "union": STRING,
    }
)


def event_json(view: EventView) -> dict[str, Any]:
    e = view.event
    body: dict[str, Any] = {
        "id": e.id,
        "kind": e.kind.value,
        "title": e.title,
        "description": e.description,
        "starts_at": utc(e.starts_at),
        "ends_at": utc(e.ends_at),
        "timezone": e.timezone,
        "place": e.place,
        "online_url": e.online_url,
        "capacity": view.seats.capacity,
        "registration_opens_at": utc(e.registration_opens_at),
        "registration_closes_at": utc(e.registration_closes_at),
        "cancellation_deadline": utc(e.cancellation_deadline),
        "audience": e.audience.as_json(),
        "questions": e.questions,
        "price_cents": e.price_cents,
        "status": e.status.value,
        "organizer_ids": sorted(e.managers),
        "seats": view.seats.as_json(),
        "can_manage": view.can_manage,
        "my_registration": registration_json(view.mine, e.kind) if view.mine else None,
    }
    if e.is_training:
        body.update(hours=e.hours, prerequisites=list(e.prerequisites), requires_approval=e.requires_approval)
    return body


def registration_json(p: Participant, kind: EventKind) -> dict[str, Any]:
    return {
        "event_id": p.event_id,
        "kind": kind.value,
        "status": p.status.value,
        "position": p.position,
        "answers": p.answers,
        "registered_at": utc(p.registered_at),
        "checked_in_at": utc(p.checked_in_at),
        "completed": p.completed,
    }


def my_registration_json(mine: MyRegistration) -> dict[str, Any]:
    e = mine.event
    summary = {
        "id": e.id,
        "kind": e.kind.value,
        "title": e.title,
        "starts_at": utc(e.starts_at),
        "ends_at": utc(e.ends_at),
        "place": e.place,
        "online_url": e.online_url,
    }
    return {**registration_json(mine.registration, e.kind), "event": summary}


def participant_json(p: Participant) -> dict[str, Any]:
    return {
        "member_id": p.member_id,
        "first_name": p.first_name,
        "last_name": p.last_name,
        "email": p.email,
        "status": p.status.value,
        "position": p.position,
        "answers": p.answers,
        "registered_at": utc(p.registered_at),
        "checked_in_at": utc(p.checked_in_at),
        "completed": p.completed,
    }


def enrolment_json(pending: PendingEnrolment) -> dict[str, Any]:
    e, t = pending.enrolment, pending.training
    return {
        "training_id": t.id,
        "title": t.title,
        "starts_at": utc(t.starts_at),
        "member_id": e.member_id,
        "first_name": e.first_name,
        "last_name": e.last_name,
        "branch_id": e.branch_id,
        "requested_at": utc(e.requested_at),
        "answers": pending.answers,
    }


def my_certificate_json(c: Certificate) -> dict[str, Any]:
    return {
        "code": c.code,
        "training_id": c.training_id,
        "title": c.title,
        "completed_on": c.completed_on.isoformat(),
        "hours": c.hours,
    }


def certificate_check_json(c: Certificate, union: str) -> dict[str, Any]:
    return {
        "genuine": True,
        "code": c.code,
        "name": c.name,
        "training": c.title,
        "date": c.completed_on.isoformat(),
        "hours": c.hours,
        "union": union,
    }
