"""Events through the API on DynamoDB Local: organizers create and manage, members register with
answers, cancel, are checked in; who may do what; the calendar file and the mails."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib import bootstrap
from devstack.mail_sink import attachment_bytes
from tests.integration.conftest import body
from tests.integration.events_support import at, call, created, event_body, headers_for

pytestmark = pytest.mark.integration

QUESTIONS = {
    "type": "object",
    "properties": {
        "diet": {"type": "string", "title": "Diet", "enum": ["none", "vegan", "gluten-free"]},
        "sauna": {"type": "boolean", "title": "Sauna"},
        "note": {"type": "string", "title": "Anything else", "maxLength": 50},
    },
    "required": ["diet"],
}


@pytest.fixture
def people(api, union):
    return {
        "organizer": headers_for("demo-organizer"),
        "member": headers_for("demo-member"),
        "member2": headers_for("demo-member2"),
        "officer": headers_for("demo-officer"),
        "admin": headers_for("demo-admin"),
    }


def register(api, headers, event_id, answers=None, kind="events"):
    payload = {} if answers is None else {"answers": answers}
    return call(api, "POST", f"/api/{kind}/{event_id}/registrations", headers, payload)


def test_a_member_registers_with_answers_and_is_mailed_with_the_calendar_file(api, people, mailbox):
    event = created(
        api,
        people["organizer"],
        questions=QUESTIONS,
        timezone="Europe/Helsinki",
        starts_at="2031-12-01T17:00",
        ends_at="2031-12-01T20:00",
    )
    assert event["starts_at"] == "2031-12-01T15:00:00Z" and event["can_manage"] is True
    assert event["seats"] == {"capacity": 10, "confirmed": 0, "waiting": 0, "free": 10}

    bad = register(api, people["member"], event["id"], {"diet": "meat", "extra": 1})
    assert bad.status_code == 400
    paths = {f["path"] for f in body(bad)["error"]["fields"]}
    assert paths == {"answers.diet", "answers.extra"}
    missing = register(api, people["member"], event["id"], {"sauna": True})
    assert [f["path"] for f in body(missing)["error"]["fields"]] == ["answers.diet"]

    done = register(api, people["member"], event["id"], {"diet": "vegan", "sauna": True})
    assert done.status_code == 201, done.body
    assert body(done)["status"] == "confirmed" and body(done)["position"] is None

    letter = mailbox.wait_for("member@example.org")
    assert "Syyskokous" in letter["subject"] and "1.12.2031 17.00" in letter["text"]
    assert f"/events/{event['id']}" in letter["text"]
    assert b"BEGIN:VEVENT" in attachment_bytes(letter, "event.ics")

    again = register(api, people["member"], event["id"], {"diet": "none"})
    assert again.status_code == 409 and body(again)["error"]["code"] == "already_registered"

    shown = body(call(api, "GET", f"/api/events/{event['id']}", people["member"]))
    assert shown["my_registration"]["answers"] == {"diet": "vegan", "sauna": True}
    assert shown["seats"]["confirmed"] == 1 and shown["can_manage"] is False

    changed = call(
        api,
        "PATCH",
        f"/api/events/{event['id']}/registrations/me",
        people["member"],
        {"answers": {"diet": "gluten-free"}},
    )
    assert changed.status_code == 200 and body(changed)["answers"] == {"diet": "gluten-free"}

    mine = body(call(api, "GET", "/api/me/registrations", people["member"]))["items"]
    assert (mine[0]["event"]["id"], mine[0]["status"]) == (event["id"], "confirmed")  # newest first
    assert mine[0]["event"]["title"]["fi"] == "Syyskokous"

    finnish = {**people["member"], "accept-language": "fi"}
    ics = call(api, "GET", f"/api/events/{event['id']}/calendar.ics", finnish)
    assert ics.status_code == 200 and ics.headers["Content-Type"].startswith("text/calendar")
    assert b"SUMMARY:Syyskokous" in ics.body


def test_a_question_schema_outside_the_simple_field_types_is_refused(api, people):
    questions = {"type": "object", "properties": {"file": {"type": "object", "title": "Upload"}}}
    refused = call(api, "POST", "/api/events", people["organizer"], event_body(questions=questions))
    assert refused.status_code == 400
    assert body(refused)["error"]["fields"][0]["path"] == "questions.properties.file"
    paid = call(api, "POST", "/api/events", people["organizer"], event_body(price_cents=1500))
    assert body(paid)["error"]["fields"][0]["path"] == "price_cents"


def test_members_outside_the_audience_and_members_on_organizer_routes_get_403(api, people):
    event = created(api, people["organizer"], audience={"branch_ids": ["helsinki"]})
    path = f"/api/events/{event['id']}"
    assert call(api, "GET", path, people["member2"]).status_code == 403  # Tampere
    assert register(api, people["member2"], event["id"]).status_code == 403
    listed = body(call(api, "GET", "/api/events", people["member2"]))["items"]
    assert event["id"] not in [e["id"] for e in listed]
    assert event["id"] in [e["id"] for e in body(call(api, "GET", "/api/events", people["member"]))["items"]]

    for method, suffix, payload in (
        ("GET", "/participants", None),
        ("PATCH", "", {"capacity": 20}),
        ("POST", "/checkins", {"member_id": "demo-member"}),
    ):
        assert call(api, method, path + suffix, people["member"], payload).status_code == 403
    assert call(api, "POST", "/api/events", people["member"], event_body()).status_code == 403
    assert call(api, "GET", f"/api/trainings/{event['id']}", people["member"]).status_code == 404


def test_check_in_at_the_door(api, people):
    event = created(api, people["organizer"], capacity=1)
    register(api, people["member"], event["id"])
    assert body(register(api, people["admin"], event["id"]))["status"] == "waiting"
    path = f"/api/events/{event['id']}"

    first = call(api, "POST", f"{path}/checkins", people["organizer"], {"member_id": "demo-member"})
    assert first.status_code == 200 and body(first)["checked_in_at"]
    again = call(api, "POST", f"{path}/checkins", people["organizer"], {"member_id": "demo-member"})
    assert body(again)["checked_in_at"] == body(first)["checked_in_at"]
    waiting = call(api, "POST", f"{path}/checkins", people["organizer"], {"member_id": "demo-admin"})
    assert waiting.status_code == 409 and body(waiting)["error"]["code"] == "not_confirmed"

    arrived = body(call(api, "GET", f"{path}/participants?status=checked_in", people["organizer"]))
    assert [p["member_id"] for p in arrived["items"]] == ["demo-member"]
    found = body(call(api, "GET", f"{path}/participants?q=mar", people["organizer"]))["items"]
    assert [p["first_name"] for p in found] == ["Maria"]

    undone = call(api, "DELETE", f"{path}/checkins/demo-member", people["organizer"])
    assert undone.status_code == 200 and body(undone)["checked_in_at"] is None
    assert (
        body(call(api, "GET", f"{path}/participants?status=checked_in", people["organizer"]))["items"] == []
    )


def test_registration_window_and_cancellation_deadline(api, people):
    not_yet = created(api, people["organizer"], registration_opens_at=at(days=2))
    closed = register(api, people["member"], not_yet["id"])
    assert closed.status_code == 409 and body(closed)["error"]["code"] == "registration_closed"

    late = created(
        api, people["organizer"], registration_opens_at=at(days=-2), cancellation_deadline=at(hours=-1)
    )
    assert register(api, people["member"], late["id"]).status_code == 201
    refused = call(api, "DELETE", f"/api/events/{late['id']}/registrations/me", people["member"])
    assert refused.status_code == 409 and body(refused)["error"]["code"] == "cancellation_closed"


def test_a_cancellation_promotes_the_first_waiting_member_and_a_cancelled_member_may_register_again(
    api, people, mailbox
):
    event = created(api, people["organizer"], capacity=1)
    register(api, people["member"], event["id"])
    waiting = body(register(api, people["member2"], event["id"]))
    assert waiting["status"] == "waiting" and waiting["position"] == 1

    cancelled = call(api, "DELETE", f"/api/events/{event['id']}/registrations/me", people["member"])
    assert cancelled.status_code == 200 and body(cancelled)["status"] == "cancelled"
    mine = body(call(api, "GET", f"/api/events/{event['id']}", people["member2"]))["my_registration"]
    assert mine["status"] == "confirmed"
    promoted = mailbox.wait_for("member2@example.org", count=2)
    assert b"BEGIN:VEVENT" in attachment_bytes(promoted, "event.ics")

    back = body(register(api, people["member"], event["id"]))
    assert back["status"] == "waiting" and back["position"] == 1


def test_capacity_changes_promote_and_cannot_go_below_the_confirmed(api, people):
    event = created(api, people["organizer"], capacity=1)
    path = f"/api/events/{event['id']}"
    register(api, people["member"], event["id"])
    register(api, people["member2"], event["id"])
    register(api, people["officer"], event["id"])

    raised = call(api, "PATCH", path, people["organizer"], {"capacity": 2})
    assert raised.status_code == 200
    assert body(raised)["seats"] == {"capacity": 2, "confirmed": 2, "waiting": 1, "free": 0}
    confirmed = body(call(api, "GET", f"{path}/participants", people["organizer"]))["items"]
    assert sorted(p["member_id"] for p in confirmed) == ["demo-member", "demo-member2"]

    lowered = call(api, "PATCH", path, people["organizer"], {"capacity": 1})
    assert lowered.status_code == 409 and body(lowered)["error"]["code"] == "capacity_below_confirmed"
    waiting = body(call(api, "GET", f"{path}/participants?status=waiting", people["organizer"]))["items"]
    assert [(p["member_id"], p["position"]) for p in waiting] == [("demo-officer", 1)]

    gone = call(api, "PATCH", path, people["organizer"], {"status": "cancelled"})
    assert body(gone)["status"] == "cancelled"
    assert register(api, people["admin"], event["id"]).status_code == 409


def test_the_demo_union_has_upcoming_events_a_waiting_list_and_a_certificate(api, people):
    events = {e["id"]: e for e in body(call(api, "GET", "/api/events", people["member"]))["items"]}
    cruise = events["demo-cruise"]
    assert cruise["seats"] == {"capacity": 12, "confirmed": 12, "waiting": 2, "free": 0}
    assert events["demo-autumn-meeting"]["questions"]["required"] == ["diet"]
    assert "demo-webinar" in events
    assert body(register(api, people["member"], "demo-cruise"))["position"] == 3

    trainings = body(call(api, "GET", "/api/trainings", people["member"]))["items"]
    assert [t["id"] for t in trainings if t["requires_approval"]] == ["demo-steward-course"]
    past = body(call(api, "GET", "/api/trainings?past=true", people["member"]))["items"]
    assert [t["id"] for t in past] == ["demo-safety-training"]
    [certificate] = body(call(api, "GET", "/api/me/certificates", people["member"]))["items"]
    assert body(api.http.get(f"/api/certificates/{certificate['code']}"))["genuine"] is True


def test_the_day_before_reminder_goes_once_to_each_confirmed_participant(api, people, mailbox):
    soon = created(api, people["organizer"], starts_at=at(hours=20), ends_at=at(hours=22), capacity=1)
    later = created(api, people["organizer"], starts_at=at(days=3), ends_at=at(days=3, hours=1))
    register(api, people["member"], soon["id"])
    register(api, people["member2"], soon["id"])  # waiting: no reminder
    register(api, people["member2"], later["id"])
    events = bootstrap.container().events
    assert events.send_reminders(datetime.now(UTC)) == 1
    assert events.send_reminders(datetime.now(UTC)) == 0
    reminders = [m["to"] for m in mailbox.messages() if m["subject"].startswith("Muistutus")]
    assert reminders == ["member@example.org"]
