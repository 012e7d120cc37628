"""Mail about events to participants and officers, in the reader's language, with the event's time
as people there read it. A mail that cannot be sent is logged, never undoes the registration."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chalicelib.domain.events import Event, EventKind, Participant, RegistrationStatus
from chalicelib.observability import logger
from chalicelib.services.ports import CalendarFiles, Mailer

CALENDAR_FILE = ("event.ics", "text/calendar")
WITH_CALENDAR = frozenset({"event_confirmed", "event_promoted", "enrolment_approved"})


def local_time(at: datetime, timezone: str, language: str) -> str:
    """ "1.12.2026 17.00" (fi, sv) or "1.12.2026 17:00" (en), in the event's timezone."""
    local = at.astimezone(ZoneInfo(timezone))
    separator = ":" if language == "en" else "."
    return f"{local.day}.{local.month}.{local.year} {local.hour}{separator}{local.minute:02d}"


def event_path(event: Event) -> str:
    return f"/{'trainings' if event.kind is EventKind.TRAINING else 'events'}/{event.id}"


class EventMail:
    def __init__(self, mailer: Mailer, calendar: CalendarFiles | None, base_url: str) -> None:
        self._mailer = mailer
        self._calendar = calendar
        self._base_url = base_url.rstrip("/")

    def url(self, event: Event) -> str:
        return self.page(event_path(event))

    def page(self, path: str) -> str:
        return self._base_url + path

    def context(self, event: Event, language: str, first_name: str, **extra: Any) -> dict[str, Any]:
        return {
            "first_name": first_name,
            "title": event.title_in(language),
            "starts_at": local_time(event.starts_at, event.timezone, language),
            "place": event.place or event.online_url or "",
            "url": self.url(event),
            **extra,
        }

    def to_participant(self, template: str, event: Event, p: Participant, **extra: Any) -> None:
        context = self.context(event, p.language, p.first_name, **extra)
        self.send(p.email, template, p.language, context, self._attachments(template, event, p))

    def send(
        self,
        to: str,
        template: str,
        language: str,
        context: dict[str, Any],
        attachments: list[tuple[str, str, bytes]] | None = None,
    ) -> None:
        try:
            self._mailer.send(to, template, language, context, attachments=attachments or ())
        except Exception:  # the registration stands; the mail is logged for someone to resend
            logger.exception("event mail not sent", extra={"template": template})

    def _attachments(self, template: str, event: Event, p: Participant) -> list[tuple[str, str, bytes]]:
        """The calendar file, for those who have a seat."""
        if (
            template not in WITH_CALENDAR
            or self._calendar is None
            or p.status is not RegistrationStatus.CONFIRMED
        ):
            return []
        try:
            ics = self._calendar.event_calendar(event, p.language, self.url(event))
        except Exception:
            logger.exception("calendar file not made", extra={"event_id": event.id})
            return []
        return [(*CALENDAR_FILE, ics)]
