"""How an export reads registrations, without a database: the lean item-to-participant conversion gives
what the PynamoDB model gives, and pages are read ahead on a thread without losing order or errors."""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator
from datetime import UTC, datetime
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.adapters.dynamo.models import RegistrationItem
from chalicelib.adapters.dynamo.participants import from_raw, read_ahead, to_item, to_participant
from chalicelib.domain.events import Participant, RegistrationStatus

MOMENTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
OPTIONAL_TEXT = st.none() | st.text(min_size=1, max_size=12)


@st.composite
def participants(draw: st.DrawFn) -> Participant:
    return Participant(
        member_id=draw(st.text(min_size=1, max_size=12)),
        first_name=draw(st.text(max_size=12)),
        last_name=draw(st.text(max_size=12)),
        email=draw(st.text(min_size=1, max_size=20)),
        status=draw(st.sampled_from(RegistrationStatus)),
        position=None,
        answers=draw(st.dictionaries(st.text(max_size=8), JSON, max_size=4)),
        registered_at=draw(MOMENTS),
        checked_in_at=draw(st.none() | MOMENTS),
        completed=draw(st.booleans()),
        language=draw(st.sampled_from(["fi", "sv", "en"])),
        branch_id=draw(OPTIONAL_TEXT),
        event_id=draw(st.text(min_size=1, max_size=12)),
        ticket=draw(OPTIONAL_TEXT),
        shard=draw(st.none() | st.integers(0, 63)),
        enrolment_id=draw(OPTIONAL_TEXT),
    )


def by_model(raw: dict[str, Any], position: int | None) -> Participant:
    return to_participant(RegistrationItem.from_raw_data(raw), position)


@settings(max_examples=200, deadline=None)
@given(participant=participants(), position=st.none() | st.integers(1, 10_000))
def test_the_lean_conversion_gives_what_the_model_gives(
    participant: Participant, position: int | None
) -> None:
    raw = to_item(participant).serialize()
    assert from_raw(raw, position) == by_model(raw, position)


def test_absent_null_and_empty_attributes_read_as_the_model_reads_them() -> None:
    participant = Participant(
        "m1", "Aino", "Korhonen", "a@example.org", RegistrationStatus.WAITING, None, {}, datetime.now(UTC)
    )
    raw = to_item(participant).serialize()
    raw.pop("completed", None)
    raw.update({"ticket": {"NULL": True}, "answers": {"S": "null"}, "shard": {"N": "3.0"}, "branch_id": {}})
    lean = from_raw(raw, 7)
    assert lean == by_model(raw, 7)
    assert (lean.answers, lean.shard, lean.ticket, lean.completed, lean.position) == ({}, 3, None, False, 7)


def test_pages_read_ahead_arrive_in_order() -> None:
    assert list(read_ahead(iter([[1], [2, 3], [], [4]]))) == [[1], [2, 3], [], [4]]
    assert list(read_ahead(iter([]))) == []


def test_a_failure_reading_a_page_reaches_the_caller_after_the_pages_before_it() -> None:
    def pages() -> Iterator[list[int]]:
        yield [1]
        raise ConnectionError("the table went away")

    got: list[list[int]] = []
    with pytest.raises(ConnectionError):
        for page in read_ahead(pages()):
            got.append(page)
    assert got == [[1]]


def test_a_caller_that_stops_early_leaves_no_reader_running_and_reads_at_most_one_page_more() -> None:
    asked: list[int] = []
    readers = threading.active_count()

    def pages() -> Iterator[list[int]]:
        for n in range(100):
            asked.append(n)
            yield [n]

    stream = cast(Generator[list[int], None, None], read_ahead(pages()))
    assert next(stream) == [0]
    stream.close()
    assert asked == [0, 1] and threading.active_count() == readers
