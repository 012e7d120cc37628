"""Casting under load, held by the database, and secret by storage design (DynamoDB Local, over HTTP).

250 members each send two ballots at the same moment: exactly one of each pair is recorded. Then every
item of the table and every log line and mail produced while casting is read, and nothing links a
ballot or a tracking code to a voter.
"""

from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial
from typing import Any

import pytest
import requests

from chalicelib import bootstrap
from chalicelib.domain import board
from chalicelib.domain.audit import AuditRecord
from chalicelib.domain.members import Member, MembershipCategory, MemberStatus, StatusChange
from chalicelib.entrypoints.seed import WORKPLACES
from tests.integration.elections_support import of_kind, scan, strike_ballot, token_session, wait_until_open

pytestmark = pytest.mark.integration

VOTERS = 250
WORKERS = 48
DAY = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
MINUTE = re.compile(r"\A\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z\Z")
TIME_OF_DAY = re.compile(r"\d{2}:\d{2}")
BALLOT_FIELDS = {"pk", "sk", "kind", "format", "content"}
ROLL_FIELDS = {"pk", "sk", "kind", "election_id", "member_id", "branch_id", "snapshot", "weight", "voted_on"}
BOARD_KINDS = {"board_pending", "board_code", "board_block", "board_head", "turnout"}
LOCAL_STAND_INS = ("mail.log", "moto", "werkzeug", "devstack", "urllib3")


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith(LOCAL_STAND_INS):
            self.lines.append(record.getMessage() + " " + json.dumps(record.__dict__, default=str))


def voters() -> list[Member]:
    return [
        Member(
            id=f"voter-{n:03d}",
            email=f"voter{n:03d}@example.org",
            first_name="Voter",
            last_name=f"Number{n:03d}",
            branch_id=WORKPLACES[n % len(WORKPLACES)].branch_id,
            workplace_id=WORKPLACES[n % len(WORKPLACES)].id,
            category=MembershipCategory.WORKING,
            status=MemberStatus.ACTIVE,
            member_since=date(2020, 1, 1),
        )
        for n in range(VOTERS)
    ]


def create_members(members: list[Member]) -> None:
    store = bootstrap.container().store
    change = StatusChange(
        "2020-01-01T00:00:00+00:00", MemberStatus.ACTIVE, MembershipCategory.WORKING, "test"
    )
    for start in range(0, len(members), 20):
        batch = members[start : start + 20]
        store.members.create_many(
            [(m, change, AuditRecord("test", "member.imported", f"member:{m.id}")) for m in batch]
        )


def test_500_ballots_at_once_are_250_votes_secret_and_on_a_board_that_verifies(
    cast_twice, dynamodb_client, app_env
):
    """One run of the load (it takes most of a minute here), read three ways."""
    items = scan(dynamodb_client, app_env["TABLE_NAME"])
    every_member_gets_one_ballot_and_one_refusal(cast_twice, items)
    nothing_links_a_ballot_or_a_code_to_a_voter(cast_twice, items)
    the_board_holds_every_code_once_and_its_chain_verifies(cast_twice)


@pytest.fixture
def cast_twice(dev_server: str, union: list[str], mailbox: Any, app_env: dict[str, str]) -> dict[str, Any]:
    """An open strike ballot; every voter sends two ballots at once; what came back, logged and mailed."""
    members = voters()
    create_members(members)
    officer = token_session("demo-election")
    created = requests.post(
        f"{dev_server}/api/elections", json=strike_ballot(), headers=officer.headers, timeout=30
    )
    election_id = created.json()["id"]
    opened = requests.post(
        f"{dev_server}/api/elections/{election_id}/open", headers=officer.headers, timeout=60
    )
    assert opened.status_code in (200, 202), opened.text
    look = partial(
        requests.get, f"{dev_server}/api/elections/{election_id}", headers=officer.headers, timeout=30
    )
    wait_until_open(lambda: look().json(), opened.json())
    with ThreadPoolExecutor(max_workers=8) as pool:
        sessions = dict(
            zip(
                (m.id for m in members),
                pool.map(lambda m: token_session(m.id, m.email), members),
                strict=True,
            )
        )
    url = f"{dev_server}/api/elections/{election_id}/ballots"

    def send(job: tuple[str, int]) -> tuple[str, int, dict[str, Any]]:
        member_id, n = job
        choice = [["yes"], ["no"], []][(int(member_id[-3:]) + n) % 3]
        answer = requests.post(
            url, json={"choices": choice}, headers=sessions[member_id].headers, timeout=120
        )
        return member_id, answer.status_code, answer.json()

    kept, service = Kept(), logging.getLogger("union-portal")
    root, level = logging.getLogger(), service.level
    service.addHandler(kept)
    root.addHandler(kept)
    service.setLevel(logging.DEBUG)
    try:
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            answers = list(pool.map(send, [(m.id, n) for m in members for n in (0, 1)]))
    finally:
        service.removeHandler(kept)
        root.removeHandler(kept)
        service.setLevel(level)
    return {
        "election_id": election_id,
        "members": members,
        "answers": answers,
        "logs": kept.lines,
        "mail": mailbox,
        "officer": officer,
        "url": dev_server,
    }


