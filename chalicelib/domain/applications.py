"""Membership applications and the branch officer's decision on them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from chalicelib.domain.errors import AlreadyDecided, DecisionExpired, InvalidInput, Msg
from chalicelib.domain.members import Language, MembershipCategory


class ApplicationStatus(StrEnum):
    SUBMITTED = "submitted"  # received, the workflow is checking it
    PENDING = "pending"  # waiting for the branch officer's decision
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


OPEN_STATUSES = frozenset({ApplicationStatus.SUBMITTED, ApplicationStatus.PENDING})


@dataclass(frozen=True)
class MembershipApplication:
    id: str
    email: str
    first_name: str
    last_name: str
    branch_id: str
    workplace_id: str | None
    category: MembershipCategory
    language: Language
    phone: str | None
    submitted_at: str
    status: ApplicationStatus = ApplicationStatus.SUBMITTED
    task_token: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None
    member_id: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def decide(
        self, decision: Decision, reason: str | None, officer_id: str, at: str
    ) -> MembershipApplication:
        """The officer's decision; refuses a second decision or one after the application expired."""
        if self.status is ApplicationStatus.EXPIRED:
            raise DecisionExpired("this application expired before a decision was made")
        if self.status is not ApplicationStatus.PENDING:
            raise AlreadyDecided(
                Msg("this application was already decided: it is {status}", status=self.status.value)
            )
        if decision is Decision.REJECT and not (reason or "").strip():
            raise InvalidInput.on("reason", "a rejection needs a reason the applicant will read")
        status = ApplicationStatus.APPROVED if decision is Decision.APPROVE else ApplicationStatus.REJECTED
        return replace(self, status=status, decided_by=officer_id, decided_at=at, reason=reason)
