"""Training enrolments the member's branch officer approves: the request, the officer's decision,
and the tasks of the training-enrolment workflow (infra/statemachines/training-enrolment)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Any

from chalicelib.domain.applications import Decision
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.enrolments import Enrolment, EnrolmentStatus
from chalicelib.domain.errors import (
    ConcurrentChange,
    DecisionExpired,
    DomainError,
    InvalidTransition,
    Msg,
    NotFound,
)
from chalicelib.domain.events import Event, EventKind, Participant, RegistrationStatus
from chalicelib.domain.members import MemberStatus
from chalicelib.domain.roles import Principal, Role
from chalicelib.observability import logger, metrics
from chalicelib.services.event_mail import EventMail
from chalicelib.services.events import EventService
from chalicelib.services.ports import Store, Workflows

SYSTEM = "system:training-enrolment"
S = RegistrationStatus


@dataclass(frozen=True)
class PendingEnrolment:
    enrolment: Enrolment
    training: Event
    answers: dict[str, Any]


def _target(e: Enrolment) -> str:
    return f"enrolment:{e.training_id}:{e.member_id}"


class TrainingService:
    def __init__(
        self,
        store: Store,
        events: EventService,
        workflows: Workflows,
        mail: EventMail,
        state_machine_arn: str,
    ) -> None:
        self._store = store
        self._events = events
        self._workflows = workflows
        self._mail = mail
        self._arn = state_machine_arn

    def completed(self, member_id: str) -> dict[str, str]:
        """training id -> certificate code of the trainings the member has completed."""
        return self._store.trainings.completed_trainings(member_id)

    # --- the member -----------------------------------------------------------------------------
    def request_enrolment(self, training: Event, p: Participant) -> Participant:
        """Hold the registration pending and start the approval workflow."""
        enrolment = Enrolment(
            id=uuid.uuid4().hex,
            training_id=training.id,
            member_id=p.member_id,
            branch_id=p.branch_id or "",
            first_name=p.first_name,
            last_name=p.last_name,
            requested_at=p.registered_at,
        )
        pending = replace(p, status=S.PENDING_APPROVAL, enrolment_id=enrolment.id)
        self._store.registrations.request(pending, self._store.trainings.new_enrolment_writes(enrolment))
        try:
            self._workflows.start(self._arn, enrolment.id, {"enrolment_id": enrolment.id})
        except DomainError:
            self.withdraw(pending, replace(pending, status=S.CANCELLED))
            raise
        return pending

    def withdraw(self, p: Participant, cancelled: Participant) -> None:
        """The member cancels an enrolment still waiting for the decision."""
        enrolment = self._enrolment_of(p)
        extra = None
        if enrolment is not None and enrolment.is_open:
            withdrawn = replace(enrolment, status=EnrolmentStatus.WITHDRAWN)
            extra = self._store.trainings.enrolment_move_writes(enrolment, withdrawn)
        self._store.registrations.leave(p, cancelled, extra)

    # --- the branch officer ---------------------------------------------------------------------
    def pending(self, who: Principal) -> list[PendingEnrolment]:
        """Enrolments waiting for a decision in the branches the caller is an officer of."""
        who.require_any({Role.BRANCH_OFFICER, Role.ADMIN})
        if who.has(Role.ADMIN):
            branches = [b.id for b in self._store.organisation.load().branches]
        else:
            branches = sorted(who.officer_branches)
        found = [e for b in branches for e in self._store.trainings.pending_enrolments(b)]
        trainings = self._store.events.get_many([e.training_id for e in found])
        result = []
        for e in sorted(found, key=lambda e: e.requested_at):
            p = self._store.events.registration(e.training_id, e.member_id)
            if e.training_id in trainings:
                result.append(PendingEnrolment(e, trainings[e.training_id], p.answers if p else {}))
        return result

    def decide(
        self, who: Principal, training_id: str, member_id: str, decision: Decision, reason: str | None
    ) -> Participant:
        """Record the decision (once, audited) and hand it to the workflow."""
        self._events.get_event(training_id, EventKind.TRAINING)
        p = self._store.events.registration(training_id, member_id)
        enrolment = self._enrolment_of(p) if p else None
        if p is None or enrolment is None:
            raise NotFound("no such enrolment")
        who.require_officer_of(enrolment.branch_id)
        decided = enrolment.decide(decision, reason, who.member_id, self._events.now())
        before, after = {"status": enrolment.status.value}, {"status": decided.status.value, "reason": reason}
        record = AuditRecord(
            who.member_id, f"enrolment.{decided.status.value}", _target(enrolment), before, after
        )
        self._store.trainings.move_enrolment(enrolment, decided, [record])
        try:
            self._workflows.resume(
                enrolment.task_token or "", {"decision": decision.value, "reason": reason or ""}
            )
        except DecisionExpired:
            self._expire(decided)
            raise
        metrics.add_metric(name="TrainingEnrolmentsDecided", unit="Count", value=1)
        return self._store.events.registration(training_id, member_id) or p

    # --- the workflow's tasks -------------------------------------------------------------------
    def check(self, enrolment_id: str) -> dict[str, Any]:
        """Task: can this enrolment still be decided on?"""
        enrolment = self._store.trainings.enrolment(enrolment_id)
        if enrolment is None or not enrolment.is_open:
            return {"valid": False, "reason": "the enrolment is no longer open"}
        training = self._store.events.get(enrolment.training_id)
        if training is None or training.is_cancelled:
            return {"valid": False, "reason": "the training is cancelled"}
        return {"valid": True, "reason": ""}

    def await_decision(self, enrolment_id: str, task_token: str) -> None:
        """Task: keep the token for the officer's decision, and tell the branch's officers once."""
        enrolment = self._get(enrolment_id)
        if not enrolment.is_open:
            return
        waiting = replace(enrolment, status=EnrolmentStatus.PENDING, task_token=task_token)
        self._store.trainings.move_enrolment(enrolment, waiting, [])
        if enrolment.status is EnrolmentStatus.SUBMITTED:  # a retried task has told them already
            self._tell_officers(waiting)

    def _tell_officers(self, e: Enrolment) -> None:
        training = self._events.get_event(e.training_id)
        for officer_id in self._store.members.holders(Role.BRANCH_OFFICER, e.branch_id):
            officer = self._store.members.get(officer_id)
            if officer is None or officer.status is not MemberStatus.ACTIVE:
                continue
            language = officer.language.value
            context = self._mail.context(
                training, language, officer.first_name, member_name=f"{e.first_name} {e.last_name}"
            )
            context["url"] = self._mail.page("/enrolments")
            self._mail.send(officer.email, "enrolment_waiting", language, context)

    def place(self, enrolment_id: str) -> dict[str, Any]:
        """Task: the approved member takes a seat or joins the waiting list, and is told once."""
        enrolment = self._get(enrolment_id)
        if enrolment.status is not EnrolmentStatus.APPROVED:
            raise InvalidTransition(
                Msg(
                    "enrolment {id} is {status}, not approved", id=enrolment.id, status=enrolment.status.value
                )
            )
        training = self._events.get_event(enrolment.training_id)
        p = self._store.events.registration(enrolment.training_id, enrolment.member_id)
        if p is not None and p.status is S.PENDING_APPROVAL:
            try:
                p = self._events.seating.place(training, p, expect=S.PENDING_APPROVAL, mail=False)
            except ConcurrentChange:  # the member cancelled meanwhile
                p = self._store.events.registration(enrolment.training_id, enrolment.member_id)
        if p is not None and p.is_active and self._store.trainings.mark_letter_sent(enrolment.id):
            self._mail.to_participant(
                "enrolment_approved", training, p, position=p.position, status=p.status.value
            )
        return {"status": p.status.value if p else "gone"}

    def refuse(self, enrolment_id: str, decision: dict[str, Any]) -> None:
        """Task: the enrolment is declined (by the officer, or as no longer valid); told once."""
        enrolment = self._get(enrolment_id)
        reason = str(decision.get("reason") or enrolment.reason or "")
        if enrolment.is_open:
            rejected = replace(enrolment, status=EnrolmentStatus.REJECTED, decided_by=SYSTEM, reason=reason)
            record = AuditRecord(SYSTEM, "enrolment.rejected", _target(enrolment), None, {"reason": reason})
            self._store.trainings.move_enrolment(enrolment, rejected, [record])
        p = self._decline_registration(enrolment)
        if p is not None and self._store.trainings.mark_letter_sent(enrolment.id):
            training = self._events.get_event(enrolment.training_id)
            self._mail.to_participant("enrolment_declined", training, p, reason=reason)

    def expire(self, enrolment_id: str) -> None:
        """Task: nobody decided in time."""
        enrolment = self._get(enrolment_id)
        if enrolment.is_open:
            self._expire(enrolment)

    def _expire(self, enrolment: Enrolment) -> None:
        expired = replace(enrolment, status=EnrolmentStatus.EXPIRED)
        record = AuditRecord(SYSTEM, "enrolment.expired", _target(enrolment), None, {"status": "expired"})
        self._store.trainings.move_enrolment(enrolment, expired, [record])
        p = self._decline_registration(enrolment)
        if p is not None and self._store.trainings.mark_letter_sent(enrolment.id):
            self._mail.to_participant("enrolment_expired", self._events.get_event(enrolment.training_id), p)
        logger.info("enrolment expired", extra={"enrolment_id": enrolment.id})

    def _decline_registration(self, enrolment: Enrolment) -> Participant | None:
        p = self._store.events.registration(enrolment.training_id, enrolment.member_id)
        if p is None or p.enrolment_id != enrolment.id:
            return None
        declined = replace(p, status=S.DECLINED)
        if p.status is S.PENDING_APPROVAL:
            try:
                self._store.registrations.leave(p, declined)
            except ConcurrentChange:
                return None
        return declined if p.status in (S.PENDING_APPROVAL, S.DECLINED) else None

    def _enrolment_of(self, p: Participant) -> Enrolment | None:
        return self._store.trainings.enrolment(p.enrolment_id) if p.enrolment_id else None

    def _get(self, enrolment_id: str) -> Enrolment:
        enrolment = self._store.trainings.enrolment(enrolment_id)
        if enrolment is None:
            raise NotFound("no such enrolment")
        return enrolment
