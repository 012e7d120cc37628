"""Registrations as items, and reading them: one event's participants per status (gsi1), one
member's registrations (gsi2). Each registration is its own partition `REG#<event>#<member>`."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

from pynamodb.exceptions import TransactWriteError

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import RegistrationItem
from chalicelib.adapters.dynamo.transactions import Writes
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.events import Participant, RegistrationStatus
from chalicelib.domain.seats import Contention

STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"
PAGE = 200
# Items per Query when streaming a whole list: few round trips, and two pages (one read ahead)
# stay a few megabytes.
STREAM_PAGE = 1000
REGISTRATION = "registration"
RawItem = dict[str, dict[str, Any]]
ANSWERS = json.JSONDecoder(strict=False)  # as PynamoDB's JSONAttribute reads them
T = TypeVar("T")


def stamp(at: datetime) -> str:
    """A UTC time as a fixed-width string, so that string order is time order."""
    return at.astimezone(UTC).strftime(STAMP)


def parse_stamp(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw).astimezone(UTC) if raw else None


def list_key(p: Participant) -> str:
    """Where the participant sorts in their status' list: the waiting list by ticket, others by name."""
    if p.status is RegistrationStatus.WAITING and p.ticket:
        return p.ticket
    return keys.member_sort_key(p.last_name, p.first_name, p.member_id)


def to_item(p: Participant) -> RegistrationItem:
    pk, sk = keys.registration(p.event_id, p.member_id)
    return RegistrationItem(
        pk,
        sk,
        gsi1pk=keys.participants(p.event_id, p.status.value),
        gsi1sk=list_key(p),
        gsi2pk=keys.member_registrations(p.member_id),
        gsi2sk=f"{stamp(p.registered_at)}#{p.event_id}",
        event_id=p.event_id,
        member_id=p.member_id,
        first_name=p.first_name,
        last_name=p.last_name,
        email=p.email,
        language=p.language,
        branch_id=p.branch_id,
        status=p.status.value,
        ticket=p.ticket,
        shard=p.shard,
        answers=p.answers,
        registered_at=stamp(p.registered_at),
        checked_in_at=stamp(p.checked_in_at) if p.checked_in_at else None,
        completed=1 if p.completed else 0,
        enrolment_id=p.enrolment_id,
    )


def to_participant(item: RegistrationItem, position: int | None = None) -> Participant:
    status = RegistrationStatus(item.status)
    return Participant(
        member_id=item.member_id,
        first_name=item.first_name,
        last_name=item.last_name,
        email=item.email,
        status=status,
        position=position if status is RegistrationStatus.WAITING else None,
        answers=item.answers or {},
        registered_at=parse_stamp(item.registered_at) or datetime.now(UTC),
        checked_in_at=parse_stamp(item.checked_in_at),
        completed=bool(item.completed),
        language=item.language,
        branch_id=item.branch_id,
        event_id=item.event_id,
        ticket=item.ticket,
        shard=None if item.shard is None else int(item.shard),
        enrolment_id=item.enrolment_id,
    )


def from_raw(item: RawItem, position: int | None = None) -> Participant:
    """The Participant that to_participant makes of the item, read straight from DynamoDB's JSON:
    a model object per item costs more than the query itself when an export streams thousands."""
    status = RegistrationStatus(item["status"]["S"])
    answers, shard, checked_in = _raw(item, "answers"), _raw(item, "shard", "N"), _raw(item, "checked_in_at")
    return Participant(
        member_id=item["member_id"]["S"],
        first_name=item["first_name"]["S"],
        last_name=item["last_name"]["S"],
        email=item["email"]["S"],
        status=status,
        position=position if status is RegistrationStatus.WAITING else None,
        answers=(ANSWERS.decode(answers) if answers else None) or {},
        registered_at=parse_stamp(_raw(item, "registered_at")) or datetime.now(UTC),
        checked_in_at=parse_stamp(checked_in),
        completed=Decimal(_raw(item, "completed", "N") or 0) != 0,
        language=item["language"]["S"],
        branch_id=_raw(item, "branch_id"),
        event_id=item["event_id"]["S"],
        ticket=_raw(item, "ticket"),
        shard=None if shard is None else int(Decimal(shard)),
        enrolment_id=_raw(item, "enrolment_id"),
    )


def _raw(item: RawItem, name: str, kind: str = "S") -> Any:
    """An optional attribute's value, None when absent or NULL (as PynamoDB reads it)."""
    value = item.get(name)
    return value[kind] if value and "NULL" not in value else None


def _raw_pages(event_id: str, statuses: Sequence[RegistrationStatus]) -> Iterator[tuple[int, list[RawItem]]]:
    """Each status' list as pages of raw registration items, each page with its first item's
    position in the list."""
    table = RegistrationItem._get_connection()  # PynamoDB's own connection and error mapping
    for status in statuses:
        key, start, position = keys.participants(event_id, status.value), None, 1
        while True:
            page = table.query(key, index_name="gsi1", exclusive_start_key=start, limit=STREAM_PAGE)
            items = [i for i in page.get("Items", []) if _raw(i, "kind") == REGISTRATION]
            yield position, items
            position += len(items)
            start = page.get("LastEvaluatedKey")
            if not start:
                break


