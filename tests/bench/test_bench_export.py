"""Export of 20,000 participants against DynamoDB Local: seconds and peak memory of the CSV and XLSX
exports (the service: the manager check, the store's iter_participants, the writer, the audit
entry) as a ratio to a bare query of the same items in the same run. Targets: at most 2x the time,
peak memory under 100 MB. Nothing is asserted about time.

The registrations are written straight onto the table with batch writes (registering 20,000
members through the API would take an hour on DynamoDB Local). The inline limit is raised so that
the figures are the export's own, not moto's S3 upload. Wall-clock time on a shared machine is
noisy, so the CPU seconds of this process (botocore's parsing, PynamoDB, the writers; DynamoDB
Local's JVM is another process) are printed beside it: on AWS, where the query itself is quick,
the ratio moves towards the CPU one.
"""

from __future__ import annotations

import gc
import threading
import time
import tracemalloc
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.adapters.dynamo import keys
from chalicelib.adapters.dynamo.participants import to_item
from chalicelib.domain.events import ACTIVE_STATUSES, EventKind, Participant, RegistrationStatus
from chalicelib.domain.exports import ExportFormat
from chalicelib.domain.roles import Principal, Role, RoleGrant
from chalicelib.services.exports import ExportRequest
from tests.bench.conftest import Figures

PARTICIPANTS = 20_000
CONFIRMED = 15_000
RUNS = 3
TARGET_TIME_RATIO = 2.0
TARGET_PEAK_MB = 100
ORGANIZER = Principal("demo-organizer", "bench", (RoleGrant(Role.ORGANIZER),))
QUESTIONS = {
    "type": "object",
    "properties": {
        "diet": {"type": "string", "title": "Diet", "maxLength": 500},
        "sessions": {
            "type": "array",
            "title": "Sessions",
            "items": {"enum": ["am", "pm"]},
            "uniqueItems": True,
        },
        "sauna": {"type": "boolean", "title": "Sauna"},
        "guests": {"type": "integer", "title": "Guests", "minimum": 0, "maximum": 5},
    },
}
FIRST = ["Aino", "Eino", "Helmi", "Väinö", "Sofia", "Oliver", '=HYPERLINK("x")', "Åsa"]
LAST = ["Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Lindqvist", "Heikkinen"]


def participant(event_id: str, n: int, registered: datetime) -> Participant:
    waiting = n >= CONFIRMED
    return Participant(
        member_id=f"bench-{n:05d}",
        first_name=FIRST[n % len(FIRST)],
        last_name=f"{LAST[n % len(LAST)]}-{n}",
        email=f"member{n:05d}@example.org",
        status=RegistrationStatus.WAITING if waiting else RegistrationStatus.CONFIRMED,
        position=None,
        answers={
            "diet": "vegan, no nuts" if n % 3 else "-",
            "sessions": ["am", "pm"][: n % 3],
            "sauna": n % 2 == 0,
            "guests": n % 4,
        },
        registered_at=registered + timedelta(milliseconds=n),
        event_id=event_id,
        ticket=f"{n:012d}" if waiting else None,
        shard=None if waiting else n % 4,
    )


def write_participants(client: Any, table: str, event_id: str) -> float:
    """The registration items, 25 per BatchWriteItem, on four threads; seconds taken."""
    registered = datetime.now(UTC) - timedelta(days=1)
    items = [to_item(participant(event_id, n, registered)).serialize() for n in range(PARTICIPANTS)]
    batches = [items[i : i + 25] for i in range(0, len(items), 25)]

    def put(batch: list[dict]) -> None:
        pending = {table: [{"PutRequest": {"Item": item}} for item in batch]}
        while pending:
            pending = client.batch_write_item(RequestItems=pending).get("UnprocessedItems") or {}

    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(put, batches))
    return time.perf_counter() - began


def bare_query(client: Any, table: str, event_id: str) -> int:
    """The same items read as plainly as DynamoDB allows: the index, page after page, no models."""
    count = 0
    for status in sorted(ACTIVE_STATUSES):
        pages = client.get_paginator("query").paginate(
            TableName=table,
            IndexName="gsi1",
            KeyConditionExpression="gsi1pk = :k",
            ExpressionAttributeValues={":k": {"S": keys.participants(event_id, status.value)}},
        )
        count += sum(len(page["Items"]) for page in pages)
    return count


def store_iteration(event_id: str) -> int:
    """The store's own iter_participants, alone (what the export adds to the query is the rest)."""
    statuses = sorted(ACTIVE_STATUSES)
    return sum(1 for _ in bootstrap.container().store.events.iter_participants(event_id, statuses))


def export(event_id: str, fmt: ExportFormat) -> int:
    request = ExportRequest(event_id, EventKind.EVENT, fmt, language="en")
    result = bootstrap.container().participant_exports.export(ORGANIZER, request)
    assert result.rows == PARTICIPANTS and result.content is not None
    return len(result.content)


