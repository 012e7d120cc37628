"""Opening runs as a workflow (infra/statemachines/election-opening): the officer's request waits a
few seconds for a small roll; a large one answers 202 `opening` and voting opens when the roll is
frozen. A freeze that fails for good leaves a draft, with the reason in the audit log."""

from __future__ import annotations

import pytest

from chalicelib.adapters.dynamo.elections import ElectionRepository
from chalicelib.services import election_opening
from tests.integration.conftest import body
from tests.integration.elections_support import cast, create, of_kind, scan, strike_ballot, token_session

pytestmark = pytest.mark.integration


def execution(workflows, election_id, revision=1):
    machine = workflows.arn("election-opening").replace(":stateMachine:", ":execution:")
    return f"{machine}:election-{election_id}-open-{revision}"


def audit_actions(dynamodb_client, table, election_id):
    return [
        i["action"]["S"]
        for i in of_kind(scan(dynamodb_client, table), "audit_entry")
        if i["target"]["S"] == f"election:{election_id}"
    ]


def test_a_roll_still_being_frozen_answers_202_and_voting_opens_when_it_is_done(
    api, union, workflows, monkeypatch, dynamodb_client, app_env
):
    monkeypatch.setattr(election_opening, "WAIT_FOR_SMALL_ROLL_SECONDS", 0)
    officer = token_session("demo-election")
    election_id = create(api, officer, strike_ballot())["id"]
    path = f"/api/elections/{election_id}"

    answer = api.http.post(f"{path}/open", headers=officer.headers)
    assert answer.status_code == 202 and body(answer)["status"] == "opening", answer.body
    workflows.wait(execution(workflows, election_id), timeout=30)

    opened = body(api.http.get(path, headers=officer.headers))
    assert opened["status"] == "open" and opened["roll_count"] > 0
    assert cast(api, token_session("demo-member"), election_id, ["yes"]).status_code == 201
    assert api.http.post(f"{path}/open", headers=officer.headers).status_code == 409
    assert audit_actions(dynamodb_client, app_env["TABLE_NAME"], election_id) == [
        "election.created",
        "election.opening",
        "election.opened",
    ]


def test_a_failed_freeze_leaves_a_draft_that_opens_again_under_a_new_roll(
    api, union, workflows, monkeypatch, dynamodb_client, app_env
):
    def broken(self, entries):
        raise RuntimeError("the table is not reachable")

    with monkeypatch.context() as patch:
        patch.setattr(ElectionRepository, "write_roll", broken)
        patch.setattr(election_opening, "WAIT_FOR_SMALL_ROLL_SECONDS", 0)
        officer = token_session("demo-election")
        election_id = create(api, officer, strike_ballot())["id"]
        path = f"/api/elections/{election_id}"
        assert api.http.post(f"{path}/open", headers=officer.headers).status_code == 202
        workflows.wait(execution(workflows, election_id), status="FAILED", timeout=60)

    draft = body(api.http.get(path, headers=officer.headers))
    assert draft["status"] == "draft" and draft["roll_count"] is None
    member = token_session("demo-member")
    assert cast(api, member, election_id, ["yes"]).status_code == 409
    items = scan(dynamodb_client, app_env["TABLE_NAME"])
    [failure] = [i for i in of_kind(items, "audit_entry") if i["action"]["S"] == "election.opening_failed"]
    assert "the table is not reachable" in failure["after"]["S"]

    reopened = api.http.post(f"{path}/open", headers=officer.headers)
    assert reopened.status_code == 200 and body(reopened)["status"] == "open", reopened.body
    assert cast(api, member, election_id, ["yes"]).status_code == 201


def test_an_opening_whose_workflow_cannot_start_leaves_a_draft(api, union):
    """No state machine here (no `workflows` fixture): the draft is not left `opening` for nothing."""
    officer = token_session("demo-election")
    election_id = create(api, officer, strike_ballot())["id"]
    path = f"/api/elections/{election_id}"
    refused = api.http.post(f"{path}/open", headers=officer.headers)
    assert refused.status_code == 503, refused.body
    assert body(api.http.get(path, headers=officer.headers))["status"] == "draft"
