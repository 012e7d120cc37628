"""Telling the participants that an event is cancelled happens outside the organizer's request: a
members' cruise may have thousands of them, more mail than one API request may take time to send.
The cancellation starts infra/statemachines/event-cancellation, whose task mails each of them."""

from __future__ import annotations

import uuid

from chalicelib.domain.events import Event
from chalicelib.observability import logger
from chalicelib.services.ports import Workflows


class WorkflowAnnouncer:
    def __init__(self, workflows: Workflows, state_machine_arn: str) -> None:
        self._workflows = workflows
        self._arn = state_machine_arn

    def announce(self, event: Event) -> None:
        """Start the mailing; the cancellation stands even when the workflow cannot be started."""
        name = f"event-{event.id}-cancelled-{uuid.uuid4().hex[:8]}"
        try:
            self._workflows.start(self._arn, name, {"event_id": event.id})
        except Exception:
            logger.exception("participants not told of a cancellation", extra={"event_id": event.id})
