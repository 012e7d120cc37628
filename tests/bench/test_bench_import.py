"""Cold import of the API module (what a Lambda cold start pays before the first request) against
the SDKs it cannot do without, each in a fresh interpreter, best of 5, in the same run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.bench.conftest import Figures

ROOT = Path(__file__).resolve().parents[2]
RUNS = 5
TARGET_RATIO = 1.3
API = "app"
BASELINE = "chalice, boto3, pynamodb"
TIMED = "import time; t = time.perf_counter(); import {modules}; print(time.perf_counter() - t)"
FIRST_PARTY = {"app", "chalicelib", "functions"}
IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def timed_import(modules: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", TIMED.format(modules=modules)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return float(done.stdout.strip().splitlines()[-1])


def heaviest_packages(module: str, count: int = 6) -> list[tuple[str, float]]:
    """Third-party packages by cumulative import time inside `import module` (-X importtime)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    subtree: list[tuple[str, float]] = []
    block: list[tuple[str, float]] = []
    for match in IMPORTTIME.finditer(done.stderr):
        _self_us, cumulative_us, indent, name = match.groups()
        if len(indent) == 1:  # a top-level import: the lines before it were its subtree
            if name == module:
                subtree = block
            block = []
        else:
            block.append((name, int(cumulative_us) / 1e6))
    packages: dict[str, float] = {}
    for name, seconds in subtree:
        if "." not in name and name not in FIRST_PARTY:
            packages[name] = max(packages.get(name, 0.0), seconds)
    return sorted(packages.items(), key=lambda item: -item[1])[:count]


WATCHED = (
    "boto3",
    "botocore",
    "pynamodb",
    "jsonschema",
    "schwifty",
    "phonenumbers",
    "email_validator",
    "aws_lambda_powertools",
    "jwt",
    "jinja2",
    "babel",
    "openpyxl",
    "stripe",
)


def loaded_by(module: str) -> tuple[list[str], list[str]]:
    """Which of the WATCHED packages `import module` loads, and which it leaves for later."""
    probe = f"import sys, {module}; print(' '.join(m for m in {WATCHED!r} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    loaded = done.stdout.split()
    return loaded, [m for m in WATCHED if m not in loaded]


def test_cold_import_of_the_api_module(figures: Figures) -> None:
    api_runs: list[float] = []
    baseline_runs: list[float] = []
    for _ in range(RUNS):  # interleaved, so a busy moment hurts both alike
        baseline_runs.append(timed_import(BASELINE))
        api_runs.append(timed_import(API))
    api, baseline = min(api_runs), min(baseline_runs)
    ratio = api / baseline
    figures.line(f"  import {API}: " + ", ".join(f"{t * 1000:.0f}" for t in api_runs) + " ms")
    figures.line(f"  import {BASELINE}: " + ", ".join(f"{t * 1000:.0f}" for t in baseline_runs) + " ms")
    heavy = ", ".join(f"{name} {seconds * 1000:.0f}" for name, seconds in heaviest_packages(API))
    figures.line(f"  heaviest packages under `import {API}` (cumulative ms, one run): {heavy}")
    loaded, deferred = loaded_by(API)
    figures.line(f"  `import {API}` loads: {', '.join(loaded)}; leaves for later: {', '.join(deferred)}")
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    figures.summary(
        f"cold import: `import {API}` {api * 1000:.0f} ms vs `import {BASELINE}` "
        f"{baseline * 1000:.0f} ms (best of {RUNS}) = {ratio:.2f}x, {verdict} the {TARGET_RATIO}x target"
    )
