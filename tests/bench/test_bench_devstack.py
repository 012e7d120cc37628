"""`make dev` on a warm machine: `python -m devstack` until /api/health answers, then Ctrl-C.

Free ports and a temporary state dir keep it apart from a developer's own stack. The first start
creates the state (table, secrets; DEVSTACK_SEED=0 skips the ~30 s demo seeding), the second is
what every later `make dev` looks like. After SIGINT nothing it started may be left: no JVM, no
process, no port still listening.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from devstack.ports import LOOPBACK, free_port, port_in_use
from tests.bench.conftest import Figures

ROOT = Path(__file__).resolve().parents[2]
PORT_NAMES = ("PORT", "DYNAMODB_PORT", "MOTO_PORT", "SMTP_PORT")
HEALTH_TIMEOUT = 120.0
STOP_TIMEOUT = 30.0
PORTS_TAKEN_EXIT = 1  # devstack exits 1 at once when a port is taken
READY_IN = re.compile(r"ready in ([\d.]+) s")


@dataclass
class Start:
    seconds: float
    own_figure: str
    descendants: dict[int, str]


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def descendants(pid: int) -> dict[int, str]:
    tree, found, todo = _children(), {}, [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            found[child] = _cmdline(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return bool(answer.status == 200)
    except OSError:
        return False


def start_until_healthy(env: dict[str, str], log: Path) -> Start:
    """Start the dev stack, time it to a healthy /api/health, Ctrl-C it, check it left nothing."""
    url = f"http://{LOOPBACK}:{env['PORT']}/api/health"
    with log.open("w") as out:
        began = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "devstack"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
        try:
            while not healthy(url):
                if process.poll() is not None:
                    pytest.fail(f"devstack exited with {process.returncode}:\n{log.read_text()}")
                if time.perf_counter() - began > HEALTH_TIMEOUT:
                    pytest.fail(f"{url} did not answer within {HEALTH_TIMEOUT:.0f} s:\n{log.read_text()}")
                time.sleep(0.05)
            seconds = time.perf_counter() - began
            deadline = time.monotonic() + 10  # the banner follows the first healthy answer
            while not (own := READY_IN.search(log.read_text())) and time.monotonic() < deadline:
                time.sleep(0.05)
            children = descendants(process.pid)
            process.send_signal(signal.SIGINT)
            assert process.wait(STOP_TIMEOUT) == 0, log.read_text()
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
    left = {pid: cmd for pid, cmd in children.items() if alive(pid)}
    assert not left, f"left running after Ctrl-C: {left}"
    taken = [f"{name}={env[name]}" for name in PORT_NAMES if port_in_use(int(env[name]))]
    assert not taken, f"still listening after Ctrl-C: {taken}"
    return Start(seconds, own.group(1) if own else "?", children)


def _environment(state: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in PORT_NAMES}
    env.update({name: str(free_port()) for name in PORT_NAMES})
    env.update({"DEVSTACK_STATE_DIR": str(state), "DEVSTACK_SEED": "0", "PYTHONUNBUFFERED": "1"})
    return env


def test_make_dev_until_health_answers(tmp_path: Path, figures: Figures) -> None:
    state = tmp_path / "state"
    starts: list[Start] = []
    for n in range(2):
        for attempt in range(3):  # a free port can be taken between picking it and binding it
            env = _environment(state)
            try:
                starts.append(start_until_healthy(env, tmp_path / f"devstack-{n}-{attempt}.log"))
                break
            except pytest.fail.Exception:
                if "ports already in use" not in (tmp_path / f"devstack-{n}-{attempt}.log").read_text():
                    raise
    first, warm = starts
    java = [cmd for cmd in warm.descendants.values() if cmd.startswith("java")]
    assert java, f"no JVM among the dev stack's children: {warm.descendants}"
    figures.line(
        f"  first start (empty state dir): {first.seconds:.1f} s (devstack says {first.own_figure} s)"
    )
    figures.line(
        f"  children stopped by Ctrl-C: {len(warm.descendants)} "
        f"({', '.join(cmd.split()[0] for cmd in warm.descendants.values())}); none left, ports free"
    )
    figures.summary(
        f"make dev (warm machine, existing state, no seeding): /api/health answered after "
        f"{warm.seconds:.1f} s (devstack says {warm.own_figure} s); Ctrl-C left no JVM or process"
    )