def timed(work: Callable[[], Any]) -> tuple[float, float, float, Any]:
    """Seconds, this process' CPU seconds, resident memory growth (MB) and the work's value."""
    gc.collect()
    with RssSampler() as rss:
        began, cpu = time.perf_counter(), time.process_time()
        value = work()
        took, cpu = time.perf_counter() - began, time.process_time() - cpu
    return took, cpu, rss.growth_mb, value


def traced_peak_mb(work: Callable[[], Any]) -> float:
    """Peak of Python allocations during the work (tracemalloc), in MB."""
    gc.collect()
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


class RssSampler:
    """The process' resident memory, sampled on a thread while the work runs: how far it rose."""

    def __init__(self) -> None:
        self.start = self.peak = _rss_kb()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._done.wait(0.01):
            self.peak = max(self.peak, _rss_kb())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / 1024


def _rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


@pytest.fixture
def big_event(
    union: list[str],
    app_env: dict[str, str],
    dynamodb_client: Any,
    monkeypatch: pytest.MonkeyPatch,
    figures: Figures,
) -> str:
    monkeypatch.setenv("EXPORT_INLINE_LIMIT_BYTES", str(200_000_000))
    bootstrap.reset()
    start = datetime.now(UTC) + timedelta(days=30)
    body = {
        "title": {"fi": "Jäsenristeily", "sv": "Medlemskryssning", "en": "Members' cruise"},
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=22)).isoformat(),
        "capacity": CONFIRMED,
        "questions": QUESTIONS,
    }
    event_id = str(bootstrap.container().events.create(ORGANIZER, EventKind.EVENT, body).event.id)
    seconds = write_participants(dynamodb_client, app_env["TABLE_NAME"], event_id)
    figures.line(f"  wrote {PARTICIPANTS} registrations with BatchWriteItem in {seconds:.1f} s")
    return event_id


@pytest.mark.timeout(1800)
def test_export_of_20000_participants(
    big_event: str, app_env: dict[str, str], dynamodb_client: Any, figures: Figures
) -> None:
    table = app_env["TABLE_NAME"]
    assert bare_query(dynamodb_client, table, big_event) == PARTICIPANTS
    work: dict[str, Callable[[], Any]] = {
        "bare query": lambda: bare_query(dynamodb_client, table, big_event),
        "iter_participants": lambda: store_iteration(big_event),
        "csv export": lambda: export(big_event, ExportFormat.CSV),
        "xlsx export": lambda: export(big_event, ExportFormat.XLSX),
    }
    seconds: dict[str, list[float]] = {name: [] for name in work}
    cpu: dict[str, list[float]] = {name: [] for name in work}
    rss: dict[str, float] = dict.fromkeys(work, 0.0)
    sizes: dict[str, int] = {}
    for _ in range(RUNS):  # interleaved, so a busy moment hurts all alike
        for name, run in work.items():
            took, used, grew, sizes[name] = timed(run)
            seconds[name].append(took)
            cpu[name].append(used)
            rss[name] = max(rss[name], grew)
    best = {name: min(runs) for name, runs in seconds.items()}
    peaks = {name: traced_peak_mb(work[name]) for name in ("bare query", "csv export", "xlsx export")}

    for name in work:
        runs = ", ".join(f"{t:.2f}" for t in seconds[name])
        used = ", ".join(f"{t:.2f}" for t in cpu[name])
        traced = f"tracemalloc peak {peaks[name]:.1f} MB; " if name in peaks else ""
        figures.line(
            f"  {name}: {runs} s (this process' CPU {used} s); {traced}"
            f"resident memory rose at most {rss[name]:.1f} MB"
        )
    figures.line(
        f"  file sizes: CSV {sizes['csv export'] / 1e6:.2f} MB, XLSX {sizes['xlsx export'] / 1e6:.2f} MB"
    )
    least_cpu = {name: min(runs) for name, runs in cpu.items()}
    for fmt in ("csv", "xlsx"):
        name = f"{fmt} export"
        ratio = best[name] / best["bare query"]
        cpu_ratio = least_cpu[name] / least_cpu["bare query"]
        time_verdict = "within" if ratio <= TARGET_TIME_RATIO else "OVER"
        memory_verdict = "within" if max(peaks[name], rss[name]) < TARGET_PEAK_MB else "OVER"
        figures.summary(
            f"{fmt.upper()} export of {PARTICIPANTS} participants: {best[name]:.2f} s vs bare query "
            f"{best['bare query']:.2f} s = {ratio:.2f}x ({time_verdict} the {TARGET_TIME_RATIO:g}x target); "
            f"peak {peaks[name]:.1f} MB traced, RSS +{rss[name]:.1f} MB ({memory_verdict} {TARGET_PEAK_MB} MB); "
            f"iter_participants alone {best['iter_participants'] / best['bare query']:.2f}x; "
            f"in this process' CPU (DynamoDB Local's JVM left out) the export is {cpu_ratio:.2f}x, "
            f"iter_participants {least_cpu['iter_participants'] / least_cpu['bare query']:.2f}x"
        )
