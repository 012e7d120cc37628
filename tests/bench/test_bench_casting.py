"""Casting a ballot against DynamoDB Local: capacity units per ballot, and concurrent ballots per second
as a ratio to the raw TransactWriteItems rate measured in the same run (target ≥ 0.5).

A ballot is cast through the election service, as the API route does it: the roll entry is read (the
election at most once a second), one transaction of four writes records it, the board's head is asked
at most once a second whether a seal is due (and now and then a seal runs), the member is read and the
confirmation goes to the mail sink. Two raw rates from the same number of threads on the same table:
single-item TransactWriteItems (the reference of the target), and the bare four-item transaction a
ballot needs (what the service adds on top of the writes it cannot avoid).
"""

from __future__ import annotations

import os
import statistics
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from chalicelib import bootstrap
from chalicelib.adapters.dynamo.elections import _cast_items
from chalicelib.domain.elections import CastBallot, RollEntry
from chalicelib.domain.roles import Principal
from tests.bench.conftest import Figures
from tests.bench.cpu_meter import measured
from tests.bench.test_bench_capacity import CapacityMeter, _pynamodb_clients
from tests.integration.elections_support import strike_ballot
from tests.integration.test_elections_casting import create_members, voters

THREADS = 16
RAW_TRANSACTIONS = 400
METERED = 20
RAW_BALLOTS = 80
AWS_WCU_PER_BALLOT = 4 * 2  # four items of at most 1 KB, transactional writes cost twice
TARGET_RATIO = 0.5


def _principal(member_id: str) -> Principal:
    return Principal(member_id, "bench", ())


def _open_strike_ballot() -> str:
    c = bootstrap.container()
    officer = Principal("demo-election", "bench", c.store.members.get("demo-election").grants)
    election = c.elections.create(officer, strike_ballot())
    c.election_opening.open_now(officer, election.id)
    return election.id


def _raw_rate(client: Any, table: str) -> float:
    def one(n: int) -> None:
        item = {"pk": {"S": f"BENCH#{uuid.uuid4().hex}"}, "sk": {"S": "RAW"}, "n": {"N": str(n)}}
        client.transact_write_items(TransactItems=[{"Put": {"TableName": table, "Item": item}}])

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(one, range(RAW_TRANSACTIONS)))
    return RAW_TRANSACTIONS / (time.perf_counter() - began)


def _raw_ballot_rate(client: Any, election_id: str, snapshot: str, members: list[Any]) -> float:
    def one(member: Any) -> None:
        entry = RollEntry(election_id, member.id, member.branch_id, snapshot)
        ballot = CastBallot(entry, "2026-01-01", '[1,["yes"]]', uuid.uuid4().hex)
        client.transact_write_items(TransactItems=_cast_items(ballot))

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        list(pool.map(one, members))
    return len(members) / (time.perf_counter() - began)


