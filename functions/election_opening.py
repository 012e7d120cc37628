"""Step Functions tasks of the election opening workflow (infra/statemachines/election-opening)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.bootstrap import container
from functions.failures import caught_error

tasks = Blueprint(__name__)


@tasks.lambda_function(name="election_freeze_roll")
def freeze_roll(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().election_opening.freeze_roll(event["election_id"])


@tasks.lambda_function(name="election_opening_failed")
def opening_failed(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().election_opening.abandon(event["election_id"], caught_error(event))
    return {"recorded": True}
