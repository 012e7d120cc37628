"""The member's own page: details, requests, resignation, and all own data."""

from __future__ import annotations

from datetime import date

from chalice import Blueprint

from chalicelib import bootstrap
from chalicelib.api.routing import Call, Reply, endpoint
from chalicelib.api.views import PROFILE, profile
from chalicelib.domain.errors import InvalidInput
from chalicelib.schemas import schema
from chalicelib.services.members import MemberProfile

bp = Blueprint(__name__)

REQUEST = {"type": "object", "required": ["id", "kind", "status"], "properties": {"id": {"type": "string"}}}
TERMS = {
    "type": "object",
    "required": ["effective_date", "consequences"],
    "properties": {
        "effective_date": {"type": "string"},
        "consequences": {"type": "array", "items": {"type": "object", "required": ["code"]}},
    },
}


def _profile(call: Call, p: MemberProfile) -> dict:
    return profile(p, sorted(r.value for r in call.who.roles))


def _members():  # type: ignore[no-untyped-def]
    return bootstrap.container().members


@endpoint(bp, "/me", summary="My details", tag="me", responses={200: PROFILE})
def get_me(call: Call) -> dict:
    return _profile(call, _members().profile(call.who))


@endpoint(
    bp,
    "/me",
    "PATCH",
    summary="Change my contact details",
    tag="me",
    body=schema("member_details_patch"),
    responses={200: PROFILE},
)
def patch_me(call: Call) -> dict:
    return _profile(call, _members().update_details(call.who, call.body))


@endpoint(bp, "/me/export", summary="All data the union holds about me", tag="me")
def export_me(call: Call) -> dict:
    return _members().export(call.who)


@endpoint(
    bp,
    "/me/transfer-requests",
    "POST",
    summary="Ask to move to another branch or workplace",
    tag="me",
    body=schema("transfer_request"),
    responses={202: REQUEST},
)
def request_transfer(call: Call) -> Reply:
    b = call.body
    request = _members().request_transfer(
        call.who, b.get("branch_id"), b.get("workplace_id"), b.get("reason", "")
    )
    return Reply(202, request)


@endpoint(
    bp,
    "/me/retirement",
    "POST",
    summary="Tell the union I retire",
    tag="me",
    body=schema("retirement_notice"),
    responses={200: PROFILE},
)
def notify_retirement(call: Call) -> dict:
    try:
        when = date.fromisoformat(call.body["retirement_date"])
    except ValueError as exc:
        raise InvalidInput.on("retirement_date", "is not a real date") from exc
    return _profile(call, _members().notify_retirement(call.who, when))


@endpoint(bp, "/me/resignation", summary="What I would lose by resigning", tag="me", responses={200: TERMS})
def resignation_terms(call: Call) -> dict:
    terms = _members().resignation_terms(call.who)
    return {
        "effective_date": terms.effective_date.isoformat(),
        "consequences": [{"code": c} for c in terms.consequences],
    }


@endpoint(
    bp,
    "/me/resignation",
    "POST",
    summary="Resign, after confirming the consequences",
    tag="me",
    body=schema("resignation"),
    responses={200: PROFILE},
)
def resign(call: Call) -> dict:
    return _profile(call, _members().resign(call.who, call.body["confirm"], call.body.get("reason", "")))
