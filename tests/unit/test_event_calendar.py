"""The .ics file of an event, read back with icalendar the way a calendar application would."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from chalicelib.adapters.calendar import event_calendar

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
LONG = "Luottamushenkilöiden syyspäivät: työehtosopimusneuvottelujen tilannekatsaus ja " * 2


@dataclass(frozen=True)
class StandIn:
    id: str = "e1f0"
    title: dict[str, str] = field(default_factory=lambda: {"fi": LONG, "sv": "Höstdagar", "en": ""})
    description: dict[str, str] = field(
        default_factory=lambda: {"fi": "Kahvi klo 17.", "sv": "Kaffe kl. 17."}
    )
    starts_at: datetime = datetime(2026, 12, 1, 17, 0, tzinfo=HELSINKI)
    ends_at: datetime = datetime(2026, 12, 1, 20, 0, tzinfo=HELSINKI)
    place: str | None = "Hakaniemen ammattiliittotalo, Helsinki"
    online_url: str | None = None
    version: int = 3
    status: str = "published"


def parsed(raw: bytes) -> Calendar:
    return Calendar.from_ical(raw)


def test_every_field_reads_back() -> None:
    raw = event_calendar(StandIn(), "fi", url="https://portal.example.org/events/e1f0", now=NOW)
    calendar = parsed(raw)
    (event,) = calendar.events
    (alarm,) = event.walk("VALARM")

    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"] == "-//Union Portal//Events//EN"
    assert calendar["METHOD"] == "PUBLISH"
    assert "UID" not in calendar
    assert event["UID"] == "e1f0@union-portal"
    assert event.stamp == NOW
    assert event.start == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
    assert event.end == datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
    assert event.summary == LONG
    assert event.description == "Kahvi klo 17."
    assert event.location == "Hakaniemen ammattiliittotalo, Helsinki"
    assert event.url == "https://portal.example.org/events/e1f0"
    assert event.sequence == 3
    assert event["STATUS"] == "CONFIRMED"
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == -timedelta(days=1)
    assert alarm["DESCRIPTION"] == LONG


def test_times_are_written_in_utc_with_z() -> None:
    text = event_calendar(StandIn(), "fi", now=NOW).decode()
    assert "DTSTART:20261201T150000Z\r\n" in text
    assert "DTEND:20261201T180000Z\r\n" in text
    assert "DTSTAMP:20261120T093000Z\r\n" in text


def test_lines_end_in_crlf_and_long_lines_are_folded() -> None:
    raw = event_calendar(StandIn(), "fi", now=NOW)
    lines = raw.split(b"\r\n")

    assert raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines), "the long SUMMARY is folded"


def test_texts_in_swedish_and_fallbacks() -> None:
    (sv,) = parsed(event_calendar(StandIn(), "sv", now=NOW)).events
    (en,) = parsed(event_calendar(StandIn(), "en", now=NOW)).events

    assert (sv.summary, sv.description) == ("Höstdagar", "Kaffe kl. 17.")
    assert en.summary == LONG, "empty English title: Finnish"


def test_an_online_event_is_located_at_its_link_and_no_url_means_no_url() -> None:
    online = StandIn(place=None, online_url="https://meet.example.org/x", description={})
    (event,) = parsed(event_calendar(online, "en", now=NOW)).events

    assert event.location == "https://meet.example.org/x"
    assert "URL" not in event and "DESCRIPTION" not in event


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        event_calendar(StandIn(starts_at=datetime(2026, 12, 1, 17)), "fi", now=NOW)


def test_a_cancelled_event_says_so_with_a_higher_sequence() -> None:
    (event,) = parsed(event_calendar(StandIn(status="cancelled", version=4), "fi", now=NOW)).events
    assert (event["STATUS"], event.sequence) == ("CANCELLED", 4)
