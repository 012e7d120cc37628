"""Events and trainings in the table, with their seat shards (each shard its own partition)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import EventItem, SeatShardItem
from chalicelib.adapters.dynamo.participants import ParticipantReads, parse_stamp, stamp
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import ConcurrentChange, DomainError
from chalicelib.domain.events import Audience, Event, EventKind, EventStatus
from chalicelib.domain.seats import Shard

DETAILS = ("title", "description", "timezone", "place", "online_url", "price_cents", "created_by", "hours")


def _changed_meanwhile() -> DomainError:
    return ConcurrentChange("someone else changed this event at the same moment; reload and try again")


def to_item(event: Event, revision: int) -> EventItem:
    pk, sk = keys.event(event.id)
    details: dict[str, Any] = {name: getattr(event, name) for name in DETAILS}
    details.update(
        registration_opens_at=stamp(event.registration_opens_at),
        registration_closes_at=stamp(event.registration_closes_at),
        cancellation_deadline=stamp(event.cancellation_deadline),
        created_at=stamp(event.created_at),
        audience=event.audience.as_json(),
        questions=event.questions,
        organizer_ids=list(event.organizer_ids),
        prerequisites=list(event.prerequisites),
        requires_approval=event.requires_approval,
    )
    return EventItem(
        pk,
        sk,
        gsi1pk=keys.events_of_kind(event.kind.value),
        gsi1sk=f"{stamp(event.starts_at)}#{event.id}",
        event_id=event.id,
        event_kind=event.kind.value,
        details=details,
        starts_at=stamp(event.starts_at),
        ends_at=stamp(event.ends_at),
        status=event.status.value,
        capacity=event.capacity,
        shards=event.shards,
        revision=revision,
    )


def to_event(item: EventItem) -> Event:
    d = item.details

    def when(name: str) -> datetime:
        parsed = parse_stamp(d[name] if name in d else getattr(item, name))
        assert parsed is not None
        return parsed

    return Event(
        id=item.event_id,
        kind=EventKind(item.event_kind),
        title=d.get("title") or {},
        description=d.get("description") or {},
        starts_at=when("starts_at"),
        ends_at=when("ends_at"),
        timezone=d.get("timezone", "Europe/Helsinki"),
        place=d.get("place"),
        online_url=d.get("online_url"),
        capacity=int(item.capacity),
        registration_opens_at=when("registration_opens_at"),
        registration_closes_at=when("registration_closes_at"),
        cancellation_deadline=when("cancellation_deadline"),
        created_by=d.get("created_by", ""),
        created_at=when("created_at"),
        audience=Audience.from_json(d.get("audience")),
        questions=d.get("questions"),
        price_cents=int(d.get("price_cents") or 0),
        status=EventStatus(item.status),
        organizer_ids=tuple(d.get("organizer_ids") or ()),
        hours=d.get("hours"),
        prerequisites=tuple(d.get("prerequisites") or ()),
        requires_approval=bool(d.get("requires_approval")),
        shards=int(item.shards),
        version=int(item.revision),
    )


def _shard_item(event_id: str, shard: Shard) -> SeatShardItem:
    return SeatShardItem(
        *keys.seat_shard(event_id, shard.index),
        event_id=event_id,
        shard=shard.index,
        seats=shard.seats,
        taken=shard.taken,
    )


class EventRepository(ParticipantReads):
    def __init__(self, committer: AuditedCommitter) -> None:
        self._committer = committer

    def get(self, event_id: str) -> Event | None:
        try:
            return to_event(EventItem.get(*keys.event(event_id), consistent_read=True))
        except EventItem.DoesNotExist:
            return None

    def get_many(self, event_ids: Sequence[str]) -> dict[str, Event]:
        wanted = [keys.event(i) for i in dict.fromkeys(event_ids)]
        return {item.event_id: to_event(item) for item in EventItem.batch_get(wanted)}

    def create(self, event: Event, shards: Sequence[Shard], record: AuditRecord) -> None:
        writes = Writes()
        writes.put(to_item(event, 1), EventItem.pk.does_not_exist(), _changed_meanwhile)
        for shard in shards:
            writes.put(_shard_item(event.id, shard), SeatShardItem.pk.does_not_exist(), _changed_meanwhile)
        self._committer.commit(writes, [record])

    def save(
        self, before: Event, after: Event, record: AuditRecord, seats: tuple[list[Shard], list[Shard]] | None
    ) -> Event:
        """Save the event if nobody changed it meanwhile; `seats` (read, wanted) moves the capacity:
        each shard keeps at least the seats taken in it, whatever registrations do meanwhile."""
        writes = Writes()
        writes.put(
            to_item(after, before.version + 1), EventItem.revision == before.version, _changed_meanwhile
        )
        for old, new in _pairs(seats):
            self._resize(writes, after.id, old, new)
        self._committer.commit(writes, [record])
        return replace(after, version=before.version + 1)

    @staticmethod
    def _resize(writes: Writes, event_id: str, old: Shard | None, new: Shard) -> None:
        if old is None:
            writes.put(_shard_item(event_id, new), SeatShardItem.pk.does_not_exist(), _changed_meanwhile)
        elif old.seats != new.seats:
            condition = (SeatShardItem.seats == old.seats) & (SeatShardItem.taken <= new.seats)
            item = SeatShardItem(*keys.seat_shard(event_id, new.index))
            writes.update(item, [SeatShardItem.seats.set(new.seats)], condition, _changed_meanwhile)

    def shards(self, event: Event, consistent: bool = False) -> list[Shard]:
        wanted = [keys.seat_shard(event.id, k) for k in range(event.shards)]
        items = SeatShardItem.batch_get(wanted, consistent_read=consistent)
        found = [Shard(int(i.shard), int(i.seats), int(i.taken)) for i in items]
        return sorted(found, key=lambda s: s.index)

    def listing(
        self, kind: EventKind, since: datetime, until: datetime, newest_first: bool
    ) -> Iterator[Event]:
        """Events of the kind starting in [since, until), in start order (or the reverse)."""
        sort_key = EventItem.gsi1sk.between(stamp(since), stamp(until))
        items = EventItem.by_gsi1.query(
            keys.events_of_kind(kind.value), sort_key, scan_index_forward=not newest_first, page_size=100
        )
        for item in items:
            if isinstance(item, EventItem):
                yield to_event(item)


def _pairs(seats: tuple[list[Shard], list[Shard]] | None) -> list[tuple[Shard | None, Shard]]:
    if seats is None:
        return []
    old = {s.index: s for s in seats[0]}
    return [(old.get(new.index), new) for new in seats[1]]
