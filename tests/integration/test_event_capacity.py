"""Capacity is a hard limit under concurrency: 300 members register at once for 50 seats through
the API layer (threads on the in-process chalice client), then 20 cancel at once."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib import bootstrap
from chalicelib.domain.events import RegistrationStatus
from chalicelib.domain.seats import confirmed_count
from devstack.web import serve_threaded
from tests.integration.conftest import body
from tests.integration.events_support import call, created, headers_for, new_members

pytestmark = pytest.mark.integration

MEMBERS, SEATS, CANCELLING, THREADS = 300, 50, 20, 32


def participants(event_id, status):
    return list(bootstrap.container().store.events.iter_participants(event_id, [status]))


def test_300_concurrent_registrations_fill_50_seats_and_20_cancellations_promote_20_in_order(api, union):
    import app as app_module

    serve_threaded(app_module.app)  # chalice's request object per thread, as `chalice local` does
    event = created(api, headers_for("demo-organizer"), capacity=SEATS)
    path = f"/api/events/{event['id']}/registrations"
    ids = new_members(MEMBERS, "rush")
    with ThreadPoolExecutor(THREADS) as pool:
        heads = dict(zip(ids, pool.map(headers_for, ids), strict=True))

    with ThreadPoolExecutor(THREADS) as pool:
        answers = dict(
            zip(heads, pool.map(lambda m: call(api, "POST", path, heads[m], {}), heads), strict=True)
        )

    assert Counter(a.status_code for a in answers.values()) == {201: MEMBERS}, [
        a.body for a in answers.values() if a.status_code != 201
    ][:3]
    said = Counter(body(a)["status"] for a in answers.values())
    assert said == {"confirmed": SEATS, "waiting": MEMBERS - SEATS}
    confirmed = participants(event["id"], RegistrationStatus.CONFIRMED)
    waiting = participants(event["id"], RegistrationStatus.WAITING)
    assert len(confirmed) == SEATS and len(waiting) == MEMBERS - SEATS
    assert len({p.member_id for p in confirmed + waiting}) == MEMBERS  # nobody twice
    assert [p.position for p in waiting] == list(range(1, MEMBERS - SEATS + 1))
    shards = bootstrap.container().store.events.shards(
        bootstrap.container().store.events.get(event["id"]), True
    )
    assert confirmed_count(shards) == SEATS and all(s.taken <= s.seats for s in shards)

    leaving = [p.member_id for p in confirmed[:CANCELLING]]
    first_waiting = [p.member_id for p in waiting[:CANCELLING]]
    mine = f"{path}/me"
    with ThreadPoolExecutor(THREADS) as pool:
        cancelled = list(pool.map(lambda m: call(api, "DELETE", mine, heads[m]), leaving))
    assert [c.status_code for c in cancelled] == [200] * CANCELLING

    after = participants(event["id"], RegistrationStatus.CONFIRMED)
    still_waiting = participants(event["id"], RegistrationStatus.WAITING)
    stayed = {p.member_id for p in confirmed[CANCELLING:]}
    assert len(after) == SEATS
    assert {p.member_id for p in after} - stayed == set(first_waiting)  # exactly the first 20, in order
    assert [p.member_id for p in still_waiting] == [p.member_id for p in waiting[CANCELLING:]]
    assert [p.position for p in still_waiting] == list(range(1, MEMBERS - SEATS - CANCELLING + 1))
    seen = body(call(api, "GET", f"/api/events/{event['id']}", heads[first_waiting[0]]))
    assert seen["seats"] == {"capacity": SEATS, "confirmed": SEATS, "waiting": 230, "free": 0}
    assert seen["my_registration"]["status"] == "confirmed"
