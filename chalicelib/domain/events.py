"""Events and trainings: what they are, who may see and manage them, who takes part."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from chalicelib.domain.errors import AlreadyExists, InvalidTransition, Msg
from chalicelib.domain.members import Member, MemberStatus
from chalicelib.domain.roles import Principal, Role
from chalicelib.domain.segments import SegmentRule, rule_from_json


class AlreadyRegistered(AlreadyExists):
    code = "already_registered"


class RegistrationClosed(InvalidTransition):
    code = "registration_closed"


class CancellationClosed(InvalidTransition):
    code = "cancellation_closed"


class CapacityTooLow(InvalidTransition):
    code = "capacity_below_confirmed"


class PrerequisitesMissing(InvalidTransition):
    code = "prerequisites_missing"


class NotConfirmed(InvalidTransition):
    code = "not_confirmed"


class EventKind(StrEnum):
    EVENT = "event"
    TRAINING = "training"


class EventStatus(StrEnum):
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class RegistrationStatus(StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    PENDING_APPROVAL = "pending_approval"  # a training enrolment waiting for the branch officer
    CANCELLED = "cancelled"
    DECLINED = "declined"


# Statuses that hold a member's place in an event (a new registration is refused while one exists).
ACTIVE_STATUSES = frozenset(
    {RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING, RegistrationStatus.PENDING_APPROVAL}
)


@dataclass(frozen=True)
class Audience:
    """Who an event is for: a member matches when they match every list that is given, and the
    saved segment's rule when one is named (its rule as it stood when the event was saved)."""

    branch_ids: frozenset[str] = frozenset()
    workplace_ids: frozenset[str] = frozenset()
    categories: frozenset[str] = frozenset()
    segment_id: str | None = None
    segment: SegmentRule | None = None

    @property
    def is_everyone(self) -> bool:
        return not (self.branch_ids or self.workplace_ids or self.categories or self.segment_id)

    def includes(self, member: Member) -> bool:
        if member.status is not MemberStatus.ACTIVE:
            return False
        return (
            _matches(self.branch_ids, member.branch_id)
            and _matches(self.workplace_ids, member.workplace_id)
            and _matches(self.categories, member.category.value)
            and (self.segment is None or self.segment.matches(member))
        )

    def as_json(self) -> dict[str, Any] | None:
        if self.is_everyone:
            return None
        found: dict[str, Any] = {
            "branch_ids": sorted(self.branch_ids),
            "workplace_ids": sorted(self.workplace_ids),
            "categories": sorted(self.categories),
        }
        if self.segment_id:
            found["segment_id"] = self.segment_id
            found["segment_rule"] = self.segment.as_json() if self.segment else None
        return found

    @classmethod
    def from_json(cls, raw: Mapping[str, object] | None) -> Audience:
        if not raw:
            return cls()
        segment_id = raw.get("segment_id")
        rule = raw.get("segment_rule")
        return cls(
            branch_ids=frozenset(_strings(raw.get("branch_ids"))),
            workplace_ids=frozenset(_strings(raw.get("workplace_ids"))),
            categories=frozenset(_strings(raw.get("categories"))),
            segment_id=str(segment_id) if segment_id else None,
            segment=rule_from_json(dict(rule)) if isinstance(rule, Mapping) else None,
        )

    def with_segment(self, rule: SegmentRule) -> Audience:
        return replace(self, segment=rule)


def _matches(wanted: frozenset[str], value: str | None) -> bool:
    return not wanted or (value is not None and value in wanted)


def _strings(raw: object) -> list[str]:
    return [str(v) for v in raw] if isinstance(raw, list | tuple | set | frozenset) else []


EVERYONE = Audience()


@dataclass(frozen=True)
class Event:
    """An event or a training. Times are aware datetimes in UTC; `timezone` is how people read them."""

    id: str
    kind: EventKind
    title: dict[str, str]
    description: dict[str, str]
    starts_at: datetime
    ends_at: datetime
    timezone: str
    place: str | None
    online_url: str | None
    capacity: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    cancellation_deadline: datetime
    created_by: str
    created_at: datetime
    audience: Audience = EVERYONE
    questions: dict | None = None
    price_cents: int = 0
    status: EventStatus = EventStatus.PUBLISHED
    organizer_ids: tuple[str, ...] = ()
    hours: float | None = None  # trainings only
    prerequisites: tuple[str, ...] = ()  # trainings only: ids of trainings to complete first
    requires_approval: bool = False  # trainings only: the branch officer approves each enrolment
    shards: int = 1  # how many counter shards hold the seats (storage detail, fixed at creation)
    version: int = 0

    @property
    def is_training(self) -> bool:
        return self.kind is EventKind.TRAINING

    @property
    def is_cancelled(self) -> bool:
        return self.status is EventStatus.CANCELLED

    @property
    def managers(self) -> frozenset[str]:
        return frozenset(self.organizer_ids) | {self.created_by}

    def may_manage(self, who: Principal) -> bool:
        return who.has(Role.ADMIN) or (who.has(Role.ORGANIZER) and who.member_id in self.managers)

    def title_in(self, language: str) -> str:
        return in_language(self.title, language)


def in_language(texts: Mapping[str, str], language: str) -> str:
    """The text in that language, else Finnish, else any non-empty one."""
    for lang in (language, "fi", "en", "sv", *texts):
        if texts.get(lang):
            return texts[lang]
    return ""


@dataclass(frozen=True)
class Participant:
    """One member's registration to an event, as organizers and exports see it."""

    member_id: str
    first_name: str
    last_name: str
    email: str
    status: RegistrationStatus
    position: int | None
    answers: dict[str, object]
    registered_at: datetime
    checked_in_at: datetime | None = None
    completed: bool = False
    language: str = "fi"
    branch_id: str | None = None
    event_id: str = ""
    ticket: str | None = None  # the waiting list's order, while waiting
    shard: int | None = None  # the seat shard a confirmed participant holds a seat in
    enrolment_id: str | None = None  # a training enrolment's approval

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class Certificate:
    """A completed training, checkable by anyone who has the code."""

    code: str
    member_id: str
    name: str
    training_id: str
    title: dict[str, str]
    completed_on: date
    hours: float | None
    revoked: bool = False


@dataclass(frozen=True)
class Seats:
    capacity: int
    confirmed: int
    waiting: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.confirmed, 0)

    def as_json(self) -> dict[str, int]:
        return {
            "capacity": self.capacity,
            "confirmed": self.confirmed,
            "waiting": self.waiting,
            "free": self.free,
        }


def check_registration_window(event: Event, now: datetime) -> None:
    """Raises RegistrationClosed unless the event takes registrations at that moment."""
    if event.is_cancelled:
        raise RegistrationClosed("this event is cancelled")
    if now < event.registration_opens_at:
        raise RegistrationClosed("registration has not opened yet")
    if now >= event.registration_closes_at:
        raise RegistrationClosed("registration has closed")


def check_cancellation_window(event: Event, now: datetime) -> None:
    if now > event.cancellation_deadline:
        raise CancellationClosed("the cancellation deadline has passed")


def missing_prerequisites(event: Event, completed: frozenset[str]) -> list[str]:
    return [t for t in event.prerequisites if t not in completed]


def require_prerequisites(event: Event, completed: frozenset[str], titles: Mapping[str, str]) -> None:
    """Raises PrerequisitesMissing naming the trainings the member has still to complete."""
    missing = missing_prerequisites(event, completed)
    if missing:
        names = ", ".join(titles.get(t, t) for t in missing)
        raise PrerequisitesMissing(Msg("complete these trainings first: {trainings}", trainings=names))
