"""Saved segments, in one small partition; every change audited, edits guarded by a revision."""

from __future__ import annotations

from datetime import date

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import Item, SegmentItem
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import AlreadyExists, ConcurrentChange
from chalicelib.domain.members import MembershipCategory, MemberStatus
from chalicelib.domain.segments import Segment, SegmentRule


class SegmentRepository:
    def __init__(self, committer: AuditedCommitter) -> None:
        self._committer = committer

    def get(self, segment_id: str) -> Segment | None:
        try:
            return _segment(SegmentItem.get(*keys.segment(segment_id)))
        except SegmentItem.DoesNotExist:
            return None

    def all(self) -> list[Segment]:
        found = [_segment(i) for i in Item.query(keys.SEGMENTS) if isinstance(i, SegmentItem)]
        return sorted(found, key=lambda s: s.name.casefold())

    def create(self, segment: Segment, record: AuditRecord) -> None:
        writes = Writes()
        writes.put(
            _item(segment),
            SegmentItem.pk.does_not_exist(),
            lambda: AlreadyExists("a segment with this id exists already"),
        )
        self._committer.commit(writes, [record])

    def save(self, before: Segment, after: Segment, record: AuditRecord) -> None:
        writes = Writes()
        writes.put(
            _item(after),
            SegmentItem.revision == before.revision,
            lambda: ConcurrentChange("someone else changed this segment at the same moment; reload it"),
        )
        self._committer.commit(writes, [record])


def _item(segment: Segment) -> SegmentItem:
    return SegmentItem(
        *keys.segment(segment.id),
        segment_id=segment.id,
        name=segment.name,
        description=segment.description,
        rule=segment.rule.as_json(),
        created_by=segment.created_by,
        created_at=segment.created_at,
        revision=segment.revision,
    )


def _segment(item: SegmentItem) -> Segment:
    raw = item.rule or {}
    rule = SegmentRule(
        branch_ids=frozenset(raw.get("branch_ids", ())),
        workplace_ids=frozenset(raw.get("workplace_ids", ())),
        categories=frozenset(MembershipCategory(c) for c in raw.get("categories", ())),
        statuses=frozenset(MemberStatus(s) for s in raw.get("statuses", ())),
        member_since_from=_day(raw.get("member_since_from")),
        member_since_until=_day(raw.get("member_since_until")),
    )
    return Segment(
        id=item.segment_id,
        name=item.name,
        rule=rule,
        created_by=item.created_by,
        created_at=item.created_at,
        description=item.description or "",
        revision=int(item.revision or 0),
    )


def _day(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw else None