def read_ahead(pages: Iterator[T]) -> Iterator[T]:
    """The pages, the next one read on a thread while the caller works through this one: the
    database's time then overlaps with the caller's. Pages must not be None."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="read-ahead") as reader:
        upcoming = reader.submit(next, pages, None)
        while (page := upcoming.result()) is not None:
            upcoming = reader.submit(next, pages, None)
            yield page


def transact(connection: Any, writes: Writes) -> None:
    """One TransactWriteItems without an audit entry; a failed condition raises the error its write
    names, anything else that cancels the transaction (a conflict with another) raises Contention."""
    from pynamodb.transactions import TransactWrite

    labels: list = []
    try:
        with TransactWrite(connection=connection) as tx:
            labels = writes.apply(tx)
    except TransactWriteError as exc:
        for reason, label in zip(exc.cancellation_reasons or [], labels, strict=False):
            if reason is not None and reason.code == "ConditionalCheckFailed":
                raise label() from exc
        raise Contention("someone else changed this at the same moment; please try again") from exc


Where = Callable[[Participant], bool]


class ParticipantReads:
    """The read side of registrations; mixed into the event repository."""

    def registration(self, event_id: str, member_id: str) -> Participant | None:
        try:
            item = RegistrationItem.get(*keys.registration(event_id, member_id), consistent_read=True)
        except RegistrationItem.DoesNotExist:
            return None
        return to_participant(item)

    def count_participants(self, event_id: str, status: RegistrationStatus) -> int:
        return RegistrationItem.count(keys.participants(event_id, status.value), index_name="gsi1")

    def position(self, event_id: str, ticket: str) -> int:
        """1 + how many wait with a smaller ticket."""
        key = keys.participants(event_id, RegistrationStatus.WAITING.value)
        before = RegistrationItem.count(key, RegistrationItem.gsi1sk < ticket, index_name="gsi1")
        return before + 1

    def waiting_head(self, event_id: str, limit: int) -> list[Participant]:
        key = keys.participants(event_id, RegistrationStatus.WAITING.value)
        items = RegistrationItem.by_gsi1.query(key, limit=limit)
        return [to_participant(i) for i in items if isinstance(i, RegistrationItem)]

    def iter_participants(
        self, event_id: str, statuses: Sequence[RegistrationStatus]
    ) -> Iterator[Participant]:
        """Every participant of the statuses, status by status, page by page (constant memory):
        confirmed and others by name, the waiting list in order with positions."""
        for first, items in read_ahead(_raw_pages(event_id, statuses)):
            for position, item in enumerate(items, start=first):
                yield from_raw(item, position)

    def participants_page(
        self, event_id: str, status: RegistrationStatus, limit: int, cursor: str | None, where: Where
    ) -> tuple[list[Participant], str | None]:
        """One page of the status' list, of those `where` accepts; the cursor resumes after the last."""
        key = keys.participants(event_id, status.value)
        start, offset = _decode(cursor, key)
        found: list[Participant] = []
        last: dict | None = start
        while len(found) < limit:
            result = RegistrationItem.by_gsi1.query(key, limit=PAGE, last_evaluated_key=last)
            for item in result:
                if not isinstance(item, RegistrationItem):
                    continue
                offset += 1
                participant = to_participant(item, offset)
                if where(participant):
                    found.append(participant)
                if len(found) == limit:
                    return found, _encode(item, offset)
            last = result.last_evaluated_key
            if last is None:
                return found, None
        return found, None

    def member_registrations(self, member_id: str) -> list[Participant]:
        items = RegistrationItem.by_gsi2.query(keys.member_registrations(member_id), scan_index_forward=False)
        return [to_participant(i) for i in items if isinstance(i, RegistrationItem)]


def _encode(item: RegistrationItem, offset: int) -> str:
    raw = {"k": [item.pk, item.gsi1pk, item.gsi1sk], "o": offset}
    return base64.urlsafe_b64encode(json.dumps(raw, separators=(",", ":")).encode()).decode().rstrip("=")


def _decode(cursor: str | None, key: str) -> tuple[dict | None, int]:
    if not cursor:
        return None, 0
    bad = InvalidInput.on("cursor", "is not a cursor this list gave out")
    try:
        raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        (pk, gsi1pk, gsi1sk), offset = raw["k"], int(raw["o"])
    except (ValueError, KeyError, TypeError) as exc:
        raise bad from exc
    if gsi1pk != key or not all(isinstance(v, str) for v in (pk, gsi1sk)) or offset < 0:
        raise bad
    start = {"pk": {"S": pk}, "sk": {"S": "REG"}, "gsi1pk": {"S": gsi1pk}, "gsi1sk": {"S": gsi1sk}}
    return start, offset
