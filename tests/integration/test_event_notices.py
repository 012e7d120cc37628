"""Mail that tells participants what happened without them: an event cancelled by its organizer
(the cancellation workflow mails everyone registered), an enrolment nobody decided in time."""

from __future__ import annotations

import time

import pytest

from chalicelib import bootstrap
from tests.integration.conftest import body
from tests.integration.events_support import call, created, headers_for, new_members

pytestmark = pytest.mark.integration


def subjects(mailbox, to):
    return [m["subject"] for m in mailbox.messages(to)]


def letter_titled(mailbox, to, prefix, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [m for m in mailbox.messages(to) if m["subject"].startswith(prefix)]
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"no mail '{prefix}…' to {to}: {subjects(mailbox, to)}")


def mailing_finished(workflows, timeout=30.0):
    machine = workflows.arn("event-cancellation")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        runs = workflows.sfn.list_executions(stateMachineArn=machine)["executions"]
        if runs and all(r["status"] == "SUCCEEDED" for r in runs):
            return
        time.sleep(0.1)
    raise AssertionError("the cancellation mailing did not finish")


def test_cancelling_an_event_tells_the_seated_and_the_waiting_in_their_language(
    api, union, mailbox, workflows
):
    organizer = headers_for("demo-organizer")
    event = created(api, organizer, capacity=1)
    seated, waiting = new_members(2, "notice")
    path = f"/api/events/{event['id']}"
    assert (
        body(call(api, "POST", f"{path}/registrations", headers_for(seated), {"answers": {}}))["status"]
        == "confirmed"
    )
    assert (
        body(call(api, "POST", f"{path}/registrations", headers_for(waiting), {"answers": {}}))["status"]
        == "waiting"
    )
    assert (
        body(call(api, "DELETE", f"{path}/registrations/me", headers_for(waiting)))["status"] == "cancelled"
    )
    outsider = new_members(1, "outsider")[0]

    cancelled = call(api, "PATCH", path, organizer, {"status": "cancelled"})
    assert cancelled.status_code == 200 and body(cancelled)["status"] == "cancelled"

    mailing_finished(workflows)
    letter = letter_titled(mailbox, f"{seated}@example.org", "Peruttu")
    assert letter["subject"] == "Peruttu: Syyskokous" and "on peruttu" in letter["text"]
    assert f"/events/{event['id']}" in letter["text"]
    assert not any(s.startswith("Peruttu") for s in subjects(mailbox, f"{waiting}@example.org")), (
        "a member who had cancelled already is not told again"
    )
    assert subjects(mailbox, f"{outsider}@example.org") == []


def test_the_waiting_list_is_told_too(api, union, mailbox, workflows):
    organizer = headers_for("demo-organizer")
    event = created(api, organizer, capacity=1)
    path = f"/api/events/{event['id']}"
    seated, waiting = new_members(2, "queue")
    for member_id in (seated, waiting):
        call(api, "POST", f"{path}/registrations", headers_for(member_id), {"answers": {}})
    call(api, "PATCH", path, organizer, {"status": "cancelled"})
    for member_id in (seated, waiting):
        assert (
            letter_titled(mailbox, f"{member_id}@example.org", "Peruttu")["subject"] == "Peruttu: Syyskokous"
        )


@pytest.fixture
def impatient_enrolment(workflows, tmp_path, monkeypatch):
    """The training enrolment state machine, waiting 2 seconds instead of 14 days for the officer."""
    arn = workflows.impatient("training-enrolment", "AwaitBranchDecision", 2, tmp_path)
    monkeypatch.setenv("TRAINING_ENROLMENT_STATE_MACHINE_ARN", arn)
    bootstrap.reset()


def test_an_enrolment_nobody_decides_in_time_lapses_and_the_member_is_told(
    api, union, mailbox, impatient_enrolment
):
    training = created(api, headers_for("demo-organizer"), "/api/trainings", requires_approval=True)
    member = headers_for("demo-member")
    path = f"/api/trainings/{training['id']}"
    assert body(call(api, "POST", f"{path}/registrations", member, {}))["status"] == "pending_approval"

    letter = letter_titled(mailbox, "member@example.org", "Ilmoittautumisesi raukesi")
    assert "Luottamushenkilökurssi" in letter["subject"] and "ei tehnyt päätöstä" in letter["text"]
    mine = body(call(api, "GET", path, member))["my_registration"]
    assert mine["status"] == "declined"
