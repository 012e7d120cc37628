"""Closing on DynamoDB Local and moto: close → freeze → count → the officer's approval → publish, and the
bundle re-checked by `portal-verify`, which names an edited or deleted ballot."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.conftest import body
from tests.integration.elections_support import (
    cast,
    create,
    of_kind,
    open_election,
    scan,
    times,
    token_session,
)

pytestmark = pytest.mark.integration

VOTES = {
    "demo-member": ["pia"],
    "demo-member2": ["pia"],
    "demo-steward": ["olli"],
    "demo-officer": ["pia"],
    "demo-organizer": ["matti"],
    "demo-trustee1": [],
    "demo-trustee2": ["olli"],
}


def plurality(**extra):
    return {
        "title": {"fi": "Puheenjohtaja", "sv": "Ordförande", "en": "Chair"},
        "kind": "plurality",
        "options": [
            {"id": "pia", "name": "Pia Puheenjohtaja"},
            {"id": "olli", "name": "Olli Osasto"},
            {"id": "matti", "name": "Matti Meikäläinen"},
        ],
        **times(),
        **extra,
    }


def execution_arn(workflows, election_id):
    machine = workflows.arn("election-closing").replace(":stateMachine:", ":execution:")
    return f"{machine}:election-{election_id}"


def verify(tmp_path: Path, bundle: dict) -> subprocess.CompletedProcess:
    path = tmp_path / "bundle.json"
    path.write_text(json.dumps(bundle))
    command = [str(Path(sys.executable).with_name("portal-verify")), str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def counted(api, union, workflows):
    """A plurality election with seven ballots, closed and counted, waiting for the officer."""
    officer = token_session("demo-election")
    election = create(api, officer, plurality())
    open_election(api, officer, election["id"])
    for member_id, choices in VOTES.items():
        assert cast(api, token_session(member_id), election["id"], choices).status_code == 201
    path = f"/api/elections/{election['id']}"
    closing = api.http.post(f"{path}/close", headers=officer.headers)
    assert closing.status_code == 202 and body(closing)["status"] == "closing", closing.body
    assert api.http.post(f"{path}/publish", headers=officer.headers).status_code == 409
    arn = execution_arn(workflows, election["id"])
    workflows.wait_for_state(arn, "AwaitOfficerApproval", timeout=30)
    # The state is entered before its task has kept the token: wait until the count is ready.
    deadline = time.monotonic() + 30
    while body(api.http.get(path, headers=officer.headers))["status"] != "counted":
        assert time.monotonic() < deadline, "the count never became ready"
        time.sleep(0.2)
    return officer, election["id"], arn


def test_the_officer_approves_the_count_and_the_results_are_published(
    api, workflows, counted, dynamodb_client, app_env
):
    officer, election_id, arn = counted
    path = f"/api/elections/{election_id}"
    assert api.http.get(f"{path}/results").status_code == 404  # not public before approval
    seen = body(api.http.get(f"{path}/results", headers=officer.headers))
    assert seen["status"] == "counted" and seen["elected"] == ["pia"]
    assert seen["counts"] == {"pia": 3, "olli": 2, "matti": 1, "blank": 1} and seen["ballots_cast"] == 7

    published = api.http.post(f"{path}/publish", headers=officer.headers)
    assert published.status_code == 200 and body(published)["status"] == "published"
    assert api.http.post(f"{path}/publish", headers=officer.headers).status_code == 409
    workflows.wait(arn, timeout=30)

    results = body(api.http.get(f"{path}/results"))
    election = body(api.http.get(path, headers=officer.headers))
    assert results["board_head"] == election["board_head"] == body(api.http.get(f"{path}/board"))["head"]
    assert results["elected"] == ["pia"] and results["status"] == "published"
    board = body(api.http.get(f"{path}/board"))
    assert board["final"] is True and board["pending"] == [] and board["codes_total"] == 7

    items = scan(dynamodb_client, app_env["TABLE_NAME"])
    actions = [
        i["action"]["S"]
        for i in of_kind(items, "audit_entry")
        if i["target"]["S"] == f"election:{election_id}"
    ]
    assert actions == [
        "election.created",
        "election.opening",
        "election.opened",
        "election.closed",
        "election.board_frozen",
        "election.counted",
        "election.published",
    ]


def test_portal_verify_passes_the_bundle_and_names_an_edited_or_deleted_ballot(
    api, workflows, counted, dynamodb_client, app_env, tmp_path
):
    officer, election_id, arn = counted
    path = f"/api/elections/{election_id}"
    assert api.http.get(f"{path}/bundle").status_code == 404
    assert api.http.post(f"{path}/publish", headers=officer.headers).status_code == 200
    workflows.wait(arn, timeout=30)
    download = api.http.get(f"{path}/bundle")
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    checked = verify(tmp_path, json.loads(download.body))
    assert checked.returncode == 0, checked.stdout + checked.stderr

    table = app_env["TABLE_NAME"]
    ballots = of_kind(scan(dynamodb_client, table), "ballot")
    victim = next(b for b in ballots if b["content"]["S"] == '[1,["olli"]]')
    key = {"pk": victim["pk"], "sk": victim["sk"]}
    dynamodb_client.update_item(
        TableName=table,
        Key=key,
        UpdateExpression="SET #c = :c",
        ExpressionAttributeNames={"#c": "content"},
        ExpressionAttributeValues={":c": {"S": '[1,["matti"]]'}},
    )
    edited = verify(tmp_path, body(api.http.get(f"{path}/bundle")))
    assert edited.returncode == 1 and "result.counts" in edited.stdout, edited.stdout

    dynamodb_client.delete_item(TableName=table, Key=key)
    deleted = verify(tmp_path, body(api.http.get(f"{path}/bundle")))
    assert deleted.returncode == 1 and "6 ballots but 7 tracking codes" in deleted.stdout, deleted.stdout
