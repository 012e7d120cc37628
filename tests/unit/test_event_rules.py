"""The capacity and waiting-list rules as pure functions, played through any sequence of
registrations, cancellations and capacity changes (hypothesis), with stale reads as under load."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from chalicelib.domain.events import CapacityTooLow
from chalicelib.domain.seats import (
    MAX_SHARDS,
    Shard,
    capacity_of,
    confirmed_count,
    first_waiting,
    free_count,
    initial_shards,
    pick_shard,
    resize,
    seats_to_fill,
    shard_count,
    split_evenly,
    waiting_ticket,
)

shard_lists = st.lists(
    st.tuples(st.integers(0, 40), st.integers(0, 40)).map(lambda p: (max(p), min(p))), min_size=1, max_size=10
).map(lambda pairs: [Shard(k, seats, taken) for k, (seats, taken) in enumerate(pairs)])


@given(st.integers(1, 100_000))
def test_a_few_shards_hold_exactly_the_capacity(capacity):
    shards = initial_shards(capacity)
    assert 1 <= len(shards) == shard_count(capacity) <= MAX_SHARDS
    assert capacity_of(shards) == capacity and confirmed_count(shards) == 0
    assert max(s.seats for s in shards) - min(s.seats for s in shards) <= 1


@given(st.integers(0, 10_000), st.integers(1, 10))
def test_split_evenly(total, parts):
    split = split_evenly(total, parts)
    assert sum(split) == total and len(split) == parts and max(split) - min(split) <= 1


@given(shard_lists, st.integers(0, 1000))
def test_resizing_keeps_taken_seats_and_spreads_the_free_ones_again(shards, capacity):
    if capacity < confirmed_count(shards):
        with pytest.raises(CapacityTooLow):
            resize(shards, capacity)
        return
    resized = resize(shards, capacity)
    assert capacity_of(resized) == capacity
    assert [s.index for s in resized] == list(range(len(resized)))
    assert len(resized) == max(len(shards), shard_count(capacity))
    assert all(
        new.taken == old.taken and new.seats >= new.taken for old, new in zip(shards, resized, strict=False)
    )
    frees = [s.free for s in resized]
    assert max(frees) - min(frees) <= 1  # "rebalanced as they fill"


@given(shard_lists, st.randoms(use_true_random=False), st.sets(st.integers(0, 9)))
def test_a_seat_is_only_tried_on_a_shard_that_had_one_and_was_not_found_full(shards, rng, skip):
    picked = pick_shard(shards, rng, skip)
    open_ones = [s for s in shards if s.free and s.index not in skip]
    assert (picked is None) == (not open_ones)
    assert picked is None or picked in open_ones


def test_waiting_tickets_sort_by_time_and_the_first_is_found_skipping_those_gone():
    rng = random.Random(4)
    start = datetime(2026, 12, 1, tzinfo=UTC)
    tickets = [(waiting_ticket(start + timedelta(microseconds=n), rng), f"m{n}") for n in range(5)]
    assert sorted(tickets) == tickets
    assert first_waiting(reversed(tickets)) == "m0"
    assert first_waiting(tickets, gone={"m0", "m1"}) == "m2"
    assert first_waiting([], gone=set()) is None


class SeatBook(RuleBasedStateMachine):
    """An event as the services run it: every step one of the transactions the store makes, with
    its conditions checked against the true state and the choices made by the domain functions,
    sometimes from a stale read of the shards (as concurrent registrations see them)."""

    def __init__(self) -> None:
        super().__init__()
        self.rng = random.Random(0)
        self.clock = datetime(2026, 12, 1, tzinfo=UTC)
        self.joined: list[str] = []  # every member that ever joined the waiting list, in order

    @initialize(capacity=st.integers(1, 120))
    def open_event(self, capacity):
        self.shards = {s.index: s for s in initial_shards(capacity)}
        self.seat_of: dict[str, int] = {}
        self.waiting: dict[str, str] = {}  # member -> ticket
        self.snapshots = [list(self.shards.values())]
        self.next_member = 0

    # --- the transactions, each with its condition ------------------------------------------
    def _take(self, index: int) -> bool:
        shard = self.shards[index]
        if shard.taken >= shard.seats:  # condition: taken < seats
            return False
        self.shards[index] = replace(shard, taken=shard.taken + 1)
        return True

    def _fill(self) -> None:
        gone: set[str] = set()
        while seats_to_fill(list(self.shards.values()), len(self.waiting)):
            waiter = first_waiting(((t, m) for m, t in self.waiting.items()), gone)
            shard = pick_shard(list(self.shards.values()), self.rng)
            assert waiter is not None and shard is not None
            if self._take(shard.index):
                self.seat_of[waiter] = shard.index
                del self.waiting[waiter]

    # --- what members and organizers do --------------------------------------------------------
    @rule(stale=st.booleans(), data=st.data())
    def register(self, stale, data):
        member = f"m{self.next_member}"
        self.next_member += 1
        view = data.draw(st.sampled_from(self.snapshots)) if stale else list(self.shards.values())
        full: set[int] = set()
        while (shard := pick_shard(view, self.rng, full)) is not None:
            if self._take(shard.index):
                self.seat_of[member] = shard.index
                return
            full.add(shard.index)
        self.clock += timedelta(microseconds=1)
        self.waiting[member] = waiting_ticket(self.clock, self.rng)
        self.joined.append(member)
        self._fill()  # the step after joining: a seat freed meanwhile goes to the first in line

    @precondition(lambda self: self.seat_of)
    @rule(data=st.data())
    def cancel_confirmed(self, data):
        member = data.draw(st.sampled_from(sorted(self.seat_of)))
        shard = self.seat_of.pop(member)
        waiter = first_waiting((t, m) for m, t in self.waiting.items())
        if waiter is None:
            self.shards[shard] = replace(self.shards[shard], taken=self.shards[shard].taken - 1)
            self._fill()
        else:  # the seat passes on in the same transaction, shard untouched
            del self.waiting[waiter]
            self.seat_of[waiter] = shard

    @precondition(lambda self: self.waiting)
    @rule(data=st.data())
    def cancel_waiting(self, data):
        del self.waiting[data.draw(st.sampled_from(sorted(self.waiting)))]

    @rule(capacity=st.integers(1, 150))
    def change_capacity(self, capacity):
        try:
            resized = resize(list(self.shards.values()), capacity)
        except CapacityTooLow:
            assert capacity < len(self.seat_of)
            return
        self.shards = {s.index: s for s in resized}
        self._fill()

    @rule()
    def remember_a_read(self):
        self.snapshots = [*self.snapshots[-4:], list(self.shards.values())]

    # --- what must always hold ----------------------------------------------------------------
    @invariant()
    def never_more_confirmed_than_seats(self):
        shards = list(self.shards.values())
        assert len(self.seat_of) == confirmed_count(shards) <= capacity_of(shards)
        assert all(0 <= s.taken <= s.seats for s in shards)
        assert len(shards) <= MAX_SHARDS

    @invariant()
    def each_shard_counts_the_seats_held_in_it(self):
        for index, shard in self.shards.items():
            assert shard.taken == sum(1 for s in self.seat_of.values() if s == index)

    @invariant()
    def nobody_waits_while_a_seat_is_free(self):
        assert not self.waiting or free_count(list(self.shards.values())) == 0

    @invariant()
    def the_waiting_list_keeps_its_order(self):
        by_ticket = [m for _, m in sorted((t, m) for m, t in self.waiting.items())]
        assert by_ticket == [m for m in self.joined if m in self.waiting]

    @invariant()
    def nobody_is_both_seated_and_waiting(self):
        assert not set(self.seat_of) & set(self.waiting)


TestSeatBook = SeatBook.TestCase
TestSeatBook.settings = settings(max_examples=100, stateful_step_count=50, deadline=None)
