"""How domain objects look on the wire, and the JSON Schemas of those shapes for OpenAPI."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.applications import MembershipApplication
from chalicelib.domain.members import Member
from chalicelib.domain.roles import grants_as_json
from chalicelib.services.members import MemberProfile

NULLABLE_STRING = {"type": ["string", "null"]}
STRING = {"type": "string"}


def _object(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"type": "object", "required": list(required), "properties": {**required, **(optional or {})}}


MEMBER_SUMMARY = _object(
    {
        "id": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "email": STRING,
        "branch_id": STRING,
        "workplace_id": NULLABLE_STRING,
        "category": STRING,
        "status": STRING,
    }
)

GRANT = _object({"role": STRING, "branch_ids": {"type": "array"}, "workplace_ids": {"type": "array"}})

PROFILE = _object(
    {
        **MEMBER_SUMMARY["properties"],
        "phone": NULLABLE_STRING,
        "street_address": NULLABLE_STRING,
        "postal_code": NULLABLE_STRING,
        "city": NULLABLE_STRING,
        "country": STRING,
        "iban": NULLABLE_STRING,
        "language": {"enum": ["fi", "sv", "en"]},
        "member_since": STRING,
        "roles": {"type": "array", "items": STRING},
        "grants": {"type": "array", "items": GRANT},
        "status_history": {"type": "array", "items": {"type": "object"}},
        "pending_requests": {"type": "array", "items": {"type": "object"}},
    }
)

MEMBER_PAGE = _object({"items": {"type": "array", "items": MEMBER_SUMMARY}, "next": NULLABLE_STRING})

APPLICATION = _object(
    {
        "id": STRING,
        "email": STRING,
        "first_name": STRING,
        "last_name": STRING,
        "branch_id": STRING,
        "workplace_id": NULLABLE_STRING,
        "category": STRING,
        "status": STRING,
        "submitted_at": STRING,
    },
    {"reason": NULLABLE_STRING, "decided_by": NULLABLE_STRING},
)

APPLICATION_RECEIVED = _object({"id": STRING, "status": STRING})
APPLICATION_LIST = _object({"items": {"type": "array", "items": APPLICATION}})

TOKENS = _object(
    {"access_token": STRING, "token_type": {"const": "Bearer"}, "expires_in": {"type": "integer"}},
    {"refresh_token": STRING},
)


def member_summary(m: Member) -> dict[str, Any]:
    return {
        "id": m.id,
        "first_name": m.first_name,
        "last_name": m.last_name,
        "email": m.email,
        "branch_id": m.branch_id,
        "workplace_id": m.workplace_id,
        "category": m.category.value,
        "status": m.status.value,
    }


def profile(p: MemberProfile, roles: list[str]) -> dict[str, Any]:
    m = p.member
    return {
        **member_summary(m),
        "phone": m.phone,
        "street_address": m.street_address,
        "postal_code": m.postal_code,
        "city": m.city,
        "country": m.country,
        "iban": m.iban,
        "language": m.language.value,
        "member_since": m.member_since.isoformat(),
        "roles": roles,
        "grants": grants_as_json(m.grants),
        "status_history": [
            {"at": c.at, "status": c.status.value, "category": c.category.value, "reason": c.reason}
            for c in p.history
        ],
        "pending_requests": p.requests,
    }


def application(a: MembershipApplication) -> dict[str, Any]:
    return {
        "id": a.id,
        "email": a.email,
        "first_name": a.first_name,
        "last_name": a.last_name,
        "branch_id": a.branch_id,
        "workplace_id": a.workplace_id,
        "category": a.category.value,
        "status": a.status.value,
        "submitted_at": a.submitted_at,
        "reason": a.reason,
        "decided_by": a.decided_by,
    }
