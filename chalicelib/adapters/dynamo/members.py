"""The member register in the table: members, their address claims, status history and requests."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from pynamodb.expressions.condition import Condition

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import (
    EmailClaimItem,
    Item,
    MemberItem,
    MemberRequestItem,
    RoleGrantItem,
    SessionItem,
    StatusHistoryItem,
)
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import AlreadyExists, ConcurrentChange, FieldProblem, InvalidInput
from chalicelib.domain.listing import BY_BRANCH, MemberFilter
from chalicelib.domain.members import (
    Language,
    Member,
    MembershipCategory,
    MemberStatus,
    StatusChange,
)
from chalicelib.domain.roles import Role, grants_as_json, grants_from_json, scoped_roles


def _address_in_use() -> AlreadyExists:
    return AlreadyExists(
        "that e-mail address is already in use", [FieldProblem("email", "is already in use")]
    )


def _changed_meanwhile() -> ConcurrentChange:
    return ConcurrentChange("your details were changed elsewhere at the same moment; reload and try again")


def to_member(item: MemberItem) -> Member:
    return Member(
        id=item.member_id,
        email=item.email,
        first_name=item.first_name,
        last_name=item.last_name,
        branch_id=item.branch_id,
        workplace_id=item.workplace_id,
        category=MembershipCategory(item.category),
        status=MemberStatus(item.status),
        member_since=date.fromisoformat(item.member_since),
        language=Language(item.language),
        phone=item.phone,
        street_address=item.street_address,
        postal_code=item.postal_code,
        city=item.city,
        country=item.country,
        iban=item.iban,
        grants=grants_from_json(item.grants or []),
        version=int(item.revision),
    )


def to_item(member: Member, revision: int) -> MemberItem:
    pk, sk = keys.member(member.id)
    order = keys.member_sort_key(member.last_name, member.first_name, member.id)
    return MemberItem(
        pk,
        sk,
        gsi1pk=keys.members_of_branch(member.branch_id),
        gsi1sk=order,
        gsi2pk=keys.members_of_workplace(member.workplace_id) if member.workplace_id else None,
        gsi2sk=order if member.workplace_id else None,
        member_id=member.id,
        email=member.email,
        first_name=member.first_name,
        last_name=member.last_name,
        branch_id=member.branch_id,
        workplace_id=member.workplace_id,
        category=member.category.value,
        status=member.status.value,
        member_since=member.member_since.isoformat(),
        language=member.language.value,
        phone=member.phone,
        street_address=member.street_address,
        postal_code=member.postal_code,
        city=member.city,
        country=member.country,
        iban=member.iban,
        grants=grants_as_json(member.grants),
        revision=revision,
    )


def _grant_writes(
    writes: Writes, member_id: str, before: frozenset[tuple[Role, str]], after: frozenset[tuple[Role, str]]
) -> None:
    for role, scope in before - after:
        writes.delete(_grant_item(member_id, role, scope))
    for role, scope in after - before:
        writes.put(_grant_item(member_id, role, scope))


def _grant_item(member_id: str, role: Role, scope: str) -> RoleGrantItem:
    pk, sk = keys.role_grant(member_id, role.value, scope)
    return RoleGrantItem(
        pk,
        sk,
        gsi1pk=keys.holders_of(role.value, scope),
        gsi1sk=member_id,
        member_id=member_id,
        role=role.value,
        scope=scope,
    )


def history_item(member_id: str, change: StatusChange, n: int = 0) -> StatusHistoryItem:
    pk, sk = keys.member_history(member_id, change.at, n)
    return StatusHistoryItem(
        pk,
        sk,
        member_id=member_id,
        at=change.at,
        status=change.status.value,
        category=change.category.value,
        reason=change.reason,
    )


def claim_item(email: str, member_id: str | None = None, application_id: str | None = None) -> EmailClaimItem:
    return EmailClaimItem(
        *keys.email_claim(email), email=email, member_id=member_id, application_id=application_id
    )


class MemberRepository:
    def __init__(self, committer: AuditedCommitter) -> None:
        self._committer = committer

    def get(self, member_id: str) -> Member | None:
        try:
            return to_member(MemberItem.get(*keys.member(member_id), consistent_read=True))
        except MemberItem.DoesNotExist:
            return None

    def id_for_email(self, email: str) -> str | None:
        try:
            return EmailClaimItem.get(*keys.email_claim(email), consistent_read=True).member_id
        except EmailClaimItem.DoesNotExist:
            return None

    def history(self, member_id: str) -> list[StatusChange]:
        pk, _ = keys.member(member_id)
        items = StatusHistoryItem.query(pk, StatusHistoryItem.sk.startswith(keys.HISTORY_PREFIX))
        return [
            StatusChange(i.at, MemberStatus(i.status), MembershipCategory(i.category), i.reason)
            for i in items
            if isinstance(i, StatusHistoryItem)
        ]

    def requests(self, member_id: str) -> list[dict[str, Any]]:
        pk, _ = keys.member(member_id)
        items = MemberRequestItem.query(pk, MemberRequestItem.sk.startswith(keys.REQUEST_PREFIX))
        return [_request_view(i) for i in items if isinstance(i, MemberRequestItem)]

    def everything_about(self, member_id: str) -> list[dict[str, Any]]:
        pk, _ = keys.member(member_id)
        return [i.to_simple_dict() for i in Item.query(pk)]

    def create(self, member: Member, change: StatusChange, record: AuditRecord) -> None:
        self.create_many([(member, change, record)])

    def create_many(self, new: list[tuple[Member, StatusChange, AuditRecord]]) -> None:
        """Create members in one transaction (all or none); at most 20, the transaction's limit."""
        writes = Writes()
        for member, change, _ in new:
            _grant_writes(writes, member.id, frozenset(), scoped_roles(member.grants))
            writes.put(to_item(member, 1), MemberItem.pk.does_not_exist(), _changed_meanwhile)
            writes.put(
                claim_item(member.email, member.id), EmailClaimItem.pk.does_not_exist(), _address_in_use
            )
            writes.put(history_item(member.id, change))
        self._committer.commit(writes, [record for _, _, record in new])

    def save(
        self,
        before: Member,
        after: Member,
        records: list[AuditRecord],
        change: StatusChange | None = None,
        extra: Writes | None = None,
    ) -> Member:
        """Replace the member if nobody changed it meanwhile; moves the address claim with it."""
        writes = extra or Writes()
        condition: Condition = MemberItem.revision == before.version
        writes.put(to_item(after, before.version + 1), condition, _changed_meanwhile)
        if after.email != before.email:
            old_claim = claim_item(before.email, before.id)
            writes.delete(old_claim, EmailClaimItem.member_id == before.id, _changed_meanwhile)
            writes.put(claim_item(after.email, after.id), EmailClaimItem.pk.does_not_exist(), _address_in_use)
        if change is not None:
            writes.put(history_item(after.id, change))
        _grant_writes(writes, after.id, scoped_roles(before.grants), scoped_roles(after.grants))
        self._committer.commit(writes, records)
        return after.with_changes({"version": before.version + 1})

    def holders(self, role: Role, scope: str) -> list[str]:
        """Ids of the members holding the role for the scope (e.g. the officers of a branch)."""
        items = RoleGrantItem.by_gsi1.query(keys.holders_of(role.value, scope))
        return [i.member_id for i in items if isinstance(i, RoleGrantItem)]

    def add_request(self, member_id: str, request: dict[str, Any], record: AuditRecord) -> None:
        pk, sk = keys.member_request(member_id, request["id"])
        item = MemberRequestItem(
            pk,
            sk,
            request_id=request["id"],
            member_id=member_id,
            request_kind=request["kind"],
            status=request["status"],
            details=request["details"],
            created_at=request["created_at"],
        )
        writes = Writes()
        writes.put(item, MemberRequestItem.pk.does_not_exist())
        self._committer.commit(writes, [record])

    def session_items(self, member_id: str) -> Iterator[SessionItem]:
        pk, _ = keys.member(member_id)
        for item in SessionItem.query(pk, SessionItem.sk.startswith(keys.SESSION_PREFIX)):
            if isinstance(item, SessionItem):
                yield item

    def list_page(
        self, partitions: list[tuple[str, str]], where: MemberFilter, limit: int, cursor: str | None
    ) -> tuple[list[Member], str | None]:
        """One page of members over the given partitions, in name order within each partition."""
        position, start_key = _decode_cursor(cursor, partitions)
        found: list[Member] = []
        while position < len(partitions) and len(found) < limit:
            page, start_key = self._query(partitions[position], where, limit - len(found), start_key)
            found.extend(page)
            if start_key is None:
                position += 1
        more = position < len(partitions)
        return found, _encode_cursor(position, start_key) if more else None

    def _query(
        self, part: tuple[str, str], where: MemberFilter, limit: int, start_key: dict | None
    ) -> tuple[list[Member], dict | None]:
        by_branch = part[0] == BY_BRANCH
        index = MemberItem.by_gsi1 if by_branch else MemberItem.by_gsi2
        sort_field = MemberItem.gsi1sk if by_branch else MemberItem.gsi2sk
        key = _partition_key(part)
        range_condition = sort_field.startswith(where.name_prefix.casefold()) if where.name_prefix else None
        result = index.query(
            key,
            range_condition,
            filter_condition=_filter(where),
            limit=limit,
            last_evaluated_key=start_key,
        )
        members = [to_member(i) for i in result if isinstance(i, MemberItem)]
        return members, result.last_evaluated_key


