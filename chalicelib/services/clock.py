"""Time as the services see it: one place, so rules that depend on the date stay testable."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime


def now_seconds() -> int:
    return int(time.time())


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def today() -> date:
    return datetime.now(UTC).date()


def monotonic() -> float:
    return time.monotonic()


def sleep(seconds: float) -> None:
    time.sleep(seconds)
