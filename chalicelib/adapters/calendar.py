"""An event as an iCalendar file (RFC 5545) that mail clients and calendars can import."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Protocol

from icalendar import Alarm, Calendar
from icalendar import Event as VEvent
from icalendar.enums import STATUS

from chalicelib.domain.events import in_language

PRODID = "-//Union Portal//Events//EN"
UID_DOMAIN = "union-portal"
REMINDER_BEFORE = timedelta(days=1)


class CalendarEvent(Protocol):
    """What the file needs of an event (chalicelib.domain.events.Event has it)."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> Mapping[str, str]: ...
    @property
    def description(self) -> Mapping[str, str]: ...
    @property
    def starts_at(self) -> datetime: ...
    @property
    def ends_at(self) -> datetime: ...
    @property
    def place(self) -> str | None: ...
    @property
    def online_url(self) -> str | None: ...


def event_calendar(
    event: CalendarEvent, language: str, url: str | None = None, now: datetime | None = None
) -> bytes:
    """One VEVENT (UTC times, texts in the language, a display alarm the day before) in a
    METHOD:PUBLISH calendar; `url` is the event's page, `now` the DTSTAMP (default: now)."""
    title = in_language(event.title, language)
    vevent = VEvent.new(
        uid=f"{event.id}@{UID_DOMAIN}",
        stamp=_utc(now or datetime.now(UTC)),
        start=_utc(event.starts_at),
        end=_utc(event.ends_at),
        summary=title,
        description=in_language(event.description, language) or None,
        location=event.place or event.online_url or None,
        url=url,
        sequence=getattr(event, "version", None),
        # A calendar that imported the event drops it when a later file says CANCELLED.
        status=STATUS.CANCELLED if str(getattr(event, "status", "")) == "cancelled" else STATUS.CONFIRMED,
        subcomponents=[_reminder(title)],
    )
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", subcomponents=[vevent])
    del calendar["UID"]  # Calendar.new invents a random one; the event's UID is what matters
    return bytes(calendar.to_ical())


def _reminder(title: str) -> Alarm:
    alarm = Alarm.new(description=title)
    alarm.add("ACTION", "DISPLAY")
    alarm.add("TRIGGER", -REMINDER_BEFORE)
    return alarm


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("calendar times must be timezone-aware")
    return moment.astimezone(UTC)
