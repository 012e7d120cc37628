"""CPU seconds spent by this process (all its threads: the app, the mail sink, moto) and by DynamoDB
Local's JVM while a piece of work runs: on a machine of two cores the ratios of the throughput
benchmarks are bounded by where the CPU goes, and this says where."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

TICKS = os.sysconf("SC_CLK_TCK")


def _jvm_seconds(pid: int | None) -> float:
    """utime + stime of the process and its reaped children, from /proc (0 if unknown)."""
    if pid is None:
        return 0.0
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: SIM115
    except OSError:
        return 0.0
    return sum(int(v) for v in fields[11:15]) / TICKS


@dataclass(frozen=True)
class CpuUse:
    seconds: float
    app_cpu: float
    database_cpu: float
    n: int

    @property
    def per_item_ms(self) -> tuple[float, float]:
        return self.app_cpu / self.n * 1000, self.database_cpu / self.n * 1000

    def describe(self) -> str:
        app, db = self.per_item_ms
        return f"{app:.1f} ms in this process + {db:.1f} ms in DynamoDB Local = {app + db:.1f} ms CPU each"


def measured(database_pid: int | None, n: int, work: Callable[[], Any]) -> tuple[CpuUse, Any]:
    began, cpu, jvm = time.perf_counter(), time.process_time(), _jvm_seconds(database_pid)
    value = work()
    use = CpuUse(time.perf_counter() - began, time.process_time() - cpu, _jvm_seconds(database_pid) - jvm, n)
    return use, value
