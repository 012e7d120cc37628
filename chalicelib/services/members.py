"""The member's own details and membership, and the staff's scoped view of the register."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from chalicelib.domain import resignation
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.details import check_details
from chalicelib.domain.errors import InvalidInput, NotFound, NotPermitted
from chalicelib.domain.listing import MemberFilter, visible_partitions
from chalicelib.domain.members import (
    SELF_SERVICE_FIELDS,
    Language,
    Member,
    MembershipCategory,
    MemberStatus,
    StatusChange,
    register_view,
)
from chalicelib.domain.roles import STAFF, Principal, Role, RoleGrant, grants_as_json
from chalicelib.services.clock import now_iso, today
from chalicelib.services.ports import Store


@dataclass(frozen=True)
class MemberProfile:
    member: Member
    history: list[StatusChange]
    requests: list[dict[str, Any]]


@dataclass(frozen=True)
class ResignationTerms:
    effective_date: date
    consequences: list[str]


@dataclass(frozen=True)
class MemberQuery:
    text: str | None = None
    branch_id: str | None = None
    workplace_id: str | None = None
    category: str | None = None
    status: str | None = None
    limit: int = 50
    cursor: str | None = None


def _target(member_id: str) -> str:
    return f"member:{member_id}"


def _diff(before: Member, after: Member) -> tuple[dict[str, Any], dict[str, Any]]:
    old, new = register_view(before), register_view(after)
    changed = [k for k in new if old[k] != new[k]]
    return {k: old[k] for k in changed}, {k: new[k] for k in changed}


class MemberService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def profile(self, who: Principal) -> MemberProfile:
        member = self._own(who)
        pending = [r for r in self._store.members.requests(member.id) if r["status"] == "pending"]
        return MemberProfile(member, self._store.members.history(member.id), pending)

    def update_details(self, who: Principal, changes: dict[str, Any]) -> MemberProfile:
        """Change own contact details; raises InvalidInput naming each bad field."""
        member = self._own(who)
        unknown = [k for k in changes if k not in SELF_SERVICE_FIELDS]
        if unknown:
            raise InvalidInput.on(unknown[0], "cannot be changed here")
        checked = check_details(changes, member.country)
        if "language" in checked:
            checked["language"] = Language(str(checked["language"]))
        after = member.with_changes(dict(checked))
        if after != member:
            before_view, after_view = _diff(member, after)
            record = AuditRecord(
                who.member_id, "member.details_changed", _target(member.id), before_view, after_view
            )
            self._store.members.save(member, after, [record])
        return self.profile(who)

    def request_transfer(
        self, who: Principal, branch_id: str | None, workplace_id: str | None, reason: str
    ) -> dict:
        """Ask to move to another branch or workplace; the branch decides (recorded as pending)."""
        member = self._own(who)
        if not branch_id and not workplace_id:
            raise InvalidInput.on("branch_id", "give a branch or a workplace to move to")
        org = self._store.organisation.load()
        target_branch = branch_id or org.branch_of_workplace(workplace_id or "") or member.branch_id
        org.check_place(target_branch, workplace_id)
        details = {"branch_id": target_branch, "workplace_id": workplace_id, "reason": reason}
        request = {
            "id": uuid.uuid4().hex,
            "kind": "transfer",
            "status": "pending",
            "details": details,
            "created_at": now_iso(),
        }
        record = AuditRecord(who.member_id, "member.transfer_requested", _target(member.id), None, details)
        self._store.members.add_request(member.id, request, record)
        return request

    def notify_retirement(self, who: Principal, retirement_date: date) -> MemberProfile:
        member = self._own(who)
        if member.status is MemberStatus.RESIGNED:
            raise NotPermitted("a resigned membership cannot be changed")
        after = member.with_changes({"category": MembershipCategory.RETIRED})
        change = StatusChange(now_iso(), after.status, after.category, f"retirement from {retirement_date}")
        before_view, after_view = _diff(member, after)
        after_view["retirement_date"] = retirement_date.isoformat()
        record = AuditRecord(
            who.member_id, "member.retirement_notified", _target(member.id), before_view, after_view
        )
        self._store.members.save(member, after, [record], change)
        return self.profile(who)

    def resignation_terms(self, who: Principal) -> ResignationTerms:
        member = self._own(who)
        return ResignationTerms(resignation.effective_date(today()), resignation.consequences(member))

    def resign(self, who: Principal, confirmed: bool, reason: str) -> MemberProfile:
        """Resign after seeing the terms; refuses unless confirmed."""
        if not confirmed:
            raise InvalidInput.on("confirm", "confirm that you have read what you would lose")
        member = self._own(who)
        after = member.move_to(MemberStatus.RESIGNED).with_changes({"grants": ()})
        terms = self.resignation_terms(who)
        change = StatusChange(now_iso(), after.status, after.category, reason or "resigned by the member")
        before_view, after_view = _diff(member, after)
        after_view["effective_date"] = terms.effective_date.isoformat()
        if member.grants:
            before_view["grants"], after_view["grants"] = grants_as_json(member.grants), []
        record = AuditRecord(who.member_id, "member.resigned", _target(member.id), before_view, after_view)
        self._store.members.save(member, after, [record], change)
        if member.grants:  # like a role change: tokens carrying the old roles stop working at once
            self._store.sessions.close_all(member.id)
        return self.profile(who)

    def export(self, who: Principal) -> dict[str, Any]:
        """Everything the register holds about the caller (GDPR access); the export is audited."""
        member = self._own(who)
        record = AuditRecord(who.member_id, "member.data_exported", _target(member.id))
        self._store.audit.record(record)
        items = [_without_secrets(i) for i in self._store.members.everything_about(member.id)]
        changes = [vars(e) for e in self._store.audit.about(_target(member.id))]
        return {"member": register_view(member) | {"id": member.id}, "items": items, "audit": changes}

    def list_members(self, who: Principal, query: MemberQuery) -> tuple[list[Member], str | None]:
        """Members the caller may see as staff (scoped by role), filtered, a page at a time."""
        who.require_any(STAFF)
        if query.text and "@" in query.text:
            return self._by_address(who, query), None
        org = self._store.organisation.load()
        partitions = visible_partitions(who, org, query.branch_id, query.workplace_id)
        where = MemberFilter(query.text, query.category, query.status)
        if not partitions:
            return [], None
        return self._store.members.list_page(partitions, where, query.limit, query.cursor)

    def _by_address(self, who: Principal, query: MemberQuery) -> list[Member]:
        member_id = self._store.members.id_for_email((query.text or "").strip().lower())
        member = self._store.members.get(member_id) if member_id else None
        if member is None or not who.may_see_member_at(member.branch_id, member.workplace_id):
            return []
        wanted = {
            "branch_id": query.branch_id,
            "workplace_id": query.workplace_id,
            "category": query.category,
            "status": query.status,
        }
        current = {
            "branch_id": member.branch_id,
            "workplace_id": member.workplace_id,
            "category": member.category.value,
            "status": member.status.value,
        }
        return [member] if all(v is None or current[k] == v for k, v in wanted.items()) else []

    def member_for_staff(self, who: Principal, member_id: str) -> Member:
        who.require_any(STAFF)
        member = self._store.members.get(member_id)
        if member is None or not who.may_see_member_at(member.branch_id, member.workplace_id):
            raise NotFound("no such member in your scope")
        return member

    def change_roles(self, admin: Principal, member_id: str, grants: tuple[RoleGrant, ...]) -> Member:
        """Set a member's roles; their sessions end, so old tokens stop working at once."""
        admin.require_any({Role.ADMIN})
        member = self._store.members.get(member_id)
        if member is None:
            raise NotFound("no such member")
        after = member.with_changes({"grants": grants})
        before_view, after_view = (
            {"grants": grants_as_json(member.grants)},
            {"grants": grants_as_json(grants)},
        )
        record = AuditRecord(
            admin.member_id, "member.roles_changed", _target(member.id), before_view, after_view
        )
        saved = self._store.members.save(member, after, [record])
        self._store.sessions.close_all(member.id)
        return saved

    def _own(self, who: Principal) -> Member:
        member = self._store.members.get(who.member_id)
        if member is None:
            raise NotFound("your membership record was not found")
        return member


SECRET_FIELDS = ("refresh_digest", "code_digest", "task_token")


def _without_secrets(item: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in SECRET_FIELDS}
