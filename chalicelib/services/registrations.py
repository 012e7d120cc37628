"""A member's own registrations: register (a seat, the waiting list, or an enrolment to approve),
change answers, cancel, list."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from chalicelib.domain.errors import NotFound, NotPermitted
from chalicelib.domain.event_questions import check_answers
from chalicelib.domain.events import (
    Event,
    EventKind,
    Participant,
    RegistrationStatus,
    check_cancellation_window,
    check_registration_window,
    require_prerequisites,
)
from chalicelib.domain.members import Member
from chalicelib.domain.roles import Principal
from chalicelib.services.events import EventService
from chalicelib.services.ports import Store
from chalicelib.services.trainings import TrainingService

S = RegistrationStatus


@dataclass(frozen=True)
class MyRegistration:
    registration: Participant
    event: Event


def _new_participant(event: Event, member: Member, answers: dict[str, Any], at: Any) -> Participant:
    return Participant(
        member_id=member.id,
        first_name=member.first_name,
        last_name=member.last_name,
        email=member.email,
        status=S.CONFIRMED,
        position=None,
        answers=answers,
        registered_at=at,
        language=member.language.value,
        branch_id=member.branch_id,
        event_id=event.id,
    )


class RegistrationService:
    def __init__(self, store: Store, events: EventService, trainings: TrainingService) -> None:
        self._store = store
        self._events = events
        self._trainings = trainings

    def register(self, who: Principal, event_id: str, kind: EventKind, answers: object) -> Participant:
        """Register the caller: confirmed, waiting (with a position) or pending approval. Raises
        NotPermitted (not in the audience), RegistrationClosed, PrerequisitesMissing, InvalidInput
        (answers) or AlreadyRegistered."""
        event, member = self._events.visible_recent(who, event_id, kind)
        if not event.audience.includes(member) and not event.may_manage(who):
            raise NotPermitted("this event is not open to you")
        now = self._events.now()
        check_registration_window(event, now)
        if event.is_training and event.prerequisites:
            self._require_prerequisites(event, member)
        checked = check_answers(event.questions, answers)
        p = _new_participant(event, member, checked, now)
        if event.is_training and event.requires_approval:
            return self._trainings.request_enrolment(event, p)
        return self._events.seating.place(event, p)

    def _require_prerequisites(self, event: Event, member: Member) -> None:
        completed = frozenset(self._trainings.completed(member.id))
        missing = [t for t in event.prerequisites if t not in completed]
        titles = {
            t: e.title_in(member.language.value) for t, e in self._store.events.get_many(missing).items()
        }
        require_prerequisites(event, completed, titles)

    def change_answers(self, who: Principal, event_id: str, kind: EventKind, answers: object) -> Participant:
        event = self._events.get_event(event_id, kind)
        p = self._own(event, who)
        checked = check_answers(event.questions, answers)
        self._store.registrations.set_answers(p, checked)
        return self._with_position(replace(p, answers=checked))

    def cancel(self, who: Principal, event_id: str, kind: EventKind) -> Participant:
        """Cancel the caller's registration before the deadline; a freed seat goes to the first
        waiting member at once. Raises NotFound or CancellationClosed."""
        event = self._events.get_event(event_id, kind)
        p = self._own(event, who)
        check_cancellation_window(event, self._events.now())
        if p.status is S.CONFIRMED:
            cancelled, _ = self._events.seating.give_up(event, p)
            return cancelled
        cancelled = replace(p, status=S.CANCELLED, ticket=None, shard=None, position=None)
        if p.status is S.PENDING_APPROVAL:
            self._trainings.withdraw(p, cancelled)
        else:
            self._store.registrations.leave(p, cancelled)
        return cancelled

    def mine(self, who: Principal) -> list[MyRegistration]:
        regs = self._store.events.member_registrations(who.member_id)
        events = self._store.events.get_many([r.event_id for r in regs])
        return [
            MyRegistration(self._with_position(r), events[r.event_id]) for r in regs if r.event_id in events
        ]

    def _own(self, event: Event, who: Principal) -> Participant:
        p = self._store.events.registration(event.id, who.member_id)
        if p is None or not p.is_active:
            raise NotFound("you have no registration for this event")
        return p

    def _with_position(self, p: Participant) -> Participant:
        if p.status is S.WAITING and p.ticket:
            return replace(p, position=self._store.events.position(p.event_id, p.ticket))
        return p
