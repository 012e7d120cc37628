"""Benchmarks (`make bench` = `pytest -q -s tests/bench`): each prints its figures, nothing is
asserted about time. The figures are also repeated, one line each, at the end of the run.
"""

from __future__ import annotations

from typing import Any

import pytest

# The seeded small union on the test's table (the capacity benchmark signs its members in).
from tests.integration.conftest import seeded_items, union  # noqa: F401

_FIGURES: list[str] = []
FIRST = "tests/bench/test_bench_import.py"


class Figures:
    """Print a figure now (visible with -s) and keep it for the end-of-run summary."""

    def line(self, text: str) -> None:
        print(text, flush=True)

    def summary(self, text: str) -> None:
        print(text, flush=True)
        _FIGURES.append(text)


@pytest.fixture
def figures() -> Figures:
    return Figures()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The import timing goes first, before the session's DynamoDB Local JVM is running."""
    items.sort(key=lambda item: 0 if item.nodeid.startswith(FIRST) else 1)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _FIGURES:
        terminalreporter.section("benchmark figures")
        for text in _FIGURES:
            terminalreporter.write_line(text)
