"""Seats under concurrency: take one, pass one on to the first waiting member, fill free seats.

Every step is one DynamoDB transaction whose conditions hold the rules (a shard never gives more
seats than it has; a waiting member is promoted once). When another registration wins a race the
step is retried with jitter on another shard or the next waiting member, so nobody sees an error
because others registered at the same moment.
"""

from __future__ import annotations

import random
import time
from dataclasses import replace
from datetime import UTC, datetime

from chalicelib.domain.errors import ConcurrentChange
from chalicelib.domain.events import Event, Participant, RegistrationStatus
from chalicelib.domain.seats import (
    Contention,
    SeatTaken,
    Shard,
    WaiterGone,
    free_count,
    pick_shard,
    waiting_ticket,
)
from chalicelib.observability import logger
from chalicelib.services.event_mail import EventMail
from chalicelib.services.ports import Store

MAX_ATTEMPTS = 40
# How long a container trusts the seat counts it last read before it picks a shard to try: a stale
# count costs at most a refused transaction, and the waiting list is always checked afresh.
RECENT_SHARDS_SECONDS = 1.0
HEAD = 10  # waiting members read at a time when looking for the first one still waiting
S = RegistrationStatus


def backoff(attempt: int) -> None:
    """Full jitter, capped: contenders spread out instead of colliding again in step."""
    time.sleep(random.uniform(0, min(0.2, 0.005 * 2 ** min(attempt, 6))))


class Seating:
    def __init__(self, store: Store, mail: EventMail) -> None:
        self._store = store
        self._mail = mail
        self._rng = random.Random()
        self._recent: dict[str, tuple[float, list[Shard]]] = {}

    def forget(self, event_id: str) -> None:
        """The seat counts changed here (capacity, a seat given back): read them afresh next time."""
        self._recent.pop(event_id, None)

    def place(self, event: Event, p: Participant, expect: S | None = None, mail: bool = True) -> Participant:
        """A seat if any shard has one, else the end of the waiting list (mailed unless `mail` is
        False); AlreadyRegistered (new) or ConcurrentChange (`expect` no longer holds) when the
        registration moved on meanwhile."""
        seated = self._take_seat(event, p, expect)
        if seated is not None:
            if mail:
                self._mail.to_participant("event_confirmed", event, seated)
            return seated
        waiting = replace(
            p, status=S.WAITING, shard=None, ticket=waiting_ticket(datetime.now(UTC), self._rng)
        )
        self._store.registrations.join_waiting(waiting, expect)
        # The shards were read a moment ago, not in a consistent read: a seat may have freed up since.
        promoted = [w for w in self.fill(event) if w.member_id == p.member_id]
        if promoted:
            return promoted[0]
        placed = replace(waiting, position=self._store.events.position(event.id, waiting.ticket or ""))
        if mail:
            self._mail.to_participant("event_waiting", event, placed, position=placed.position)
        return placed

    def _take_seat(self, event: Event, p: Participant, expect: S | None) -> Participant | None:
        """A seat on a random shard that had one free; None when every shard looks full."""
        shards = self._recent_shards(event)
        full: set[int] = set()
        for attempt in range(MAX_ATTEMPTS):
            shard = pick_shard(shards, self._rng, full)
            if shard is None:
                return None
            seated = replace(p, status=S.CONFIRMED, shard=shard.index, ticket=None, position=None)
            try:
                self._store.registrations.take_seat(seated, expect)
                return seated
            except SeatTaken:
                full.add(shard.index)
                self._remember(
                    event.id, [replace(s, taken=s.seats) if s.index in full else s for s in shards]
                )
            except Contention:
                backoff(attempt)
        raise ConcurrentChange("too many registrations at this moment; please try again")

    def give_up(self, event: Event, p: Participant) -> tuple[Participant, Participant | None]:
        """A confirmed participant cancels: their seat passes to the first waiting member in the
        same transaction (mailed), or goes back to its shard when nobody waits."""
        assert p.shard is not None
        cancelled = replace(p, status=S.CANCELLED, shard=None, ticket=None)
        gone: set[str] = set()
        for attempt in range(MAX_ATTEMPTS):
            waiter = self._first_waiting(event, gone)
            try:
                if waiter is None:
                    self._store.registrations.release_seat(cancelled, p.shard)
                    self.forget(event.id)
                    self.fill(event)  # someone may have joined the list while we looked
                    return cancelled, None
                promoted = _seated(waiter, p.shard)
                self._store.registrations.pass_seat(cancelled, promoted)
            except WaiterGone:
                gone.add(waiter.member_id if waiter else "")
                continue
            except Contention:
                backoff(attempt)
                continue
            self._mail.to_participant("event_promoted", event, promoted)
            return cancelled, promoted
        raise ConcurrentChange("too many changes at this moment; please try again")

    def fill(self, event: Event) -> list[Participant]:
        """Give every free seat to the first waiting members, one transaction each (mailed)."""
        promoted: list[Participant] = []
        gone: set[str] = set()
        full: set[int] = set()
        for attempt in range(MAX_ATTEMPTS):
            shards = self._store.events.shards(event, consistent=True)
            self._remember(event.id, shards)
            shard = pick_shard(shards, self._rng, full)
            waiter = self._first_waiting(event, gone) if free_count(shards) else None
            if shard is None or waiter is None:
                break
            try:
                self._store.registrations.promote(_seated(waiter, shard.index))
            except SeatTaken:
                full.add(shard.index)
                continue
            except WaiterGone:
                gone.add(waiter.member_id)
                continue
            except Contention:
                backoff(attempt)
                continue
            full.clear()
            promoted.append(_seated(waiter, shard.index))
        for p in promoted:
            self._mail.to_participant("event_promoted", event, p)
        if promoted:
            logger.info("waiting members promoted", extra={"event_id": event.id, "count": len(promoted)})
        return promoted

    def _recent_shards(self, event: Event) -> list[Shard]:
        cached = self._recent.get(event.id)
        if cached is not None and time.monotonic() - cached[0] < RECENT_SHARDS_SECONDS:
            return cached[1]
        shards = self._store.events.shards(event)
        self._remember(event.id, shards)
        return shards

    def _remember(self, event_id: str, shards: list[Shard]) -> None:
        self._recent[event_id] = (time.monotonic(), shards)

    def _first_waiting(self, event: Event, gone: set[str]) -> Participant | None:
        head = self._store.events.waiting_head(event.id, HEAD + len(gone))
        return next((w for w in head if w.member_id not in gone), None)


def _seated(waiter: Participant, shard: int) -> Participant:
    return replace(waiter, status=S.CONFIRMED, shard=shard, ticket=None, position=None)
