"""Join → the state machine waits for the officer (task token) → approve or reject, exactly once."""

from __future__ import annotations

import json
import time

import pytest

from tests.integration.conftest import body, post

pytestmark = pytest.mark.integration

APPLICANT = {
    "email": "new.person@example.org",
    "first_name": "Uusi",
    "last_name": "Jäsen",
    "branch_id": "helsinki",
    "workplace_id": "helsinki-care",
    "language": "sv",
}


def wait_pending(api, officer, timeout=15.0, count=1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        items = body(api.http.get("/api/applications?status=pending", headers=officer.headers))["items"]
        if len(items) >= count:
            return items
        time.sleep(0.1)
    raise AssertionError("the application never reached the officer")


def decide(api, officer, application_id, decision, reason=None):
    payload = {"decision": decision, **({"reason": reason} if reason else {})}
    return api.http.post(
        f"/api/applications/{application_id}/decision", body=json.dumps(payload), headers=officer.headers
    )


def execution(workflows, application_id):
    arn = workflows.arn("membership-application").replace(":stateMachine:", ":execution:")
    return f"{arn}:{application_id}"


def test_an_approved_applicant_becomes_a_member_and_is_welcomed(api, mailbox, workflows, sign_in):
    submitted = post(api, "/api/applications", APPLICANT)
    assert submitted.status_code == 202, submitted.body
    application_id = body(submitted)["id"]
    assert mailbox.wait_for(APPLICANT["email"])["subject"] == "Vi har tagit emot din medlemsansökan"

    officer = sign_in("officer@example.org")
    [pending] = wait_pending(api, officer)
    assert pending["id"] == application_id and pending["status"] == "pending"
    told = [m for m in mailbox.messages("officer@example.org") if "odottaa" in m["subject"]]
    assert len(told) == 1 and "Uusi Jäsen" in told[0]["text"] and "/applications" in told[0]["text"]

    approved = decide(api, officer, application_id, "approve")
    assert approved.status_code == 200 and body(approved)["status"] == "approved"
    workflows.wait(execution(workflows, application_id))
    welcome = mailbox.wait_for(APPLICANT["email"], count=2)
    assert welcome["subject"] == "Välkommen till förbundet, Uusi!"

    again = decide(api, officer, application_id, "reject", "changed my mind")
    assert again.status_code == 409 and "already decided" in body(again)["error"]["message"]
    member = sign_in(APPLICANT["email"])
    profile = body(api.http.get("/api/me", headers=member.headers))
    assert (profile["status"], profile["branch_id"], profile["language"]) == ("active", "helsinki", "sv")
    assert (
        len(mailbox.messages(APPLICANT["email"])) == 3
    )  # received, welcome, sign-in code: no second welcome


def test_a_rejected_applicant_is_told_why(api, mailbox, workflows, sign_in):
    application_id = body(post(api, "/api/applications", APPLICANT))["id"]
    officer = sign_in("officer@example.org")
    wait_pending(api, officer)
    no_reason = decide(api, officer, application_id, "reject")
    assert no_reason.status_code == 400 and body(no_reason)["error"]["fields"][0]["path"] == "reason"
    assert decide(api, officer, application_id, "reject", "not in our field").status_code == 200
    workflows.wait(execution(workflows, application_id))
    letter = mailbox.wait_for(APPLICANT["email"], count=2)
    assert "not in our field" in letter["text"]
    assert post(api, "/api/applications", APPLICANT).status_code == 202, "the address is free again"


def test_only_an_officer_of_that_branch_decides(api, workflows, sign_in):
    application_id = body(
        post(api, "/api/applications", {**APPLICANT, "branch_id": "tampere", "workplace_id": None})
    )["id"]
    admin = sign_in("admin@example.org")
    wait_pending(api, admin)
    officer = sign_in("officer@example.org")
    assert body(api.http.get("/api/applications?status=pending", headers=officer.headers))["items"] == []
    assert decide(api, officer, application_id, "approve").status_code == 403
    member = sign_in("member@example.org")
    assert api.http.get("/api/applications?status=pending", headers=member.headers).status_code == 403


@pytest.fixture
def impatient_workflow(workflows, tmp_path, monkeypatch):
    """The same state machine file, waiting 2 seconds instead of 30 days for the officer."""
    from chalicelib import bootstrap

    arn = workflows.impatient("membership-application", "AwaitOfficerDecision", 2, tmp_path)
    monkeypatch.setenv("MEMBERSHIP_APPLICATION_STATE_MACHINE_ARN", arn)
    bootstrap.reset()
    return arn


def test_a_decision_after_the_deadline_changes_nothing(api, mailbox, impatient_workflow, workflows, sign_in):
    application_id = body(post(api, "/api/applications", APPLICANT))["id"]
    officer = sign_in("officer@example.org")
    arn = impatient_workflow.replace(":stateMachine:", ":execution:") + f":{application_id}"
    workflows.wait(arn, timeout=20)
    states = [e.get("stateEnteredEventDetails", {}).get("name") for e in workflows.history(arn)]
    assert "ExpireApplication" in states and "ActivateMember" not in states
    late = decide(api, officer, application_id, "approve")
    assert late.status_code == 409 and body(late)["error"]["code"] == "decision_expired"
    assert body(api.http.get("/api/applications?status=pending", headers=officer.headers))["items"] == []
    assert post(api, "/api/applications", APPLICANT).status_code == 202, "the address is free again"


def test_a_bad_join_form_names_its_fields(api, workflows, union):
    response = post(api, "/api/applications", {"email": "x", "first_name": "", "branch_id": "oulu"})
    assert response.status_code == 400
    paths = {f["path"] for f in body(response)["error"]["fields"]}
    assert {"first_name", "last_name"} <= paths
    wrong_branch = post(api, "/api/applications", {**APPLICANT, "branch_id": "oulu", "workplace_id": None})
    assert wrong_branch.status_code == 400 and body(wrong_branch)["error"]["fields"][0]["path"] == "branch_id"
    member_address = post(api, "/api/applications", {**APPLICANT, "email": "member@example.org"})
    assert member_address.status_code == 409


def test_the_officers_of_the_branch_are_told_and_a_new_officer_too(api, mailbox, workflows, sign_in):
    admin = sign_in("admin@example.org")
    grant = json.dumps({"grants": [{"role": "branch_officer", "branch_ids": ["tampere"]}]})
    assert (
        api.http.put("/api/members/demo-member2/roles", body=grant, headers=admin.headers).status_code == 200
    )
    post(api, "/api/applications", {**APPLICANT, "branch_id": "tampere", "workplace_id": None})
    told = mailbox.wait_for("member2@example.org")
    assert told["subject"] == "Jäsenhakemus odottaa päätöstäsi"
    assert [m for m in mailbox.messages("officer@example.org") if "odottaa" in m["subject"]] == []

    revoke = json.dumps({"grants": []})
    assert (
        api.http.put("/api/members/demo-member2/roles", body=revoke, headers=admin.headers).status_code == 200
    )
    post(
        api,
        "/api/applications",
        {**APPLICANT, "email": "second@example.org", "branch_id": "tampere", "workplace_id": None},
    )
    mailbox.wait_for("second@example.org")
    wait_pending(api, admin, count=2)
    assert len(mailbox.messages("member2@example.org")) == 1
