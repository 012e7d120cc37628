"""Events and trainings: the same routes under /events and /trainings (docs/events.md)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice import Blueprint, Response

from chalicelib import bootstrap
from chalicelib.api.event_views import (
    ATTENDANCE,
    EVENT,
    EVENT_LIST,
    PARTICIPANT,
    PARTICIPANT_PAGE,
    REGISTRATION,
    event_json,
    participant_json,
    registration_json,
)
from chalicelib.api.routing import Call, Reply, endpoint
from chalicelib.domain.applications import Decision
from chalicelib.domain.events import EventKind
from chalicelib.domain.roles import Role
from chalicelib.schemas import schema

bp = Blueprint(__name__)

ORGANIZERS = frozenset({Role.ORGANIZER, Role.ADMIN})
OFFICERS = frozenset({Role.BRANCH_OFFICER, Role.ADMIN})
PLACES = {EventKind.EVENT: "/events", EventKind.TRAINING: "/trainings"}
CALENDAR = {"type": "string", "description": "an iCalendar file"}


def _c():  # type: ignore[no-untyped-def]
    return bootstrap.container()


def _named(name: str) -> Callable[[Callable[[Call], Any]], Callable[[Call], Any]]:
    """The same view is declared once per kind: each gets its own name."""

    def rename(view: Callable[[Call], Any]) -> Callable[[Call], Any]:
        view.__name__ = view.__qualname__ = name
        return view

    return rename


def _event(call: Call) -> str:
    return call.params["event_id"]


def _names(kind: EventKind) -> tuple[str, str, str, str]:
    """The collection path, one item's path, the OpenAPI tag and the noun of a kind."""
    base = PLACES[kind]
    return base, f"{base}/{{event_id}}", base.strip("/"), kind.value


def _event_routes(kind: EventKind) -> None:
    """Creating, listing, showing and editing; `kind` picks the path and what the services accept."""
    base, one, tag, noun = _names(kind)

    @endpoint(
        bp,
        base,
        "POST",
        summary=f"Create a {noun}",
        tag=tag,
        access=ORGANIZERS,
        body=schema("event"),
        responses={201: EVENT},
    )
    @_named(f"create_{noun}")
    def create(call: Call) -> Reply:
        return Reply(201, event_json(_c().events.create(call.who, kind, call.body)))

    @endpoint(
        bp,
        base,
        summary=f"The {noun}s I may see",
        tag=tag,
        query=schema("event_list_query"),
        responses={200: EVENT_LIST},
    )
    @_named(f"listing_{noun}")
    def listing(call: Call) -> dict[str, Any]:
        views = _c().events.listing(call.who, kind, call.query.get("past") == "true")
        return {"items": [event_json(v) for v in views], "next": None}

    @endpoint(bp, one, summary=f"One {noun}", tag=tag, responses={200: EVENT})
    @_named(f"show_{noun}")
    def show(call: Call) -> dict[str, Any]:
        return event_json(_c().events.view(call.who, _event(call), kind))

    @endpoint(
        bp,
        one,
        "PATCH",
        summary=f"Change or cancel a {noun} (its organizers)",
        tag=tag,
        body=schema("event_patch"),
        responses={200: EVENT},
    )
    @_named(f"edit_{noun}")
    def edit(call: Call) -> dict[str, Any]:
        return event_json(_c().events.edit(call.who, _event(call), kind, call.body))


