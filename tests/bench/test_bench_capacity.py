"""DynamoDB capacity units per sign-in call, measured against DynamoDB Local.

botocore event handlers on every PynamoDB client of the app's container ask each request for
ReturnConsumedCapacity=TOTAL and add up what comes back, per operation. Mail is not a DynamoDB
cost. Where DynamoDB Local returns no ConsumedCapacity for an operation, that is printed and the
requests are still counted by operation.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from chalicelib.entrypoints.seed import demo_members
from tests.bench.conftest import Figures
from tests.integration.conftest import JSON, SMALL_UNION

CAPACITY_OPERATIONS = frozenset(
    {
        "GetItem",
        "PutItem",
        "UpdateItem",
        "DeleteItem",
        "Query",
        "Scan",
        "BatchGetItem",
        "BatchWriteItem",
        "TransactGetItems",
        "TransactWriteItems",
    }
)
READS = frozenset({"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"})
CALLS = 5  # per endpoint, each for a different member (sign-in codes are rate limited per address)


@dataclass
class Usage:
    requests: Counter[str] = field(default_factory=Counter)
    rcu: Counter[str] = field(default_factory=Counter)
    wcu: Counter[str] = field(default_factory=Counter)
    unreported: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def total_rcu(self) -> float:
        return sum(self.rcu.values())

    @property
    def total_wcu(self) -> float:
        return sum(self.wcu.values())

    def breakdown(self) -> str:
        def one(op: str, n: int) -> str:
            if self.unreported[op]:
                return f"{op} x{n} (no ConsumedCapacity for {self.unreported[op]})"
            return f"{op} x{n} ({self.rcu[op]:g} RCU, {self.wcu[op]:g} WCU)"

        return ", ".join(one(op, n) for op, n in sorted(self.requests.items()))


class CapacityMeter:
    """Registered on botocore clients: asks for and sums ConsumedCapacity per operation."""

    def __init__(self) -> None:
        self.usage = Usage()
        self._clients: set[int] = set()

    def attach(self, client: Any) -> None:
        if id(client) in self._clients:
            return
        self._clients.add(id(client))
        client.meta.events.register("before-parameter-build.dynamodb.*", self._ask)
        client.meta.events.register("after-call.dynamodb.*", self._count)

    def take(self, seconds: float = 0.0) -> Usage:
        taken, self.usage = self.usage, Usage()
        taken.seconds = seconds
        return taken

    def _ask(self, params: dict[str, Any], event_name: str, **_: Any) -> None:
        if event_name.rsplit(".", 1)[-1] in CAPACITY_OPERATIONS:
            params["ReturnConsumedCapacity"] = "TOTAL"

    def _count(self, parsed: dict[str, Any], event_name: str, **_: Any) -> None:
        operation = event_name.rsplit(".", 1)[-1]
        self.usage.requests[operation] += 1
        consumed = parsed.get("ConsumedCapacity")
        entries = consumed if isinstance(consumed, list) else [consumed] if consumed else []
        if operation in CAPACITY_OPERATIONS and not entries:
            self.usage.unreported[operation] += 1
        for entry in entries:
            read, write = entry.get("ReadCapacityUnits"), entry.get("WriteCapacityUnits")
            if read is None and write is None:  # TOTAL gives CapacityUnits: its kind is the operation's
                units = float(entry.get("CapacityUnits", 0.0))
                read, write = (units, 0.0) if operation in READS else (0.0, units)
            self.usage.rcu[operation] += float(read or 0.0)
            self.usage.wcu[operation] += float(write or 0.0)


def _pynamodb_clients() -> list[Any]:
    """Every botocore client the app's store uses: the transaction connection and each model's."""
    from chalicelib import bootstrap
    from chalicelib.adapters.dynamo.models import Item

    store = bootstrap.container().store  # binds the models to this test's table
    models: list[Any] = [Item]
    for model in models:
        models.extend(model.__subclasses__())
    return [store.connection.client, *(model._get_connection().connection.client for model in models)]


def _post(api: Any, path: str, body: dict[str, Any]) -> tuple[Any, float]:
    began = time.perf_counter()
    answer = api.http.post(path, body=json.dumps(body), headers=JSON)
    return answer, time.perf_counter() - began


def test_capacity_units_per_sign_in_call(api: Any, union: list[str], mailbox: Any, figures: Figures) -> None:
    members = [m.email for m in demo_members()[:SMALL_UNION] if not m.grants][: CALLS + 1]
    meter = CapacityMeter()
    for client in _pynamodb_clients():
        meter.attach(client)

    # One warm-up sign-in (the container reads its secrets, clients connect), not counted.
    warm = members.pop()
    assert _post(api, "/api/auth/code", {"email": warm})[0].status_code == 202
    code = mailbox.wait_for_code(warm)
    assert _post(api, "/api/auth/token", {"email": warm, "code": code})[0].status_code == 200
    meter.take()

    code_calls: list[Usage] = []
    token_calls: list[Usage] = []
    unknown_calls: list[Usage] = []
    for n, email in enumerate(members):
        answer, seconds = _post(api, "/api/auth/code", {"email": email})
        assert answer.status_code == 202
        code_calls.append(meter.take(seconds))
        code = mailbox.wait_for_code(email)
        answer, seconds = _post(api, "/api/auth/token", {"email": email, "code": code})
        assert answer.status_code == 200, answer.body
        token_calls.append(meter.take(seconds))
        answer, seconds = _post(api, "/api/auth/code", {"email": f"nobody{n}@example.org"})
        assert answer.status_code == 202
        unknown_calls.append(meter.take(seconds))

    def report(label: str, calls: list[Usage]) -> None:
        rcu = [u.total_rcu for u in calls]
        wcu = [u.total_wcu for u in calls]
        requests = [sum(u.requests.values()) for u in calls]
        figures.line(f"  {label}: RCU per call {rcu}, WCU per call {wcu}")
        figures.line(f"  {label}: last call's requests: {calls[-1].breakdown()}")
        latency = statistics.median(u.seconds for u in calls) * 1000
        figures.line(
            f"  {label}: median latency {latency:.0f} ms (in process, DynamoDB Local, mail to the sink)"
        )
        unreported = sum((u.unreported for u in calls), Counter())
        if unreported:
            figures.line(f"  {label}: DynamoDB Local returned no ConsumedCapacity for {dict(unreported)}")
        figures.summary(
            f"capacity {label}: {sum(rcu) / len(calls):.1f} RCU + {sum(wcu) / len(calls):.1f} WCU per call "
            f"({sum(requests) / len(calls):.1f} DynamoDB requests, mean of {len(calls)})"
        )

    report("POST /api/auth/code (a member)", code_calls)
    report("POST /api/auth/token", token_calls)
    report("POST /api/auth/code (unknown address)", unknown_calls)
