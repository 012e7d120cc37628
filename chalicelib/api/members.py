"""The register as staff see it, scoped by their roles."""

from __future__ import annotations

from chalice import Blueprint

from chalicelib import bootstrap
from chalicelib.api.routing import Call, endpoint
from chalicelib.api.views import MEMBER_PAGE, MEMBER_SUMMARY, member_summary
from chalicelib.domain.roles import STAFF, Role, grants_from_json
from chalicelib.schemas import schema
from chalicelib.services.members import MemberQuery

bp = Blueprint(__name__)

ADMIN = frozenset({Role.ADMIN})


@endpoint(
    bp,
    "/members",
    summary="Search members within my scope",
    tag="members",
    access=STAFF,
    query=schema("member_list_query"),
    responses={200: MEMBER_PAGE},
)
def list_members(call: Call) -> dict:
    q = call.query
    query = MemberQuery(
        text=q.get("q") or None,
        branch_id=q.get("branch_id") or None,
        workplace_id=q.get("workplace_id") or None,
        category=q.get("category"),
        status=q.get("status"),
        limit=min(int(q.get("limit", "50")), 200),
        cursor=q.get("cursor"),
    )
    members, cursor = bootstrap.container().members.list_members(call.who, query)
    return {"items": [member_summary(m) for m in members], "next": cursor}


@endpoint(
    bp,
    "/members/{member_id}",
    summary="One member within my scope",
    tag="members",
    access=STAFF,
    responses={200: MEMBER_SUMMARY},
)
def get_member(call: Call) -> dict:
    return member_summary(bootstrap.container().members.member_for_staff(call.who, call.params["member_id"]))


@endpoint(
    bp,
    "/members/{member_id}/roles",
    "PUT",
    summary="Set a member's roles (their sessions end)",
    tag="members",
    access=ADMIN,
    body=schema("role_change"),
    responses={200: MEMBER_SUMMARY},
)
def set_roles(call: Call) -> dict:
    grants = grants_from_json(call.body["grants"])
    member = bootstrap.container().members.change_roles(call.who, call.params["member_id"], grants)
    return member_summary(member)
