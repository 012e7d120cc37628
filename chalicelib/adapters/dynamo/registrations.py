"""Registering and cancelling, each one transaction over a seat shard and registration items.

No audit entries here: members' own registrations are not privileged actions, and the audit head
would make every registration of a popular event wait for the one before it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.exceptions import UpdateError
from pynamodb.expressions.condition import Condition

from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.models import RegistrationItem, SeatShardItem
from chalicelib.adapters.dynamo.participants import list_key, stamp, to_item, transact
from chalicelib.adapters.dynamo.transactions import AuditedCommitter, Writes
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import ConcurrentChange, DomainError
from chalicelib.domain.events import AlreadyRegistered, NotConfirmed, Participant, RegistrationStatus
from chalicelib.domain.seats import SeatTaken, WaiterGone

REPLACEABLE = (RegistrationStatus.CANCELLED.value, RegistrationStatus.DECLINED.value)
S = RegistrationStatus


def _already_registered() -> DomainError:
    return AlreadyRegistered("you are registered for this event already")


def _seat_taken() -> DomainError:
    return SeatTaken("someone else changed this at the same moment; please try again")


def _waiter_gone() -> DomainError:
    return WaiterGone("someone else changed this at the same moment; please try again")


def _changed() -> DomainError:
    return ConcurrentChange("someone else changed this at the same moment; please try again")


def _not_confirmed() -> DomainError:
    return NotConfirmed("this registration is not confirmed")


def _shard(event_id: str, index: int) -> SeatShardItem:
    return SeatShardItem(*keys.seat_shard(event_id, index))


def _registration(p: Participant) -> RegistrationItem:
    return RegistrationItem(*keys.registration(p.event_id, p.member_id))


def _expecting(status: RegistrationStatus | None) -> Condition:
    """New (or replacing a cancelled or declined one), or still in the status the caller read."""
    if status is None:
        return RegistrationItem.pk.does_not_exist() | RegistrationItem.status.is_in(*REPLACEABLE)
    return RegistrationItem.status == status.value


def _move(p: Participant) -> list:
    """The actions that put a registration into its (new) status and list."""
    actions = [
        RegistrationItem.status.set(p.status.value),
        RegistrationItem.gsi1pk.set(keys.participants(p.event_id, p.status.value)),
        RegistrationItem.gsi1sk.set(list_key(p)),
    ]
    actions.append(
        RegistrationItem.shard.set(p.shard) if p.shard is not None else RegistrationItem.shard.remove()
    )
    actions.append(RegistrationItem.ticket.set(p.ticket) if p.ticket else RegistrationItem.ticket.remove())
    return actions


class RegistrationRepository:
    def __init__(self, connection: Any, committer: AuditedCommitter) -> None:
        self._connection = connection
        self._committer = committer

    def take_seat(self, p: Participant, expect: RegistrationStatus | None = None) -> None:
        """Confirm `p` on a seat of shard `p.shard`: SeatTaken if it has none left, AlreadyRegistered
        (new) or ConcurrentChange (placing a pending enrolment) if the registration moved on."""
        assert p.shard is not None
        writes = Writes()
        seat = _shard(p.event_id, p.shard)
        writes.update(
            seat, [SeatShardItem.taken.add(1)], SeatShardItem.taken < SeatShardItem.seats, _seat_taken
        )
        self._write(writes, p, expect)
        transact(self._connection, writes)

    def join_waiting(self, p: Participant, expect: RegistrationStatus | None = None) -> None:
        writes = Writes()
        self._write(writes, p, expect)
        transact(self._connection, writes)

    def request(self, p: Participant, extra: Writes) -> None:
        """A pending enrolment: the registration and the enrolment's own items, together."""
        self._write(extra, p, None)
        transact(self._connection, extra)

    def _write(self, writes: Writes, p: Participant, expect: RegistrationStatus | None) -> None:
        on_conflict = _already_registered if expect is None else _changed
        if expect is None:
            writes.put(to_item(p), _expecting(None), on_conflict)
        else:
            writes.update(_registration(p), _move(p), _expecting(expect), on_conflict)

    def pass_seat(self, leaving: Participant, waiter: Participant) -> None:
        """`leaving` cancels and `waiter` takes over their seat (the shard is untouched). NotConfirmed if
        `leaving` is no longer confirmed, WaiterGone if `waiter` is no longer waiting."""
        writes = Writes()
        writes.update(_registration(leaving), _move(leaving), _expecting(S.CONFIRMED), _not_confirmed)
        writes.update(_registration(waiter), _move(waiter), _expecting(S.WAITING), _waiter_gone)
        transact(self._connection, writes)

    def release_seat(self, leaving: Participant, shard: int) -> None:
        """`leaving` cancels and their seat goes back to the shard."""
        writes = Writes()
        writes.update(_registration(leaving), _move(leaving), _expecting(S.CONFIRMED), _not_confirmed)
        seat = _shard(leaving.event_id, shard)
        writes.update(seat, [SeatShardItem.taken.add(-1)], SeatShardItem.taken > 0, _changed)
        transact(self._connection, writes)

    def promote(self, waiter: Participant) -> None:
        """A free seat of shard `waiter.shard` to a waiting member: SeatTaken or WaiterGone."""
        assert waiter.shard is not None
        writes = Writes()
        seat = _shard(waiter.event_id, waiter.shard)
        writes.update(
            seat, [SeatShardItem.taken.add(1)], SeatShardItem.taken < SeatShardItem.seats, _seat_taken
        )
        writes.update(_registration(waiter), _move(waiter), _expecting(S.WAITING), _waiter_gone)
        transact(self._connection, writes)

    def leave(self, before: Participant, after: Participant, extra: Writes | None = None) -> None:
        """A registration without a seat (waiting, pending) moves to `after`'s status."""
        writes = extra or Writes()
        writes.update(_registration(before), _move(after), _expecting(before.status), _changed)
        transact(self._connection, writes)

    def set_answers(self, p: Participant, answers: dict[str, Any]) -> None:
        condition = RegistrationItem.status.is_in(
            S.CONFIRMED.value, S.WAITING.value, S.PENDING_APPROVAL.value
        )
        self._update(p, [RegistrationItem.answers.set(answers)], condition, _changed)

    def check_in(self, p: Participant, at: datetime | None, record: AuditRecord) -> None:
        """Mark (or with `at` None, unmark) the arrival of a confirmed participant, audited."""
        action = (
            RegistrationItem.checked_in_at.set(stamp(at)) if at else RegistrationItem.checked_in_at.remove()
        )
        writes = Writes()
        writes.update(
            _registration(p), [action], RegistrationItem.status == S.CONFIRMED.value, _not_confirmed
        )
        self._committer.commit(writes, [record])

    def mark_reminded(self, p: Participant) -> bool:
        """True the first time only: each participant gets one reminder, however often it runs."""
        try:
            _registration(p).update(
                actions=[RegistrationItem.reminded.set(1)],
                condition=RegistrationItem.reminded.does_not_exist(),
            )
        except UpdateError as exc:
            if getattr(exc, "cause_response_code", None) == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def _update(self, p: Participant, actions: list, condition: Condition, on_conflict: Any) -> None:
        writes = Writes()
        writes.update(_registration(p), actions, condition, on_conflict)
        transact(self._connection, writes)