def _filter(where: MemberFilter) -> Condition | None:
    condition: Condition = Item.kind.is_in(MemberItem)
    if where.category:
        condition = condition & (MemberItem.category == where.category)
    if where.status:
        condition = condition & (MemberItem.status == where.status)
    return condition


def _encode_cursor(position: int, start_key: dict | None) -> str:
    raw = json.dumps({"p": position, "k": start_key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _partition_key(part: tuple[str, str]) -> str:
    return keys.members_of_branch(part[1]) if part[0] == BY_BRANCH else keys.members_of_workplace(part[1])


_CURSOR_KEYS = {BY_BRANCH: ("pk", "sk", "gsi1pk", "gsi1sk")}
_WORKPLACE_CURSOR_KEYS = ("pk", "sk", "gsi2pk", "gsi2sk")


def _decode_cursor(cursor: str | None, partitions: list[tuple[str, str]]) -> tuple[int, dict | None]:
    """Position and start key from a cursor this list gave out; anything else is a 400, not a 500."""
    if not cursor:
        return 0, None
    bad = InvalidInput.on("cursor", "is not a cursor this list gave out")
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        position, start_key = int(raw["p"]), raw["k"]
    except (ValueError, KeyError, TypeError) as exc:
        raise bad from exc
    if not 0 <= position < len(partitions) or not _fits(start_key, partitions[position]):
        raise bad
    return position, start_key


def _fits(start_key: object, part: tuple[str, str]) -> bool:
    if start_key is None:
        return True
    names = _CURSOR_KEYS.get(part[0], _WORKPLACE_CURSOR_KEYS)
    if not isinstance(start_key, dict) or sorted(start_key) != sorted(names):
        return False
    if not all(
        isinstance(v, dict) and list(v) == ["S"] and isinstance(v["S"], str) for v in start_key.values()
    ):
        return False
    return start_key[names[2]]["S"] == _partition_key(part)


def _request_view(item: MemberRequestItem) -> dict[str, Any]:
    return {
        "id": item.request_id,
        "kind": item.request_kind,
        "status": item.status,
        "details": item.details or {},
        "created_at": item.created_at,
    }
