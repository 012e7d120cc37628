"""The dev stack's scheduler: its reading of the cron entries, its timing, and running a function
through the app's handler map (`make remind`)."""

from __future__ import annotations

import threading
import time as clock
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from chalice import Chalice

from devstack import lambda_routing, run_function
from devstack.scheduler import Every, LocalScheduler, UnsupportedSchedule, daily, planned
from infra import schedules
from infra.schedules import Schedule

HELSINKI = ZoneInfo("Europe/Helsinki")


def entry(expression: str, zone: str = "Europe/Helsinki") -> Schedule:
    return Schedule("event_reminders", expression, zone, "test")


def test_the_real_schedules_all_run_locally() -> None:
    for schedule in schedules.load():
        found = planned(schedule)
        assert isinstance(found, Every) or found.zone == ZoneInfo(schedule.timezone)
    assert daily(entry("cron(0 16 * * ? *)")).at == time(16, 0)


@pytest.mark.parametrize(
    ("expression", "step"),
    [
        ("rate(1 minute)", timedelta(minutes=1)),
        ("rate(5 minutes)", timedelta(minutes=5)),
        ("rate(2 hours)", timedelta(hours=2)),
    ],
)
def test_a_rate_runs_every_interval(expression: str, step: timedelta) -> None:
    every = planned(entry(expression))
    now = datetime(2026, 1, 15, 14, 0, tzinfo=UTC)
    assert isinstance(every, Every) and every.next_run(now) == now + step


@pytest.mark.parametrize(
    ("after", "expected"),
    [
        # winter (UTC+2): 16:00 in Helsinki is 14:00 UTC
        (datetime(2026, 1, 15, 13, 59, tzinfo=UTC), datetime(2026, 1, 15, 14, 0, tzinfo=UTC)),
        (datetime(2026, 1, 15, 14, 0, tzinfo=UTC), datetime(2026, 1, 16, 14, 0, tzinfo=UTC)),
        # summer (UTC+3): 13:00 UTC
        (datetime(2026, 7, 1, 9, 0, tzinfo=UTC), datetime(2026, 7, 1, 13, 0, tzinfo=UTC)),
        # the day the clocks go forward (29 March 2026) and back (25 October 2026)
        (datetime(2026, 3, 28, 15, 0, tzinfo=UTC), datetime(2026, 3, 29, 13, 0, tzinfo=UTC)),
        (datetime(2026, 10, 24, 14, 0, tzinfo=UTC), datetime(2026, 10, 25, 14, 0, tzinfo=UTC)),
        # late in the evening in Helsinki is already the next day there
        (datetime(2026, 1, 15, 22, 30, tzinfo=UTC), datetime(2026, 1, 16, 14, 0, tzinfo=UTC)),
    ],
)
def test_next_run_is_at_the_wall_clock_time_in_the_zone(after: datetime, expected: datetime) -> None:
    assert daily(entry("cron(0 16 * * ? *)")).next_run(after) == expected
    assert expected.astimezone(HELSINKI).time() == time(16, 0)


def test_five_fields_and_other_zones_read_the_same() -> None:
    utc = daily(entry("cron(30 3 * * ?)", "UTC"))
    assert utc.next_run(datetime(2026, 5, 1, 4, 0, tzinfo=UTC)) == datetime(2026, 5, 2, 3, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "expression",
    [
        "rate(1 day)",
        "cron(0 16 ? * MON-FRI *)",
        "cron(0 16 1 * ? *)",
        "cron(0/15 * * * ? *)",
        "cron(0 8,16 * * ? *)",
        "cron(0 16 * JAN ? *)",
        "cron(0 16 * * ? 2027)",
        "cron(0 24 * * ? *)",
        "cron(0 16 * *)",
    ],
)
def test_other_forms_are_refused_loudly(expression: str) -> None:
    with pytest.raises(UnsupportedSchedule, match="event_reminders"):
        planned(entry(expression))


def test_the_scheduler_refuses_an_unsupported_entry_at_construction() -> None:
    with pytest.raises(UnsupportedSchedule):
        LocalScheduler([entry("rate(1 day)")])


def test_the_scheduler_runs_a_due_function_once_and_stops_at_once() -> None:
    target = datetime(2026, 1, 15, 14, 0, tzinfo=UTC)  # 16:00 in Helsinki
    offset = target - datetime.now(UTC) - timedelta(seconds=0.2)  # due in 0.2 s
    ran: list[str] = []
    done = threading.Event()

    def run(name: str) -> object:
        ran.append(name)
        done.set()
        return {"reminded": 2}

    scheduler = LocalScheduler([entry("cron(0 16 * * ? *)")], run, lambda: datetime.now(UTC) + offset)
    assert [when for when, _ in scheduler.plan()] == [target]
    scheduler.start()
    try:
        assert done.wait(5)
        clock.sleep(0.3)
        assert ran == ["event_reminders"]
        assert [when for when, _ in scheduler.plan()] == [target + timedelta(days=1)]
    finally:
        began = clock.monotonic()
        scheduler.stop()
    assert clock.monotonic() - began < 1


def test_a_failing_run_does_not_end_the_scheduler() -> None:
    offset = datetime(2026, 1, 15, 14, 0, tzinfo=UTC) - datetime.now(UTC) - timedelta(seconds=0.1)
    calls = threading.Semaphore(0)

    def boom(name: str) -> object:
        calls.release()
        raise RuntimeError("table gone")

    scheduler = LocalScheduler([entry("cron(0 16 * * ? *)")], boom, lambda: datetime.now(UTC) + offset)
    scheduler.start()
    try:
        assert calls.acquire(timeout=5)
        clock.sleep(0.1)
        assert scheduler._thread.is_alive()
    finally:
        scheduler.stop()


@pytest.fixture
def tiny_app(monkeypatch: pytest.MonkeyPatch) -> Chalice:
    app = Chalice("tiny")

    @app.lambda_function(name="event_reminders")
    def reminders(event: dict, context: object) -> dict:
        return {"reminded": 3, "function": context.function_name, "event": event}  # type: ignore[attr-defined]

    @app.lambda_function(name="broken")
    def broken(event: dict, context: object) -> dict:
        raise RuntimeError("no table")

    monkeypatch.setattr(lambda_routing, "resolve_app", lambda: app)
    return app


def test_make_remind_runs_the_function_now(tiny_app: Chalice, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_function.main(["event_reminders"]) == 0
    assert capsys.readouterr().out.strip() == (
        '{"reminded": 3, "function": "union-portal-local-event_reminders", "event": {}}'
    )


def test_a_failing_or_unknown_function_fails_the_command(
    tiny_app: Chalice, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_function.main(["broken", '{"x": 1}']) == 1
    assert '"errorType": "RuntimeError"' in capsys.readouterr().out
    assert run_function.main(["nothing_such"]) == 2
    assert "nothing_such" in capsys.readouterr().err
