"""The dev stack's stand-in for EventBridge Scheduler: runs the functions of infra/schedules.json
at their times, in their timezones, through the same handler map moto's Lambda uses.

Only what the schedules need is understood: a daily `cron(M H * * ? *)` (day-of-week `*`/`?`,
year `*` or left out) and `rate(N minute[s]|hour[s])`. Anything else is refused when the stack
starts, never silently skipped.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from devstack import lambda_routing
from infra import naming
from infra.schedules import Schedule

log = logging.getLogger(__name__)
CRON = re.compile(r"cron\((.*)\)")
RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours)\)")
ANY = ("*", "?")


class UnsupportedSchedule(ValueError):
    """A schedule expression the local scheduler cannot run faithfully."""


@dataclass(frozen=True)
class Daily:
    """At hour:minute every day, wall-clock time in `zone`."""

    function: str
    at: time
    zone: ZoneInfo

    def next_run(self, after: datetime) -> datetime:
        """The first run strictly after `after` (aware), in UTC."""
        day = after.astimezone(self.zone).date()
        while (run := self._on(day)) <= after:
            day += timedelta(days=1)
        return run

    def _on(self, day: date) -> datetime:
        # Through UTC and back: a wall time that falls in a DST gap moves forward, as AWS does.
        wall = datetime.combine(day, self.at, tzinfo=self.zone)
        return wall.astimezone(UTC)


@dataclass(frozen=True)
class Every:
    """Every `interval`, counted from when the stack started (as a rate schedule counts from its
    creation)."""

    function: str
    interval: timedelta

    def next_run(self, after: datetime) -> datetime:
        return after + self.interval


def planned(schedule: Schedule) -> Daily | Every:
    """How the local scheduler runs a schedule; UnsupportedSchedule for what it cannot."""
    rate = RATE.fullmatch(schedule.schedule.strip())
    if rate is None:
        return daily(schedule)
    count, unit = int(rate.group(1)), rate.group(2)
    if count < 1:
        raise UnsupportedSchedule(f"{schedule.function}: a rate must be at least 1")
    step = timedelta(minutes=count) if unit.startswith("minute") else timedelta(hours=count)
    return Every(schedule.function, step)


def daily(schedule: Schedule) -> Daily:
    """The daily reading of a schedule's cron expression; UnsupportedSchedule for anything else."""
    match = CRON.fullmatch(schedule.schedule.strip())
    fields = match.group(1).split() if match else []
    if len(fields) == 5:
        fields.append("*")
    if len(fields) != 6:
        raise UnsupportedSchedule(f"{schedule.function}: {schedule.schedule!r} is not cron(M H D M W Y)")
    minute, hour, day_of_month, month, day_of_week, year = fields
    if not (minute.isdigit() and hour.isdigit()) or int(minute) > 59 or int(hour) > 23:
        raise UnsupportedSchedule(f"{schedule.function}: only a fixed minute and hour run locally")
    if day_of_month not in ANY or month != "*" or day_of_week not in ANY or year != "*":
        raise UnsupportedSchedule(
            f"{schedule.function}: only daily schedules run locally: {schedule.schedule}"
        )
    return Daily(schedule.function, time(int(hour), int(minute)), ZoneInfo(schedule.timezone))


def run_function(name: str, payload: dict[str, Any] | None = None) -> tuple[bool, Any]:
    """Run one of the app's lambda_functions as Lambda would: (succeeded, JSON result or error)."""
    handler = lambda_routing.find_handler(name, lambda_routing.resolve_app().handler_map)
    if handler is None:
        raise LookupError(f"the app has no lambda_function named {name!r}")
    deployed = naming.deployed_function_name(name, "local")
    context = lambda_routing.LocalLambdaContext(
        deployed, f"arn:aws:lambda:local:000000000000:function:{deployed}"
    )
    headers: dict[str, Any] = {}
    raw = lambda_routing.run_handler(handler, context, json.dumps(payload or {}).encode(), headers)
    return "x-amz-function-error" not in headers, json.loads(raw)


class LocalScheduler:
    """One daemon thread; `stop()` ends it at once, even in the middle of a wait."""

    def __init__(
        self,
        schedules: Sequence[Schedule],
        run: Callable[[str], object] = run_function,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.entries = [planned(s) for s in schedules]  # refuses unsupported forms up front
        self._run, self._clock = run, clock
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="local-scheduler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def plan(self) -> list[tuple[datetime, Daily | Every]]:
        """The next run of each entry, soonest first."""
        now = self._clock()
        return sorted(((e.next_run(now), e) for e in self.entries), key=lambda pair: pair[0])

    def _loop(self) -> None:
        now = self._clock()
        upcoming = {n: entry.next_run(now) for n, entry in enumerate(self.entries)}
        while upcoming and not self._stopped.is_set():
            n = min(upcoming, key=upcoming.__getitem__)
            if self._stopped.wait(max(0.0, (upcoming[n] - self._clock()).total_seconds())):
                return
            if self._clock() < upcoming[n]:
                continue  # woke early (the wall clock moved): wait again, never run twice
            self._fire(self.entries[n])
            # Once per due time, even after the machine slept through several.
            upcoming[n] = self.entries[n].next_run(max(upcoming[n], self._clock()))

    def _fire(self, entry: Daily | Every) -> None:
        try:
            log.info("scheduled %s: %s", entry.function, self._run(entry.function))
        except Exception:  # the next day's run must still happen
            log.exception("scheduled %s failed", entry.function)
