"""Training enrolments that the member's branch officer approves, and the officer's decision."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from chalicelib.domain.applications import Decision
from chalicelib.domain.errors import AlreadyDecided, DecisionExpired, InvalidInput, InvalidTransition, Msg


class EnrolmentStatus(StrEnum):
    SUBMITTED = "submitted"  # the workflow is checking it
    PENDING = "pending"  # waiting for the branch officer
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"  # the member cancelled before the decision


OPEN = frozenset({EnrolmentStatus.SUBMITTED, EnrolmentStatus.PENDING})


@dataclass(frozen=True)
class Enrolment:
    id: str
    training_id: str
    member_id: str
    branch_id: str
    first_name: str
    last_name: str
    requested_at: datetime
    status: EnrolmentStatus = EnrolmentStatus.SUBMITTED
    task_token: str | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    reason: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def decide(self, decision: Decision, reason: str | None, officer_id: str, at: datetime) -> Enrolment:
        """The officer's decision; refuses a second one, or one after the enrolment expired."""
        if self.status is EnrolmentStatus.EXPIRED:
            raise DecisionExpired("this enrolment expired before a decision was made")
        if self.status is EnrolmentStatus.WITHDRAWN:
            raise InvalidTransition("the member withdrew this enrolment")
        if self.status is not EnrolmentStatus.PENDING:
            raise AlreadyDecided(
                Msg("this enrolment was already decided: it is {status}", status=self.status.value)
            )
        if decision is Decision.REJECT and not (reason or "").strip():
            raise InvalidInput.on("reason", "a rejection needs a reason the member will read")
        status = EnrolmentStatus.APPROVED if decision is Decision.APPROVE else EnrolmentStatus.REJECTED
        return replace(self, status=status, decided_by=officer_id, decided_at=at, reason=reason)