def every_member_gets_one_ballot_and_one_refusal(cast_twice: dict[str, Any], items: list[dict]) -> None:
    by_member: dict[str, list[int]] = defaultdict(list)
    for member_id, status, answer in cast_twice["answers"]:
        by_member[member_id].append(status)
        if status == 409:
            assert answer["error"]["code"] == "already_voted", answer
    assert len(by_member) == VOTERS
    assert all(sorted(statuses) == [201, 409] for statuses in by_member.values()), Counter(
        tuple(sorted(s)) for s in by_member.values()
    )
    election_id = cast_twice["election_id"]
    roll = [i for i in of_kind(items, "roll_entry") if i["election_id"]["S"] == election_id]
    assert sum("voted_on" in i for i in roll) == VOTERS
    assert len(of_kind(items, "ballot")) == VOTERS
    turnout = requests.get(
        f"{cast_twice['url']}/api/elections/{election_id}/turnout",
        headers=cast_twice["officer"].headers,
        timeout=30,
    ).json()
    assert turnout["ballots_cast"] == VOTERS
    assert sum(row["ballots_cast"] for row in turnout["by_branch"]) == VOTERS


def the_board_holds_every_code_once_and_its_chain_verifies(cast_twice: dict[str, Any]) -> None:
    election_id, url = cast_twice["election_id"], cast_twice["url"]
    codes = {answer["tracking_code"] for _, status, answer in cast_twice["answers"] if status == 201}
    assert len(codes) == VOTERS
    live = requests.get(f"{url}/api/elections/{election_id}/board", timeout=30).json()
    on_board = [c for b in live["blocks"] for c in b["codes"]] + live["pending"]
    assert sorted(on_board) == sorted(codes)

    head = bootstrap.container().election_board.seal_to_the_end(election_id)
    final = requests.get(f"{url}/api/elections/{election_id}/board", timeout=30).json()
    blocks = [board.block_from_json(b) for b in final["blocks"]]
    assert board.verify_chain(blocks, election_id=election_id, expected_head=head) == []
    assert final["pending"] == [] and sorted(c for b in blocks for c in b.codes) == sorted(codes)
    for code in sorted(codes)[:5]:
        found = requests.get(f"{url}/api/elections/{election_id}/board/{code}", timeout=30).json()
        proof = [board.ProofStep(step["side"], step["hash"]) for step in found["proof"]]
        assert found["sealed"] and board.verify_inclusion(code, proof, found["block"]["merkle_root"])


def nothing_links_a_ballot_or_a_code_to_a_voter(cast_twice: dict[str, Any], items: list[dict]) -> None:
    members = cast_twice["members"]
    codes = {answer["tracking_code"] for _, status, answer in cast_twice["answers"] if status == 201}
    ballots = of_kind(items, "ballot")
    ballot_keys = {b["sk"]["S"].removeprefix("BALLOT#") for b in ballots}
    voter_marks = {m.id for m in members} | {m.email for m in members} | {m.last_name for m in members}

    for ballot in ballots:
        assert set(ballot) == BALLOT_FIELDS, ballot
        assert not TIME_OF_DAY.search(json.dumps(ballot)), ballot
    for item in items:
        text = json.dumps(item)
        kind = item.get("kind", {}).get("S")
        if kind in BOARD_KINDS or kind == "ballot":
            assert not any(mark in text for mark in voter_marks), item
            if kind == "board_block":
                assert MINUTE.match(item["sealed_at"]["S"]), item
            elif kind != "board_head":
                assert not TIME_OF_DAY.search(text), item
        else:
            assert not any(key in text for key in ballot_keys), item
            assert not any(code in text for code in codes), item
    for entry in of_kind(items, "roll_entry"):
        assert set(entry) <= ROLL_FIELDS and DAY.match(entry.get("voted_on", {"S": "2026-01-01"})["S"]), entry

    logged = "\n".join(cast_twice["logs"])
    assert logged, "the casting did log something to read"
    leaks = [
        line[:300]
        for line in cast_twice["logs"]
        if any(x in line for x in (*codes, *ballot_keys, *voter_marks))
    ]
    assert leaks == [], "a voter, ballot or code in the logs:\n" + "\n".join(leaks)
    mails = [m for member in members for m in cast_twice["mail"].messages(member.email)]
    assert len(mails) == VOTERS
    assert not any(code in m["text"] or code in m["subject"] for m in mails for code in codes)
