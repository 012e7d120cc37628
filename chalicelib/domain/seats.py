"""Seats of an event: capacity split over a few counter shards, and the waiting list's order.

The store holds each shard as its own item (`seats`, `taken`); a registration takes a seat with a
conditional increment of one shard (`taken < seats`), so thousands registering at once spread
over several items instead of queueing on one. These functions decide which shard to try, how
capacity is spread over the shards, and who is next on the waiting list.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from chalicelib.domain.errors import ConcurrentChange, FieldProblem, Msg
from chalicelib.domain.events import CapacityTooLow

SEATS_PER_SHARD = 25
MAX_SHARDS = 10


class SeatTaken(ConcurrentChange):
    """The shard tried had no free seat left when the write arrived: try another."""


class WaiterGone(ConcurrentChange):
    """The waiting member tried is no longer waiting (promoted by someone else, or left)."""


class Contention(ConcurrentChange):
    """DynamoDB refused a transaction because another touched the same item: try again."""


@dataclass(frozen=True)
class Shard:
    index: int
    seats: int
    taken: int = 0

    @property
    def free(self) -> int:
        return max(self.seats - self.taken, 0)


def shard_count(capacity: int) -> int:
    """A few shards: one per 25 seats, at least 1 and at most 10."""
    return min(max(capacity // SEATS_PER_SHARD, 1), MAX_SHARDS)


def split_evenly(total: int, parts: int) -> list[int]:
    """`total` in `parts` whole numbers that differ by at most one (the larger ones first)."""
    return [total // parts + (1 if k < total % parts else 0) for k in range(parts)]


def initial_shards(capacity: int) -> list[Shard]:
    return [Shard(k, seats) for k, seats in enumerate(split_evenly(capacity, shard_count(capacity)))]


def confirmed_count(shards: Iterable[Shard]) -> int:
    return sum(s.taken for s in shards)


def capacity_of(shards: Iterable[Shard]) -> int:
    return sum(s.seats for s in shards)


def free_count(shards: Iterable[Shard]) -> int:
    return sum(s.free for s in shards)


def pick_shard(shards: Sequence[Shard], rng: random.Random, skip: Iterable[int] = ()) -> Shard | None:
    """A random shard that had a free seat when read, not one of `skip` (found full since); None if
    none is left. Random, so concurrent registrations spread over the shards instead of colliding."""
    skipped = set(skip)
    open_shards = [s for s in shards if s.free > 0 and s.index not in skipped]
    return rng.choice(open_shards) if open_shards else None


def resize(shards: Sequence[Shard], capacity: int) -> list[Shard]:
    """The shards holding `capacity` seats: every shard keeps the seats taken in it, and the free
    seats are spread evenly again (so a shard that filled up gets free seats back). Shards are
    added when the capacity grows past what the current ones were made for, never removed.
    Raises CapacityTooLow when fewer seats than confirmed participants are asked for."""
    confirmed = confirmed_count(shards)
    if capacity < confirmed:
        raise CapacityTooLow(
            Msg("the capacity cannot be below the {confirmed} confirmed participants", confirmed=confirmed),
            [FieldProblem("capacity", Msg("must be at least {confirmed}", confirmed=confirmed))],
        )
    wanted = max(len(shards), shard_count(capacity))
    current = list(shards) + [Shard(k, 0) for k in range(len(shards), wanted)]
    free = split_evenly(capacity - confirmed, wanted)
    return [replace(s, seats=s.taken + extra) for s, extra in zip(current, free, strict=True)]


def waiting_ticket(at: datetime, rng: random.Random) -> str:
    """The waiting list's sort key: time of joining first, a random tail to break ties."""
    return f"{at.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{rng.getrandbits(48):012x}"


def first_waiting(tickets: Iterable[tuple[str, str]], gone: Iterable[str] = ()) -> str | None:
    """The member with the smallest ticket among (ticket, member_id) pairs, skipping those known
    to have left the list since it was read (promoted by someone else, or cancelled)."""
    left = set(gone)
    waiting = sorted((t, m) for t, m in tickets if m not in left)
    return waiting[0][1] if waiting else None


def seats_to_fill(shards: Sequence[Shard], waiting: int) -> int:
    """How many waiting members can be given a seat right now."""
    return min(free_count(shards), waiting)
