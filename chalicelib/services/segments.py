"""Saved segments: staff name a rule once and reuse it for audiences, eligibility and messages."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import NotFound
from chalicelib.domain.members import Member
from chalicelib.domain.roles import Principal, Role
from chalicelib.domain.segments import Segment, SegmentRule, check_rule, rule_from_json
from chalicelib.services.clock import now_iso
from chalicelib.services.ports import Store

SEGMENT_EDITORS = frozenset({Role.ORGANIZER, Role.ELECTION_OFFICER, Role.ADMIN})
SEGMENT_READERS = SEGMENT_EDITORS | {Role.BRANCH_OFFICER, Role.TREASURER}


class SegmentService:
    def __init__(self, store: Store) -> None:
        self._store = store

    def all(self, who: Principal) -> list[Segment]:
        who.require_any(SEGMENT_READERS)
        return self._store.segments.all()

    def get(self, who: Principal, segment_id: str) -> Segment:
        who.require_any(SEGMENT_READERS)
        return self._get(segment_id)

    def create(self, who: Principal, fields: dict[str, Any]) -> Segment:
        who.require_any(SEGMENT_EDITORS)
        rule = self._checked_rule(fields.get("rule") or {})
        segment = Segment(
            id=uuid.uuid4().hex,
            name=fields["name"].strip(),
            description=(fields.get("description") or "").strip(),
            rule=rule,
            created_by=who.member_id,
            created_at=now_iso(),
        )
        record = AuditRecord(who.member_id, "segment.created", _target(segment), None, _summary(segment))
        self._store.segments.create(segment, record)
        return segment

    def update(self, who: Principal, segment_id: str, fields: dict[str, Any]) -> Segment:
        who.require_any(SEGMENT_EDITORS)
        before = self._get(segment_id)
        after = replace(
            before,
            name=fields.get("name", before.name).strip(),
            description=fields.get("description", before.description).strip(),
            rule=self._checked_rule(fields["rule"]) if "rule" in fields else before.rule,
            revision=before.revision + 1,
        )
        record = AuditRecord(
            who.member_id, "segment.changed", _target(after), _summary(before), _summary(after)
        )
        self._store.segments.save(before, after, record)
        return after

    def rule(self, segment_id: str) -> SegmentRule:
        """The rule of a segment another part of the portal refers to; raises NotFound."""
        return self._get(segment_id).rule

    def includes(self, segment_id: str, member: Member) -> bool:
        return self.rule(segment_id).matches(member)

    def _checked_rule(self, raw: dict[str, Any]) -> SegmentRule:
        rule = rule_from_json(raw)
        check_rule(rule, self._store.organisation.load())
        return rule

    def _get(self, segment_id: str) -> Segment:
        segment = self._store.segments.get(segment_id)
        if segment is None:
            raise NotFound("no such segment")
        return segment


def _target(segment: Segment) -> str:
    return f"segment:{segment.id}"


def _summary(segment: Segment) -> dict[str, Any]:
    return {"name": segment.name, "rule": segment.rule.as_json()}
