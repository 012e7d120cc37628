"""Step Functions task of the event cancellation workflow (infra/statemachines/event-cancellation)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.bootstrap import container

tasks = Blueprint(__name__)


@tasks.lambda_function(name="event_cancellation_mail")
def tell_participants(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return {"told": container().events.tell_cancellation(event["event_id"])}
