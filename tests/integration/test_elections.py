"""Elections through the API on DynamoDB Local: define, open (frozen roll), vote once, board, turnout."""

from __future__ import annotations

import json
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest

from chalicelib import bootstrap
from chalicelib.domain import board
from chalicelib.domain.roles import Principal
from chalicelib.domain.tracking import normalise_code
from chalicelib.services.election_board import BoardService
from chalicelib.services.elections import ElectionService
from tests.integration.conftest import body
from tests.integration.elections_support import (
    cast,
    create,
    open_election,
    strike_ballot,
    stv_board,
    token_session,
)

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("workflows")]


def test_a_bad_definition_is_refused_naming_each_field(api, union):
    officer = token_session("demo-election")
    payload = stv_board(
        seats=4,
        options=[{"id": "a", "name": "A"}, {"id": "a", "name": "B", "list": "L"}],
        eligibility={"branch_ids": ["atlantis"], "dues_paid_until": "2026-01-01"},
        qualified_majority="2/3",
    )
    answer = api.http.post("/api/elections", body=json.dumps(payload), headers=officer.headers)
    assert answer.status_code == 400
    paths = {f["path"] for f in body(answer)["error"]["fields"]}
    assert "eligibility.dues_paid_until" in paths
    answer = api.http.post(
        "/api/elections", body=json.dumps({**payload, "eligibility": None}), headers=officer.headers
    )
    paths = {f["path"] for f in body(answer)["error"]["fields"]}
    assert {"options.1.id", "options.1.list", "seats", "qualified_majority"} <= paths
    wrong_branch = stv_board(eligibility={"branch_ids": ["atlantis"]})
    answer = api.http.post("/api/elections", body=json.dumps(wrong_branch), headers=officer.headers)
    assert (
        answer.status_code == 400 and body(answer)["error"]["fields"][0]["path"] == "eligibility.branch_ids"
    )


def test_only_the_election_officer_defines_elections(api, union):
    member = token_session("demo-member")
    answer = api.http.post("/api/elections", body=json.dumps(stv_board()), headers=member.headers)
    assert answer.status_code == 403


def test_a_draft_is_edited_then_opened_and_only_words_and_closing_change_after(api, union):
    officer = token_session("demo-election")
    election = create(api, officer, stv_board(eligibility={"branch_ids": ["helsinki"]}))
    assert election["status"] == "draft" and election["roll_count"] is None
    member = token_session("demo-member")
    assert api.http.get(f"/api/elections/{election['id']}", headers=member.headers).status_code == 404

    path = f"/api/elections/{election['id']}"
    change = {"seats": 1, "revision": election["revision"]}
    edited = api.http.patch(path, body=json.dumps(change), headers=officer.headers)
    assert edited.status_code == 200 and body(edited)["seats"] == 1
    stale = api.http.patch(path, body=json.dumps(change), headers=officer.headers)
    assert stale.status_code == 409

    opened = open_election(api, officer, election["id"])
    helsinki = [
        m for m in bootstrap.container().store.elections.members(["helsinki"]) if m.status.value == "active"
    ]
    assert opened["status"] == "open" and opened["roll_count"] == len(helsinki) > 0
    refused = api.http.patch(path, body=json.dumps({"seats": 2}), headers=officer.headers)
    assert refused.status_code == 409 and "seats" in body(refused)["error"]["message"]
    retitled = api.http.patch(path, body=json.dumps({"title": {"fi": "Uusi nimi"}}), headers=officer.headers)
    assert retitled.status_code == 200 and body(retitled)["title"]["fi"] == "Uusi nimi"
    assert api.http.post(f"{path}/open", headers=officer.headers).status_code == 409

    seen = body(api.http.get(path, headers=member.headers))
    assert seen["my"] == {"on_roll": True, "voted": False} and seen["can_manage"] is False
    listed = body(api.http.get("/api/elections", headers=member.headers))["items"]
    assert [e["id"] for e in listed] == [election["id"]]
    tampere = token_session("demo-member2")  # not in the Helsinki branch: not on this roll
    assert api.http.get(path, headers=tampere.headers).status_code == 404
    assert cast(api, tampere, election["id"], ["anna"]).status_code == 403


