"""Scheduled: the day-before reminder mail of events and trainings (infra/schedules.json says when)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from chalice import Blueprint

from chalicelib.bootstrap import container

bp = Blueprint(__name__)


@bp.lambda_function(name="event_reminders")
def send_reminders(event: dict[str, Any], context: Any) -> dict[str, int]:
    return {"reminded": container().events.send_reminders(datetime.now(UTC))}
