"""Event registration: DynamoDB capacity units per registration and per cancellation that promotes
a waiting member, and concurrent registrations per second as a ratio to the raw
TransactWriteItems rate of DynamoDB Local, measured in the same run with the same threads.
"""

from __future__ import annotations

import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from chalicelib import bootstrap
from tests.bench.conftest import Figures
from tests.bench.cpu_meter import CpuUse, measured
from tests.bench.test_bench_capacity import CapacityMeter, _pynamodb_clients
from tests.integration.events_support import call, created, headers_for, new_members

THREADS = 8
REGISTRANTS = 240


def _raw_transactions_per_second(client: Any, table: str, n: int) -> float:
    """The floor: one conditional put per TransactWriteItems, as fast as the threads go."""

    def one(_: int) -> None:
        item = {"pk": {"S": f"RAW#{uuid.uuid4().hex}"}, "sk": {"S": "RAW"}}
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": table, "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}}
            ]
        )

    with ThreadPoolExecutor(THREADS) as pool:
        began = time.perf_counter()
        list(pool.map(one, range(n)))
        return n / (time.perf_counter() - began)


def _register_all(api: Any, path: str, tokens: list[dict[str, str]]) -> tuple[float, list[int]]:
    def one(headers: dict[str, str]) -> int:
        return int(call(api, "POST", f"{path}/registrations", headers, {"answers": {}}).status_code)

    with ThreadPoolExecutor(THREADS) as pool:
        began = time.perf_counter()
        statuses = list(pool.map(one, tokens))
        return len(tokens) / (time.perf_counter() - began), statuses


def test_registration_throughput_and_capacity_units(
    api: Any,
    union: list[str],
    dynamodb_client: Any,
    dynamodb_local: Any,
    app_env: dict[str, str],
    figures: Figures,
) -> None:
    organizer = headers_for("demo-organizer")
    ids = new_members(REGISTRANTS + 4, "bench")
    tokens = [headers_for(member_id) for member_id in ids]
    roomy = created(api, organizer, capacity=REGISTRANTS + 10)
    small = created(api, organizer, capacity=1)

    # Warm up the container and the JVM, then the floor and the real thing, twice each, alternating.
    _raw_transactions_per_second(dynamodb_client, app_env["TABLE_NAME"], 50)
    call(api, "POST", f"/api/events/{roomy['id']}/registrations", tokens[0], {"answers": {}})
    half = REGISTRANTS // 2
    table, path = app_env["TABLE_NAME"], f"/api/events/{roomy['id']}"
    raw, ours, raw_cpu, our_cpu = [], [], [], []
    for batch in (tokens[1 : 1 + half], tokens[1 + half : 1 + REGISTRANTS]):
        use, rate = measured(
            dynamodb_local.pid,
            len(batch),
            partial(_raw_transactions_per_second, dynamodb_client, table, len(batch)),
        )
        raw.append(rate)
        raw_cpu.append(use)
        use, (rate, statuses) = measured(
            dynamodb_local.pid, len(batch), partial(_register_all, api, path, batch)
        )
        assert set(statuses) == {201}
        ours.append(rate)
        our_cpu.append(use)
    raw_rate, our_rate = sum(raw) / len(raw), sum(ours) / len(ours)
    figures.line(f"  raw TransactWriteItems (1 conditional put): {[f'{r:.0f}/s' for r in raw]}")
    figures.line(f"  POST /api/events/{{id}}/registrations:       {[f'{r:.0f}/s' for r in ours]}")
    figures.summary(
        f"registration: {our_rate:.0f} registrations/s with {THREADS} threads through the API layer = "
        f"{our_rate / raw_rate:.2f} x the raw TransactWriteItems rate ({raw_rate:.0f}/s) (target >= 0.5)"
    )

    _cpu_figures(figures, raw_cpu, our_cpu)

    meter = CapacityMeter()
    for client in _pynamodb_clients():
        meter.attach(client)
    first, second, third = tokens[REGISTRANTS + 1 :][:3]
    path = f"/api/events/{small['id']}"
    meter.take()
    assert call(api, "POST", f"{path}/registrations", first, {"answers": {}}).status_code == 201
    seat = meter.take()
    assert call(api, "POST", f"{path}/registrations", second, {"answers": {}}).status_code == 201
    wait = meter.take()
    assert call(api, "POST", f"{path}/registrations", third, {"answers": {}}).status_code == 201
    meter.take()
    assert call(api, "DELETE", f"{path}/registrations/me", first).status_code == 200
    cancel = meter.take()
    promoted = bootstrap.container().store.events.registration(small["id"], ids[REGISTRANTS + 2])
    assert promoted is not None and promoted.status.value == "confirmed"
    for label, usage in (
        ("registration (a seat)", seat),
        ("registration (waiting list)", wait),
        ("cancellation promoting the first waiting member", cancel),
    ):
        figures.line(f"  {label}: {usage.breakdown()}")
        figures.summary(
            f"capacity {label}: {usage.total_rcu:g} RCU + {usage.total_wcu:g} WCU "
            f"({sum(usage.requests.values())} DynamoDB requests, session check included)"
        )


def _cpu_figures(figures: Figures, raw: list[CpuUse], ours: list[CpuUse]) -> None:
    """Where the CPU goes: on two cores shared by the app and DynamoDB Local, the throughput ratio
    cannot exceed the ratio of CPU spent per raw transaction to CPU spent per registration."""
    raw_ms, our_ms = sum(raw[-1].per_item_ms), sum(ours[-1].per_item_ms)
    figures.line(f"  CPU per raw transaction: {raw[-1].describe()}")
    figures.line(f"  CPU per registration:    {ours[-1].describe()}")
    figures.summary(
        f"registration CPU: {our_ms:.1f} ms per registration (app {ours[-1].per_item_ms[0]:.1f} ms incl. the "
        f"local mail sink, DynamoDB Local {ours[-1].per_item_ms[1]:.1f} ms) vs {raw_ms:.1f} ms per raw "
        f"transaction: on {os.cpu_count()} cores the ratio the CPU allows is at most {raw_ms / our_ms:.2f}"
    )
