"""Step Functions tasks of the election closing workflow (infra/statemachines/election-closing), and
the clock that opens and closes elections at their times (infra/schedules.json)."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from chalice import Blueprint

from chalicelib.bootstrap import container
from functions.failures import caught_error

tasks = Blueprint(__name__)


@tasks.lambda_function(name="election_close")
def close(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().election_closing.close_task(event["election_id"])


@tasks.lambda_function(name="election_freeze")
def freeze(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().election_closing.freeze(event["election_id"])


@tasks.lambda_function(name="election_count")
def count(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().election_closing.count(event["election_id"])


@tasks.lambda_function(name="election_await_approval")
def await_approval(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().election_closing.await_approval(event["election_id"], event["task_token"])
    return {"waiting": True}


@tasks.lambda_function(name="election_publish")
def publish(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().election_closing.confirm_published(event["election_id"])


@tasks.lambda_function(name="election_closing_failed")
def closing_failed(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().election_closing.record_failure(event["election_id"], caught_error(event))
    return {"recorded": True}


@tasks.lambda_function(name="elections_clock")
def clock(event: dict[str, Any], context: Any) -> dict[str, Any]:
    c = container()
    opened = c.election_opening.open_due(datetime.now(UTC))
    closed = c.election_closing.close_due(time.time())
    return {"opened": opened, "closed": closed}
