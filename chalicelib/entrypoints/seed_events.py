"""Demo events and trainings: a few upcoming events (one nearly full with a waiting list, one with
questions), a training that needs the branch officer's approval, and a completed training with a
certificate for demo-member. Fixed ids, so seeding again leaves what exists as it is; no mail."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib import bootstrap
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.certificates import new_code
from chalicelib.domain.event_form import new_event
from chalicelib.domain.events import Certificate, Event, EventKind, Participant, RegistrationStatus
from chalicelib.domain.members import Member
from chalicelib.domain.seats import initial_shards

ORGANIZER = "demo-organizer"
SEEDER = "system:demo-seed"
DIETS = ["none", "vegetarian", "vegan", "gluten-free"]
QUESTIONS: dict[str, Any] = {
    "type": "object",
    "properties": {
        "diet": {
            "type": "string",
            "title": "Diet",
            "x-title": {"fi": "Ruokavalio", "sv": "Kost", "en": "Diet"},
            "enum": DIETS,
        },
        "sauna": {
            "type": "boolean",
            "title": "Sauna",
            "x-title": {"fi": "Sauna", "sv": "Bastu", "en": "Sauna"},
        },
        "note": {"type": "string", "title": "Anything else", "maxLength": 500},
    },
    "required": ["diet"],
}


def _time(days: float, hour: int = 17) -> str:
    day = (datetime.now(UTC) + timedelta(days=days)).date()
    return f"{day.isoformat()}T{hour:02d}:00"


def _specs() -> list[tuple[str, EventKind, dict[str, Any]]]:
    return [
        (
            "demo-cruise",
            EventKind.EVENT,
            {
                "title": {"fi": "Jäsenristeily", "sv": "Medlemskryssning", "en": "Members' cruise"},
                "description": {
                    "fi": "Risteily Tukholmaan.",
                    "sv": "Kryssning till Stockholm.",
                    "en": "A cruise to Stockholm.",
                },
                "starts_at": _time(21),
                "ends_at": _time(22, 10),
                "place": "Helsinki, Olympia terminal",
                "capacity": 12,
            },
        ),
        (
            "demo-autumn-meeting",
            EventKind.EVENT,
            {
                "title": {"fi": "Syyskokous", "sv": "Höstmöte", "en": "Autumn meeting"},
                "description": {
                    "fi": "Osaston syyskokous ja iltapala.",
                    "en": "The branch's autumn meeting, with supper.",
                },
                "starts_at": _time(14),
                "ends_at": _time(14, 20),
                "place": "Hakaniemi union house",
                "capacity": 60,
                "questions": QUESTIONS,
            },
        ),
        (
            "demo-webinar",
            EventKind.EVENT,
            {
                "title": {
                    "fi": "Työehtosopimus tutuksi",
                    "sv": "Kollektivavtalet i korthet",
                    "en": "The agreement explained",
                },
                "starts_at": _time(7, 18),
                "ends_at": _time(7, 19),
                "online_url": "https://meet.example.org/tes",
                "capacity": 200,
                "audience": {"branch_ids": ["helsinki", "tampere"]},
            },
        ),
        (
            "demo-steward-course",
            EventKind.TRAINING,
            {
                "title": {
                    "fi": "Luottamushenkilön peruskurssi",
                    "sv": "Grundkurs för förtroendemän",
                    "en": "Steward basics",
                },
                "starts_at": _time(30, 9),
                "ends_at": _time(31, 16),
                "place": "Kiljava course centre",
                "capacity": 20,
                "hours": 14,
                "requires_approval": True,
            },
        ),
        (
            "demo-safety-training",
            EventKind.TRAINING,
            {
                "title": {
                    "fi": "Työturvallisuuden perusteet",
                    "sv": "Grunderna i arbetarskydd",
                    "en": "Safety at work",
                },
                "starts_at": _time(-40, 9),
                "ends_at": _time(-40, 15),
                "place": "Tampere",
                "capacity": 15,
                "hours": 6,
                "registration_opens_at": _time(-70, 9),
                "registration_closes_at": _time(-41, 9),
                "cancellation_deadline": _time(-41, 9),
            },
        ),
    ]


def seed_events(members: list[Member]) -> int:
    """Create the demo events that are missing; how many were created."""
    store = bootstrap.container().store
    by_id = {m.id: m for m in members}
    created = 0
    for event_id, kind, body in _specs():
        if ORGANIZER not in by_id or store.events.get(event_id) is not None:
            continue
        event = new_event(body, kind, event_id, ORGANIZER, datetime.now(UTC) - timedelta(days=90))
        record = AuditRecord(
            SEEDER, f"{kind.value}.created", f"{kind.value}:{event_id}", None, {"demo": True}
        )
        store.events.create(event, initial_shards(event.capacity), record)
        _register_demo_people(replace(event, version=1), members)
        created += 1
    return created


def _register_demo_people(event: Event, members: list[Member]) -> None:
    numbered = [m for m in members if re.fullmatch(r"demo-member\d{3}", m.id)]
    ids = {m.id: m for m in members}
    if event.id == "demo-cruise":  # nearly full: every seat but one, and then a waiting list of two
        for m in numbered[: event.capacity - 1]:
            _place(event, m)
        if "demo-member2" in ids:
            _place(event, ids["demo-member2"])
        for m in numbered[event.capacity - 1 : event.capacity + 1]:
            _place(event, m)
    elif event.id == "demo-autumn-meeting":
        for n, m in enumerate(numbered[:6]):
            _place(event, m, {"diet": DIETS[n % 4], "sauna": n % 2 == 0})
    elif event.id == "demo-safety-training" and "demo-member" in ids:
        _complete(event, _place(event, ids["demo-member"]))


def _place(event: Event, m: Member, answers: dict[str, Any] | None = None) -> Participant:
    p = Participant(
        member_id=m.id,
        first_name=m.first_name,
        last_name=m.last_name,
        email=m.email,
        status=RegistrationStatus.CONFIRMED,
        position=None,
        answers=answers or {},
        registered_at=datetime.now(UTC),
        language=m.language.value,
        branch_id=m.branch_id,
        event_id=event.id,
    )
    return bootstrap.container().events.seating.place(event, p, mail=False)


def _complete(training: Event, p: Participant) -> None:
    completed_on = training.ends_at.date()
    cert = Certificate(
        new_code(), p.member_id, p.name, training.id, training.title, completed_on, training.hours
    )
    record = AuditRecord(
        ORGANIZER, "training.completed", f"registration:{training.id}:{p.member_id}", None, None
    )
    bootstrap.container().store.trainings.complete(p, cert, record)
