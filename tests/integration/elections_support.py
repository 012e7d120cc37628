"""What the election tests share: election bodies, signing members in without mail, reading the table."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib import bootstrap
from tests.integration.conftest import JSON, Session, body

OFFICER = "election@example.org"


def times(hours: int = 24) -> dict[str, str]:
    now = datetime.now(UTC)
    return {
        "opens_at": (now + timedelta(hours=1)).isoformat(),
        "closes_at": (now + timedelta(hours=hours)).isoformat(),
    }


def stv_board(**extra: Any) -> dict[str, Any]:
    return {
        "title": {"fi": "Hallitusvaali", "sv": "Styrelseval", "en": "Board election"},
        "kind": "stv-scottish",
        "seats": 2,
        "options": [
            {"id": "anna", "name": "Anna Aalto"},
            {"id": "bertil", "name": "Bertil Berg"},
            {"id": "cecilia", "name": "Cecilia Carlsson"},
            {"id": "daniel", "name": "Daniel Damström"},
        ],
        "ballot_order": "random",
        **times(),
        **extra,
    }


def strike_ballot(**extra: Any) -> dict[str, Any]:
    return {
        "title": {"fi": "Lakkoäänestys", "sv": "Strejkomröstning", "en": "Strike ballot"},
        "kind": "yesno",
        "qualified_majority": "2/3",
        "turnout_by_branch": True,
        **times(),
        **extra,
    }


def token_session(member_id: str, email: str = "") -> Session:
    """A session opened straight through the auth service (no mailed code)."""
    issued = bootstrap.container().auth._open_session(member_id)
    return Session(email or member_id, issued.as_response())


def create(api: Any, officer: Session, payload: dict[str, Any]) -> dict[str, Any]:
    answer = api.http.post("/api/elections", body=json.dumps(payload), headers=officer.headers)
    assert answer.status_code == 201, answer.body
    return body(answer)


def open_election(api: Any, officer: Session, election_id: str, timeout: float = 30.0) -> dict[str, Any]:
    """Open through the API; a roll still being frozen when the answer comes (202) is waited for."""
    answer = api.http.post(f"/api/elections/{election_id}/open", headers=officer.headers)
    assert answer.status_code in (200, 202), answer.body
    return wait_until_open(
        lambda: body(api.http.get(f"/api/elections/{election_id}", headers=officer.headers)),
        body(answer),
        timeout,
    )


def wait_until_open(
    look: Callable[[], dict[str, Any]], seen: dict[str, Any], timeout: float = 30.0
) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while seen["status"] == "opening" and time.monotonic() < deadline:
        time.sleep(0.2)
        seen = look()
    assert seen["status"] == "open", seen
    return seen


def cast(api: Any, voter: Session, election_id: str, choices: list[str]) -> Any:
    payload = json.dumps({"choices": choices})
    return api.http.post(f"/api/elections/{election_id}/ballots", body=payload, headers=voter.headers)


def scan(client: Any, table: str) -> list[dict[str, Any]]:
    pages = client.get_paginator("scan").paginate(TableName=table, ConsistentRead=True)
    return [item for page in pages for item in page["Items"]]


def of_kind(items: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [i for i in items if i.get("kind", {}).get("S") == kind]


__all__ = ["JSON"]
