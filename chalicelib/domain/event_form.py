"""What an organizer writes about an event, checked and turned into an Event.

Times without an offset are read in the event's timezone; every time is kept in UTC.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.event_questions import check_questions
from chalicelib.domain.events import Audience, Event, EventKind, EventStatus
from chalicelib.domain.seats import shard_count

DEFAULT_TIMEZONE = "Europe/Helsinki"
TIME_FIELDS = (
    "starts_at",
    "ends_at",
    "registration_opens_at",
    "registration_closes_at",
    "cancellation_deadline",
)
TRAINING_FIELDS = ("hours", "prerequisites", "requires_approval")
PLAIN_FIELDS = ("place", "online_url")
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2200, 1, 1, tzinfo=UTC)


def zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise InvalidInput.on("timezone", "is not a known time zone") from exc


def parse_time(value: object, tz: tzinfo, path: str) -> datetime:
    """An ISO 8601 time in UTC; without an offset it is read in `tz`."""
    if not isinstance(value, str):
        raise InvalidInput.on(path, "must be a date and time")
    try:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=tz)
        moment = parsed.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise InvalidInput.on(path, "is not a valid date and time") from exc
    if not EARLIEST <= moment < LATEST:
        raise InvalidInput.on(path, "is not a valid date and time")
    return moment


def _texts(raw: object) -> dict[str, str]:
    return {k: str(v) for k, v in raw.items() if v} if isinstance(raw, dict) else {}


def new_event(body: dict[str, Any], kind: EventKind, event_id: str, creator: str, now: datetime) -> Event:
    """The event an organizer creates; raises InvalidInput naming the field."""
    _refuse_foreign_fields(body, kind)
    timezone = str(body.get("timezone") or DEFAULT_TIMEZONE)
    tz = zone(timezone)
    starts_at = parse_time(body.get("starts_at"), tz, "starts_at")
    given = {f: parse_time(body[f], tz, f) for f in TIME_FIELDS if body.get(f) is not None}
    capacity = int(body["capacity"])
    event = Event(
        id=event_id,
        kind=kind,
        title=_texts(body.get("title")),
        description=_texts(body.get("description")),
        starts_at=starts_at,
        ends_at=given.get("ends_at", starts_at),
        timezone=timezone,
        place=body.get("place"),
        online_url=body.get("online_url"),
        capacity=capacity,
        registration_opens_at=given.get("registration_opens_at", now),
        registration_closes_at=given.get("registration_closes_at", starts_at),
        cancellation_deadline=given.get("cancellation_deadline", starts_at),
        created_by=creator,
        created_at=now,
        audience=Audience.from_json(body.get("audience")),
        questions=check_questions(body.get("questions")),
        price_cents=int(body.get("price_cents") or 0),
        organizer_ids=tuple(dict.fromkeys(body.get("organizer_ids") or ())),
        hours=_hours(body.get("hours")),
        prerequisites=tuple(dict.fromkeys(body.get("prerequisites") or ())),
        requires_approval=bool(body.get("requires_approval", False)),
        shards=shard_count(capacity),
    )
    return checked(event)


def edited_event(event: Event, changes: dict[str, Any]) -> Event:
    """The event with the organizer's changes; raises InvalidInput naming the field."""
    _refuse_foreign_fields(changes, event.kind)
    timezone = str(changes.get("timezone") or event.timezone)
    tz = zone(timezone)
    updates: dict[str, Any] = {"timezone": timezone}
    for name in TIME_FIELDS:
        if changes.get(name) is not None:
            updates[name] = parse_time(changes[name], tz, name)
    for name in ("title", "description"):
        if name in changes:
            updates[name] = _texts(changes[name])
    updates.update({name: changes[name] for name in PLAIN_FIELDS if name in changes})
    updates.update(_other_changes(event, changes))
    return checked(replace(event, **updates))


def _other_changes(event: Event, changes: dict[str, Any]) -> dict[str, Any]:
    updates: dict[str, Any] = {}
    if "capacity" in changes:
        updates["capacity"] = int(changes["capacity"])
    if "audience" in changes:
        updates["audience"] = Audience.from_json(changes["audience"])
    if "questions" in changes:
        updates["questions"] = check_questions(changes["questions"])
    if "price_cents" in changes:
        updates["price_cents"] = int(changes["price_cents"] or 0)
    if "status" in changes:
        updates["status"] = EventStatus(changes["status"])
    if "organizer_ids" in changes:
        updates["organizer_ids"] = tuple(dict.fromkeys(changes["organizer_ids"] or ()))
    if "hours" in changes:
        updates["hours"] = _hours(changes["hours"])
    if "prerequisites" in changes:
        updates["prerequisites"] = tuple(dict.fromkeys(changes["prerequisites"] or ()))
    if "requires_approval" in changes:
        updates["requires_approval"] = bool(changes["requires_approval"])
    return updates


def _hours(raw: object) -> float | None:
    return float(raw) if isinstance(raw, int | float) and not isinstance(raw, bool) else None


def _refuse_foreign_fields(body: dict[str, Any], kind: EventKind) -> None:
    if kind is EventKind.EVENT:
        for name in TRAINING_FIELDS:
            if body.get(name) not in (None, False, []):
                raise InvalidInput.on(name, "is only for trainings")


def checked(event: Event) -> Event:
    """Raises InvalidInput for the first rule the event breaks."""
    if not any(event.title.values()):
        raise InvalidInput.on("title", "needs a title in at least one language")
    if event.ends_at < event.starts_at:
        raise InvalidInput.on("ends_at", "must not be before starts_at")
    if event.registration_closes_at <= event.registration_opens_at:
        raise InvalidInput.on("registration_closes_at", "must be after registration_opens_at")
    if event.registration_closes_at > event.ends_at:
        raise InvalidInput.on("registration_closes_at", "must not be after ends_at")
    if event.cancellation_deadline > event.ends_at:
        raise InvalidInput.on("cancellation_deadline", "must not be after ends_at")
    if event.capacity < 1:
        raise InvalidInput.on("capacity", "must be at least 1")
    if event.price_cents != 0:
        raise InvalidInput.on("price_cents", "paid events are not possible yet: the price must be 0")
    if event.is_training and not (event.hours and event.hours > 0):
        raise InvalidInput.on("hours", "a training needs its length in hours")
    if event.id in event.prerequisites:
        raise InvalidInput.on("prerequisites", "a training cannot require itself")
    return event