def test_casting_capacity_and_throughput(
    union: list[str], app_env: dict[str, str], dynamodb_local: Any, figures: Figures
) -> None:
    members = voters()
    create_members(members)
    election_id = _open_strike_ballot()
    service = bootstrap.container().elections
    choices = [["yes"], ["no"], []]

    meter = CapacityMeter()
    for client in _pynamodb_clients():
        meter.attach(client)
    service.cast(_principal(members[0].id), election_id, ["yes"])  # warm-up, not counted
    meter.take()
    usages = []
    for n, member in enumerate(members[1 : METERED + 1]):
        began = time.perf_counter()
        service.cast(_principal(member.id), election_id, choices[n % 3])
        usages.append(meter.take(time.perf_counter() - began))
    rcu = statistics.mean(u.total_rcu for u in usages)
    wcu = statistics.mean(u.total_wcu for u in usages)
    figures.line(f"  last ballot's requests: {usages[-1].breakdown()}")
    unreported = sum(sum(u.unreported.values()) for u in usages)
    if unreported:
        figures.line(f"  DynamoDB Local returned no ConsumedCapacity for {unreported} request(s)")
    figures.line(
        f"  median latency of one ballot: {statistics.median(u.seconds for u in usages) * 1000:.0f} ms"
    )
    figures.summary(
        f"casting capacity: {rcu:.1f} RCU + {wcu:.1f} WCU per ballot as DynamoDB Local reports it (mean of "
        f"{METERED}); on AWS the transaction is {AWS_WCU_PER_BALLOT} WCU (4 items x 2) + the reads"
    )

    store = bootstrap.container().store
    raw_cpu, raw = measured(
        dynamodb_local.pid,
        RAW_TRANSACTIONS,
        lambda: _raw_rate(store.connection.client, app_env["TABLE_NAME"]),
    )
    snapshot = store.elections.get(election_id).roll.snapshot
    bare = members[METERED + 1 : METERED + 1 + RAW_BALLOTS]
    bare_cpu, raw_ballots = measured(
        dynamodb_local.pid,
        len(bare),
        lambda: _raw_ballot_rate(store.connection.client, election_id, snapshot, bare),
    )
    rest = members[METERED + 1 + RAW_BALLOTS :]

    def cast_the_rest() -> list[str]:
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            return list(pool.map(lambda m: service.cast(_principal(m.id), election_id, ["no"]), rest))

    cast_cpu, codes = measured(dynamodb_local.pid, len(rest), cast_the_rest)
    ballots_per_second = len(codes) / cast_cpu.seconds
    ratio = ballots_per_second / raw
    figures.line(f"  raw single-item TransactWriteItems: {raw:.0f}/s ({THREADS} threads, {RAW_TRANSACTIONS})")
    figures.line(f"  ballots cast concurrently: {ballots_per_second:.0f}/s ({THREADS} threads, {len(codes)})")
    figures.line(
        f"  bare four-item ballot transactions: {raw_ballots:.0f}/s ({THREADS} threads, {len(bare)})"
    )
    figures.summary(
        f"casting throughput: {ballots_per_second:.0f} ballots/s = {ratio:.2f} x the raw single-item "
        f"TransactWriteItems rate ({raw:.0f}/s) in the same run (target >= {TARGET_RATIO}); "
        f"{ballots_per_second / raw_ballots:.2f} x the bare four-item ballot transaction ({raw_ballots:.0f}/s)"
    )
    raw_ms, cast_ms = sum(raw_cpu.per_item_ms), sum(cast_cpu.per_item_ms)
    figures.line(f"  CPU per raw transaction: {raw_cpu.describe()}")
    figures.line(f"  CPU per bare ballot transaction: {bare_cpu.describe()}")
    figures.line(f"  CPU per ballot:          {cast_cpu.describe()}")
    figures.summary(
        f"casting CPU: {cast_ms:.1f} ms per ballot (app {cast_cpu.per_item_ms[0]:.1f} ms incl. the local mail "
        f"sink, DynamoDB Local {cast_cpu.per_item_ms[1]:.1f} ms) vs {raw_ms:.1f} ms per raw transaction: on "
        f"{os.cpu_count()} cores the ratio the CPU allows is at most {raw_ms / cast_ms:.2f}; DynamoDB Local "
        f"alone spends {bare_cpu.per_item_ms[1]:.1f} ms on the bare four-item transaction, which caps it at "
        f"{raw_ms / bare_cpu.per_item_ms[1]:.2f} even with no application at all"
    )
    assert len(set(codes)) == len(rest)

    pending = len(store.board.pending(election_id))
    meter.take()
    bootstrap.container().election_board.seal_to_the_end(election_id)
    sealing = meter.take()
    figures.line(f"  sealing the last {pending} pending codes: {sealing.breakdown()}")
    figures.summary(
        f"sealing: {sealing.total_rcu:.1f} RCU + {sealing.total_wcu:.1f} WCU reported for {pending} codes "
        f"({sum(sealing.requests.values())} requests); on AWS each code also costs 2 WCU in BatchWriteItem "
        "(pending code deleted, code index written)"
    )
