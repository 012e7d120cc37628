"""What a state machine's Catch hands to its failure task (`ResultPath: $.failure`), as one line."""

from __future__ import annotations

from typing import Any


def caught_error(event: dict[str, Any]) -> str:
    failure = event.get("failure") or {}
    return f"{failure.get('Error', 'unknown')}: {failure.get('Cause', '')}"