def test_a_member_votes_once_and_finds_the_code_on_the_board(api, union, mailbox):
    officer = token_session("demo-election")
    election = create(api, officer, stv_board())
    open_election(api, officer, election["id"])
    voter = token_session("demo-member")
    path = f"/api/elections/{election['id']}"

    ballot = body(api.http.get(f"{path}/ballot", headers=voter.headers))
    again = body(api.http.get(f"{path}/ballot", headers=voter.headers))
    assert ballot["options"] == again["options"] and ballot["ranked"] is True and ballot["preview"] is False
    assert {o["id"] for o in ballot["options"]} == {"anna", "bertil", "cecilia", "daniel"}

    bad = cast(api, voter, election["id"], ["anna", "anna", "zed"])
    assert bad.status_code == 400
    assert {f["path"] for f in body(bad)["error"]["fields"]} == {"choices.1", "choices.2"}

    first = cast(api, voter, election["id"], ["cecilia", "anna"])
    assert first.status_code == 201, first.body
    code = body(first)["tracking_code"]
    assert normalise_code(code) == code
    second = cast(api, voter, election["id"], ["bertil"])
    assert second.status_code == 409 and body(second)["error"]["code"] == "already_voted"

    board = body(api.http.get(f"{path}/board"))
    assert code in board["pending"] or any(code in b["codes"] for b in board["blocks"])
    found = api.http.get(f"{path}/board/{code.replace('-', '').lower()}")
    assert found.status_code == 200 and body(found)["tracking_code"] == code
    assert api.http.get(f"{path}/board/{'0' * 20}").status_code in (400, 404)

    seen = body(api.http.get(path, headers=voter.headers))
    assert seen["my"] == {"on_roll": True, "voted": True}
    assert body(api.http.get(f"{path}/ballot", headers=voter.headers))["voted"] is True
    [mail] = mailbox.wait_for("member@example.org") and mailbox.messages("member@example.org")[-1:]
    assert code not in mail["text"] and code not in mail["subject"]
    assert api.http.get(f"{path}/results").status_code == 404


def test_turnout_is_counts_only_per_branch(api, union):
    officer = token_session("demo-election")
    election = create(api, officer, strike_ballot())
    path = f"/api/elections/{election['id']}"
    assert api.http.get(f"{path}/turnout", headers=officer.headers).status_code == 409
    open_election(api, officer, election["id"])
    for member_id, choice in (("demo-member", ["yes"]), ("demo-member2", [])):
        voter = token_session(member_id)
        assert cast(api, voter, election["id"], choice).status_code == 201
    turnout = body(api.http.get(f"{path}/turnout", headers=officer.headers))
    assert turnout["ballots_cast"] == 2 and turnout["roll_count"] > 2
    by_branch = {row["branch_id"]: row["ballots_cast"] for row in turnout["by_branch"]}
    assert by_branch["helsinki"] == 1 and by_branch["tampere"] == 1
    member = token_session("demo-member")
    assert api.http.get(f"{path}/turnout", headers=member.headers).status_code == 403


def test_an_officer_previews_the_ballot_of_a_draft(api, union):
    officer = token_session("demo-election")
    election = create(api, officer, stv_board(ballot_order="alphabetical"))
    preview = body(api.http.get(f"/api/elections/{election['id']}/ballot", headers=officer.headers))
    assert preview["preview"] is True
    assert [o["name"] for o in preview["options"]] == sorted(o["name"] for o in election["options"])
    voter = token_session("demo-member")
    assert cast(api, voter, election["id"], ["anna"]).status_code == 409


def test_racing_sealers_keep_one_chain_and_a_dead_sealers_block_is_finished_not_sealed_twice(api, union):
    officer = token_session("demo-election")
    election = create(api, officer, strike_ballot())
    election_id = open_election(api, officer, election["id"])["id"]
    c = bootstrap.container()
    voters = [m.id for m in c.store.elections.members(["helsinki", "tampere", "turku"])]
    voters = [v for v in voters if c.store.elections.roll_entry(election_id, v)]

    def vote_and_seal(member_id: str) -> str:
        code = c.elections.cast(Principal(member_id, "test", ()), election_id, ["yes"])
        BoardService(c.store, seal_every=0).seal_if_due(election_id)  # every voter a sealer of its own
        return code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = set(pool.map(vote_and_seal, voters[:-3]))
    unsealed = ElectionService(c.store, c.segments, BoardService(c.store, seal_every=3600), c.mailer)
    late = {unsealed.cast(Principal(m, "test", ()), election_id, ["no"]) for m in voters[-3:]}
    codes |= late

    # A sealer that wrote its block and died before its codes left the pending set.
    assert c.store.board.take_lease(election_id, "dead", time.time(), 0.5, None)
    last = c.store.board.blocks(election_id)[-1]
    pending = c.store.board.pending(election_id)
    dead = board.seal(last.header, pending, election_id=election_id, sealed_at=datetime.now(UTC))
    c.store.board.append(dead, "dead")
    time.sleep(0.6)

    head = BoardService(c.store).seal_to_the_end(election_id)
    blocks = c.store.board.blocks(election_id)
    assert board.verify_chain(blocks, election_id=election_id, expected_head=head) == []
    assert blocks[-1] == dead and late <= pending
    assert sorted(code for b in blocks for code in b.codes) == sorted(codes)
    assert c.store.board.pending(election_id) == set()
