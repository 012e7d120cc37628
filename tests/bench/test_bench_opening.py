"""Freezing the voter roll when an election opens: 10,000 members against DynamoDB Local, the
seconds the opening workflow's task takes and the rate in members per second (what tells whether a
union of 100,000 fits in one task of at most 15 minutes). Nothing here asserts a time."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from chalicelib import bootstrap
from chalicelib.adapters.dynamo.batches import put_many
from chalicelib.adapters.dynamo.members import to_item
from chalicelib.domain.roles import Principal
from tests.bench.conftest import Figures
from tests.integration.elections_support import strike_ballot
from tests.integration.test_elections_casting import voters

MEMBERS = 10_000


def test_freezing_the_roll_of_ten_thousand_members(
    union: list[str], app_env: dict[str, str], dynamodb_client: Any, figures: Figures
) -> None:
    template = voters()[0]
    members = (
        to_item(replace(template, id=f"roll-{n:06d}", email=f"roll{n:06d}@example.org"), 1).serialize()
        for n in range(MEMBERS)
    )
    put_many(dynamodb_client, app_env["TABLE_NAME"], members)
    c = bootstrap.container()
    officer = Principal("demo-election", "bench", c.store.members.get("demo-election").grants)
    election = c.elections.create(officer, strike_ballot())

    began = time.perf_counter()
    opened = c.election_opening.open_now(officer, election.id)
    took = time.perf_counter() - began

    assert opened.roll is not None and opened.roll.count >= MEMBERS
    rate = opened.roll.count / took
    figures.summary(
        f"opening: the roll of {opened.roll.count:,} members frozen in {took:.1f} s ({rate:,.0f} members/s); "
        f"100,000 members would take about {100_000 / rate:.0f} s of the freezing task's 900 s"
    )
