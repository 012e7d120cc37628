"""Trainings with the real training-enrolment state machine (moto runs the ASL, the tasks run the
app's handlers on DynamoDB Local): approval, refusal, prerequisites, attendance, certificates."""

from __future__ import annotations

import time

import pytest

from chalicelib import bootstrap
from tests.integration.conftest import body
from tests.integration.events_support import at, call, created, headers_for

pytestmark = pytest.mark.integration

MEMBER, OFFICER = "member@example.org", "officer@example.org"


@pytest.fixture
def people(api, union, workflows):
    return {
        "organizer": headers_for("demo-organizer"),
        "member": headers_for("demo-member"),  # Helsinki, whose officer is demo-officer
        "member2": headers_for("demo-member2"),  # Tampere
        "officer": headers_for("demo-officer"),
        "admin": headers_for("demo-admin"),
    }


def enrol(api, headers, training_id):
    return call(api, "POST", f"/api/trainings/{training_id}/registrations", headers, {})


def waiting_for(api, officer, count=1, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        items = body(call(api, "GET", "/api/enrolments", officer))["items"]
        if len(items) >= count:
            return items
        time.sleep(0.1)
    raise AssertionError("the enrolment never reached the officer")


def my_status(api, headers, training_id):
    mine = body(call(api, "GET", f"/api/trainings/{training_id}", headers))["my_registration"]
    return mine and mine["status"]


def eventually(check, timeout=15.0):
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "never happened"
        time.sleep(0.1)


def execution(workflows, enrolment_id):
    arn = workflows.arn("training-enrolment").replace(":stateMachine:", ":execution:")
    return f"{arn}:{enrolment_id}"


def decide(api, headers, training_id, member_id, decision, reason=None):
    payload = {"decision": decision, **({"reason": reason} if reason else {})}
    return call(
        api, "POST", f"/api/trainings/{training_id}/enrolments/{member_id}/decision", headers, payload
    )


def test_an_approved_trainee_completes_and_gets_a_genuine_certificate(api, people, mailbox, workflows):
    training = created(
        api,
        people["organizer"],
        "/api/trainings",
        requires_approval=True,
        capacity=5,
        starts_at=at(days=1),
        ends_at=at(days=1, hours=6),
    )
    pending = enrol(api, people["member"], training["id"])
    assert pending.status_code == 201 and body(pending)["status"] == "pending_approval"

    [waiting] = waiting_for(api, people["officer"])
    assert (waiting["training_id"], waiting["member_id"], waiting["branch_id"]) == (
        training["id"],
        "demo-member",
        "helsinki",
    )
    told = mailbox.wait_for(OFFICER)
    assert "Maria Member" in told["text"] and "/enrolments" in told["text"]
    tampere = decide(api, headers_for("demo-trustee1"), training["id"], "demo-member", "approve")
    assert tampere.status_code == 403

    assert decide(api, people["officer"], training["id"], "demo-member", "approve").status_code == 200
    eventually(lambda: my_status(api, people["member"], training["id"]) == "confirmed")
    again = decide(api, people["officer"], training["id"], "demo-member", "approve")
    assert again.status_code == 409
    approved = mailbox.wait_for(MEMBER)
    assert "Luottamushenkilökurssi" in approved["subject"] and approved["attachments"]
    assert body(call(api, "GET", "/api/enrolments", people["officer"]))["items"] == []

    path = f"/api/trainings/{training['id']}/attendance"
    refused = call(api, "POST", path, people["member"], {"member_id": "demo-member", "completed": True})
    assert refused.status_code == 403
    done = call(api, "POST", path, people["organizer"], {"member_id": "demo-member", "completed": True})
    assert done.status_code == 200, done.body
    code = body(done)["certificate_code"]
    assert body(done)["completed"] is True and len(code) == 14
    repeated = call(api, "POST", path, people["organizer"], {"member_id": "demo-member", "completed": True})
    assert body(repeated)["certificate_code"] == code
    assert code in mailbox.wait_for(MEMBER, count=2)["text"]

    mine = body(call(api, "GET", "/api/me/certificates", people["member"]))["items"]
    assert (code, training["id"], 6) in [(c["code"], c["training_id"], c["hours"]) for c in mine]
    check = api.http.get(f"/api/certificates/{code.lower()}")
    assert check.status_code == 200
    assert body(check) | {"date": "-"} == {
        "genuine": True,
        "code": code,
        "name": "Maria Member",
        "training": training["title"],
        "date": "-",
        "hours": 6,
        "union": bootstrap.container().settings.union_name,
    }

    pdf_path = f"/api/certificates/{code}.pdf"
    pdf = api.http.get(pdf_path, headers={**people["member"], "accept": "application/pdf"})
    assert pdf.status_code == 200 and pdf.body.startswith(b"%PDF")
    assert (
        api.http.get(pdf_path, headers={**people["member2"], "accept": "application/pdf"}).status_code == 403
    )
    assert api.http.get(pdf_path, headers={"accept": "application/pdf"}).status_code == 401
    assert api.http.get(pdf_path, headers={**people["admin"], "accept": "application/pdf"}).status_code == 200

    withdrawn = call(api, "POST", path, people["organizer"], {"member_id": "demo-member", "completed": False})
    assert body(withdrawn) == {"member_id": "demo-member", "completed": False, "certificate_code": None}
    gone = api.http.get(f"/api/certificates/{code}")
    assert gone.status_code == 404 and body(gone)["genuine"] is False
    left = body(call(api, "GET", "/api/me/certificates", people["member"]))["items"]
    assert [c["training_id"] for c in left] == ["demo-safety-training"]  # the demo union's own


def test_a_rejected_enrolment_is_declined_with_the_reason_and_may_be_made_again(
    api, people, mailbox, workflows
):
    training = created(api, people["organizer"], "/api/trainings", requires_approval=True)
    enrol(api, people["member"], training["id"])
    waiting_for(api, people["officer"])
    no_reason = decide(api, people["officer"], training["id"], "demo-member", "reject")
    assert no_reason.status_code == 400

    rejected = decide(api, people["officer"], training["id"], "demo-member", "reject", "Budget is used up")
    assert rejected.status_code == 200
    eventually(lambda: my_status(api, people["member"], training["id"]) == "declined")
    letter = mailbox.wait_for(MEMBER)
    assert "Budget is used up" in letter["text"]
    mine = body(call(api, "GET", "/api/me/registrations", people["member"]))["items"]
    assert [r["status"] for r in mine if r["event_id"] == training["id"]] == ["declined"]
    assert body(enrol(api, people["member"], training["id"]))["status"] == "pending_approval"


def test_prerequisites_must_be_completed_first(api, people):
    basics = created(api, people["organizer"], "/api/trainings", capacity=3)
    advanced = created(
        api,
        people["organizer"],
        "/api/trainings",
        prerequisites=[basics["id"]],
        title={"fi": "Jatkokurssi", "en": "Advanced course"},
    )
    refused = enrol(api, people["member"], advanced["id"])
    assert refused.status_code == 409 and body(refused)["error"]["code"] == "prerequisites_missing"
    assert (
        "Luottamushenkilökurssi" in body(refused)["error"]["message"]
        or "Steward course" in body(refused)["error"]["message"]
    )

    assert body(enrol(api, people["member"], basics["id"]))["status"] == "confirmed"
    completed = {"member_id": "demo-member", "completed": True}
    call(api, "POST", f"/api/trainings/{basics['id']}/attendance", people["organizer"], completed)
    assert body(enrol(api, people["member"], advanced["id"]))["status"] == "confirmed"
    bad = call(
        api, "POST", "/api/trainings", people["organizer"], {**advanced_body(), "prerequisites": ["nope"]}
    )
    assert bad.status_code == 400 and body(bad)["error"]["fields"][0]["path"] == "prerequisites"


def advanced_body():
    return {
        "title": {"en": "Advanced"},
        "starts_at": at(days=3),
        "ends_at": at(days=3, hours=2),
        "capacity": 5,
        "hours": 2,
    }