def _registration_routes(kind: EventKind) -> None:
    _, one, tag, noun = _names(kind)

    @endpoint(
        bp,
        f"{one}/registrations",
        "POST",
        summary=f"Register for a {noun}",
        tag=tag,
        body=schema("registration"),
        responses={201: REGISTRATION},
    )
    @_named(f"register_{noun}")
    def register(call: Call) -> Reply:
        p = _c().registrations.register(call.who, _event(call), kind, call.body.get("answers"))
        return Reply(201, registration_json(p, kind))

    @endpoint(
        bp,
        f"{one}/registrations/me",
        "PATCH",
        summary="Change my answers",
        tag=tag,
        body=schema("registration"),
        responses={200: REGISTRATION},
    )
    @_named(f"change_answers_{noun}")
    def change_answers(call: Call) -> dict[str, Any]:
        p = _c().registrations.change_answers(call.who, _event(call), kind, call.body.get("answers"))
        return registration_json(p, kind)

    @endpoint(
        bp,
        f"{one}/registrations/me",
        "DELETE",
        summary="Cancel my registration",
        tag=tag,
        responses={200: REGISTRATION},
    )
    @_named(f"cancel_{noun}")
    def cancel(call: Call) -> dict[str, Any]:
        p = _c().registrations.cancel(call.who, _event(call), kind)
        return registration_json(p, kind)

    @endpoint(
        bp,
        f"{one}/calendar.ics",
        summary=f"The {noun} as a calendar file",
        tag=tag,
        responses={200: CALENDAR},
        content_type="text/calendar",
    )
    @_named(f"calendar_{noun}")
    def calendar(call: Call) -> Response:
        ics = _c().events.calendar_file(call.who, _event(call), kind, call.language)
        headers = {
            "Content-Type": "text/calendar; charset=utf-8",
            "Content-Disposition": f'attachment; filename="{kind.value}.ics"',
        }
        return Response(body=ics.decode("utf-8"), status_code=200, headers=headers)  # type: ignore[arg-type]


def _manager_routes(kind: EventKind) -> None:
    _, one, tag, noun = _names(kind)

    @endpoint(
        bp,
        f"{one}/participants",
        summary="Participants (its organizers)",
        tag=tag,
        query=schema("participant_query"),
        responses={200: PARTICIPANT_PAGE},
    )
    @_named(f"participants_{noun}")
    def participants(call: Call) -> dict[str, Any]:
        found, cursor = _c().events.participants(call.who, _event(call), kind, call.query)
        return {"items": [participant_json(p) for p in found], "next": cursor}

    @endpoint(
        bp,
        f"{one}/checkins",
        "POST",
        summary="Check a participant in at the door",
        tag=tag,
        body=schema("checkin"),
        responses={200: PARTICIPANT},
    )
    @_named(f"check_in_{noun}")
    def check_in(call: Call) -> dict[str, Any]:
        p = _c().events.check_in(call.who, _event(call), kind, call.body["member_id"], arrived=True)
        return participant_json(p)

    @endpoint(
        bp,
        f"{one}/checkins/{{member_id}}",
        "DELETE",
        summary="Undo a check-in",
        tag=tag,
        responses={200: PARTICIPANT},
    )
    @_named(f"undo_check_in_{noun}")
    def undo_check_in(call: Call) -> dict[str, Any]:
        p = _c().events.check_in(call.who, _event(call), kind, call.params["member_id"], arrived=False)
        return participant_json(p)


for _kind in EventKind:
    _event_routes(_kind)
    _registration_routes(_kind)
    _manager_routes(_kind)


@endpoint(
    bp,
    "/trainings/{event_id}/attendance",
    "POST",
    summary="Mark a participant as having completed the training (or withdraw it)",
    tag="trainings",
    body=schema("attendance"),
    responses={200: ATTENDANCE},
)
def attendance(call: Call) -> dict[str, Any]:
    done = _c().certificates.attendance(
        call.who, _event(call), call.body["member_id"], call.body["completed"]
    )
    return {
        "member_id": done.participant.member_id,
        "completed": done.participant.completed,
        "certificate_code": done.certificate_code,
    }


@endpoint(
    bp,
    "/trainings/{event_id}/enrolments/{member_id}/decision",
    "POST",
    summary="Approve or reject an enrolment (the member's branch officer, once)",
    tag="trainings",
    access=OFFICERS,
    body=schema("decision"),
    responses={200: REGISTRATION},
)
def decide_enrolment(call: Call) -> dict[str, Any]:
    decision = Decision(call.body["decision"])
    c = _c()
    p = c.trainings.decide(
        call.who, _event(call), call.params["member_id"], decision, call.body.get("reason")
    )
    return registration_json(p, EventKind.TRAINING)
