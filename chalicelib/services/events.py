"""Events and trainings as organizers and members see them: create, edit, list, show, check in."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from time import monotonic
from typing import Any, Protocol

from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.errors import ConcurrentChange, InvalidInput, Msg, NotFound, NotPermitted
from chalicelib.domain.event_form import edited_event, new_event
from chalicelib.domain.events import (
    Event,
    EventKind,
    NotConfirmed,
    Participant,
    RegistrationStatus,
    Seats,
)
from chalicelib.domain.members import Member
from chalicelib.domain.roles import Principal, Role
from chalicelib.domain.seats import capacity_of, confirmed_count, initial_shards, resize
from chalicelib.observability import logger
from chalicelib.services.event_mail import EventMail
from chalicelib.services.ports import CalendarFiles, Store
from chalicelib.services.seating import Seating

Clock = Callable[[], datetime]
ORGANIZERS = frozenset({Role.ORGANIZER, Role.ADMIN})
LOOK_BACK = timedelta(days=31)  # an upcoming event may have started up to this long ago
FAR_FUTURE = datetime(2200, 1, 1, tzinfo=UTC)
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
LISTED = 200
SAVE_ATTEMPTS = 5
# A registration reads the event at most this often per container: an edit is seen a moment late
# there, while the seats themselves are held by the shards' conditional writes.
RECENT_EVENT_SECONDS = 1.0
TOLD_OF_CANCELLATION = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.PENDING_APPROVAL,
)


class CancellationAnnouncer(Protocol):
    def announce(self, event: Event) -> None: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class EventView:
    event: Event
    seats: Seats
    mine: Participant | None
    can_manage: bool


def _target(event: Event) -> str:
    return f"{event.kind.value}:{event.id}"


def _audit_view(event: Event) -> dict[str, Any]:
    return {
        "title": event.title,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
        "capacity": event.capacity,
        "status": event.status.value,
        "audience": event.audience.as_json(),
        "organizer_ids": list(event.organizer_ids),
    }


class EventService:
    def __init__(
        self,
        store: Store,
        mail: EventMail,
        calendar: CalendarFiles | None,
        announcer: CancellationAnnouncer | None = None,
        clock: Clock = utc_now,
    ) -> None:
        self._store = store
        self._mail = mail
        self._calendar = calendar
        self._announcer = announcer
        self._clock = clock
        self.seating = Seating(store, mail)
        self._recent: dict[str, tuple[float, Event]] = {}

    def now(self) -> datetime:
        return self._clock()

    # --- who may see and manage ------------------------------------------------------------
    def get_event(self, event_id: str, kind: EventKind | None = None) -> Event:
        event = self._store.events.get(event_id)
        if event is None or (kind is not None and event.kind is not kind):
            raise NotFound("no such event")
        return event

    def recent_event(self, event_id: str, kind: EventKind) -> Event:
        """The event as read at most RECENT_EVENT_SECONDS ago in this container (the registration path)."""
        cached = self._recent.get(event_id)
        now = monotonic()
        if cached is not None and now - cached[0] < RECENT_EVENT_SECONDS and cached[1].kind is kind:
            return cached[1]
        event = self.get_event(event_id, kind)
        self._recent[event_id] = (now, event)
        return event

    def require_manager(self, who: Principal, event_id: str, kind: EventKind | None = None) -> Event:
        """The event, if the caller may manage it; raises NotFound or NotPermitted."""
        event = self.get_event(event_id, kind)
        if not event.may_manage(who):
            raise NotPermitted("only the event's organizers may do this")
        return event

    def visible(self, who: Principal, event_id: str, kind: EventKind | None = None) -> tuple[Event, Member]:
        """The event and the caller, if the event is for them (or they organize); else NotPermitted."""
        return self._visible(who, self.get_event(event_id, kind))

    def visible_recent(self, who: Principal, event_id: str, kind: EventKind) -> tuple[Event, Member]:
        """As `visible`, with the event as read a moment ago in this container."""
        return self._visible(who, self.recent_event(event_id, kind))

    def _visible(self, who: Principal, event: Event) -> tuple[Event, Member]:
        member = self.member(who)
        if not (self._sees_all(who) or event.may_manage(who) or event.audience.includes(member)):
            raise NotPermitted("this event is not open to you")
        return event, member

    def member(self, who: Principal) -> Member:
        member = self._store.members.get(who.member_id)
        if member is None:
            raise NotFound("no such member")
        return member

    @staticmethod
    def _sees_all(who: Principal) -> bool:
        return bool(who.roles & ORGANIZERS)

    # --- reading ----------------------------------------------------------------------------
    def view(self, who: Principal, event_id: str, kind: EventKind) -> EventView:
        event, _ = self.visible(who, event_id, kind)
        return self._view(who, event, self._store.events.registration(event.id, who.member_id))

    def _view(self, who: Principal, event: Event, mine: Participant | None) -> EventView:
        if mine is not None and mine.status is RegistrationStatus.WAITING and mine.ticket:
            mine = replace(mine, position=self._store.events.position(event.id, mine.ticket))
        return EventView(event, self.seats(event), mine, event.may_manage(who))

    def seats(self, event: Event) -> Seats:
        shards = self._store.events.shards(event)
        waiting = self._store.events.count_participants(event.id, RegistrationStatus.WAITING)
        return Seats(capacity_of(shards) or event.capacity, confirmed_count(shards), waiting)

    def listing(self, who: Principal, kind: EventKind, past: bool) -> list[EventView]:
        """What the caller may see: upcoming ones first in start order, or past ones newest first."""
        now = self._clock()
        member = self.member(who)
        if past:
            found = self._store.events.listing(kind, EPOCH, now, newest_first=True)
        else:
            found = self._store.events.listing(kind, now - LOOK_BACK, FAR_FUTURE, newest_first=False)
        mine = {p.event_id: p for p in self._store.events.member_registrations(who.member_id)}
        views: list[EventView] = []
        for event in found:
            if (event.ends_at < now) != past:
                continue
            if self._sees_all(who) or event.may_manage(who) or event.audience.includes(member):
                views.append(self._view(who, event, mine.get(event.id)))
            if len(views) == LISTED:
                break
        return views

    def calendar_file(self, who: Principal, event_id: str, kind: EventKind, language: str) -> bytes:
        event, _ = self.visible(who, event_id, kind)
        if self._calendar is None:
            raise NotFound("calendar files are not available")
        return self._calendar.event_calendar(event, language, self._mail.url(event))

    # --- organizers ---------------------------------------------------------------------------
    def create(self, who: Principal, kind: EventKind, body: dict[str, Any]) -> EventView:
        """A new event or training; raises InvalidInput naming the field."""
        who.require_any(ORGANIZERS)
        event = self._with_segment(new_event(body, kind, uuid.uuid4().hex, who.member_id, self._clock()))
        self._check_people_and_trainings(event)
        record = AuditRecord(who.member_id, f"{kind.value}.created", _target(event), None, _audit_view(event))
        self._store.events.create(event, initial_shards(event.capacity), record)
        return self._view(who, replace(event, version=1), None)

    def edit(self, who: Principal, event_id: str, kind: EventKind, changes: dict[str, Any]) -> EventView:
        """Change an event; a new capacity is spread over the seat shards (CapacityTooLow below the
        confirmed count), and a larger one promotes from the waiting list at once."""
        event = self.require_manager(who, event_id, kind)
        after = edited_event(event, changes)
        if "audience" in changes:
            after = self._with_segment(after)
        self._check_people_and_trainings(after)
        action = "cancelled" if after.is_cancelled and not event.is_cancelled else "edited"
        record = AuditRecord(
            who.member_id, f"{kind.value}.{action}", _target(event), _audit_view(event), _audit_view(after)
        )
        saved = self._save(event, after, record)
        if action == "cancelled" and self._announcer is not None:
            self._announcer.announce(saved)
        elif saved.capacity > event.capacity:
            self.seating.fill(saved)
        return self._view(who, saved, self._store.events.registration(saved.id, who.member_id))

    def tell_cancellation(self, event_id: str) -> int:
        """Task of the cancellation workflow: mail everyone registered that the event is off; how many."""
        event = self.get_event(event_id)
        if not event.is_cancelled:
            return 0
        told = 0
        for p in self._store.events.iter_participants(event.id, TOLD_OF_CANCELLATION):
            self._mail.to_participant("event_cancelled", event, p)
            told += 1
        logger.info("participants told of a cancellation", extra={"event_id": event.id, "count": told})
        return told

    def _save(self, before: Event, after: Event, record: AuditRecord) -> Event:
        for _ in range(SAVE_ATTEMPTS):
            seats = None
            if after.capacity != before.capacity:
                shards = self._store.events.shards(before, consistent=True)
                wanted = resize(shards, after.capacity)
                after, seats = replace(after, shards=len(wanted)), (shards, wanted)
            self._recent.pop(before.id, None)
            self.seating.forget(before.id)
            try:
                return self._store.events.save(before, after, record, seats)
            except ConcurrentChange:
                if seats is None:
                    raise
        raise ConcurrentChange("the seats changed too often while saving; please try again")

    def _with_segment(self, event: Event) -> Event:
        """The named saved segment's rule, copied into the audience; InvalidInput when none."""
        segment_id = event.audience.segment_id
        if not segment_id:
            return event
        segment = self._store.segments.get(segment_id)
        if segment is None:
            raise InvalidInput.on("audience.segment_id", "no such segment")
        return replace(event, audience=event.audience.with_segment(segment.rule))

    def _check_people_and_trainings(self, event: Event) -> None:
        for organizer_id in event.organizer_ids:
            organizer = self._store.members.get(organizer_id)
            if organizer is None or not any(g.role is Role.ORGANIZER for g in organizer.grants):
                raise InvalidInput.on("organizer_ids", Msg("{id} is not an organizer", id=organizer_id))
        for training_id in event.prerequisites:
            required = self._store.events.get(training_id)
            if required is None or not required.is_training:
                raise InvalidInput.on("prerequisites", Msg("{id} is not a training", id=training_id))

    def participants(
        self, who: Principal, event_id: str, kind: EventKind, query: dict[str, str]
    ) -> tuple[list[Participant], str | None]:
        """A page of participants; `status` may also be checked_in, `q` a name or e-mail prefix."""
        event = self.require_manager(who, event_id, kind)
        wanted = query.get("status") or RegistrationStatus.CONFIRMED.value
        status = RegistrationStatus.CONFIRMED if wanted == "checked_in" else RegistrationStatus(wanted)
        text = (query.get("q") or "").strip().casefold()

        def where(p: Participant) -> bool:
            if wanted == "checked_in" and p.checked_in_at is None:
                return False
            return not text or any(
                v.casefold().startswith(text) for v in (p.first_name, p.last_name, p.email)
            )

        limit = int(query.get("limit") or 100)
        return self._store.events.participants_page(event.id, status, limit, query.get("cursor"), where)

    def check_in(
        self, who: Principal, event_id: str, kind: EventKind, member_id: str, arrived: bool
    ) -> Participant:
        """Mark (or undo) a confirmed participant's arrival; repeating it changes nothing."""
        event = self.require_manager(who, event_id, kind)
        p = self._store.events.registration(event.id, member_id)
        if p is None or p.status is not RegistrationStatus.CONFIRMED:
            raise NotConfirmed("only confirmed participants can be checked in")
        if (p.checked_in_at is not None) == arrived:
            return p
        at = self._clock() if arrived else None
        action = "checked_in" if arrived else "check_in_undone"
        target = f"registration:{event.id}:{member_id}"
        record = AuditRecord(who.member_id, f"{kind.value}.{action}", target, None, {"member_id": member_id})
        self._store.registrations.check_in(p, at, record)
        return replace(p, checked_in_at=at)

    # --- the scheduled reminder ---------------------------------------------------------------
    def send_reminders(self, now: datetime) -> int:
        """Mail the confirmed participants of events starting within the next day, each once."""
        sent = 0
        for kind in EventKind:
            for event in self._store.events.listing(kind, now, now + timedelta(days=1), newest_first=False):
                if event.is_cancelled:
                    continue
                for p in self._store.events.iter_participants(event.id, [RegistrationStatus.CONFIRMED]):
                    if self._store.registrations.mark_reminded(p):
                        self._mail.to_participant("event_reminder", event, p)
                        sent += 1
        return sent
