"""What the election tests share: election bodies, signing members in without mail, reading the table."""

from __future__ import annotations

import json
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


def open_election(api: Any, officer: Session, election_id: str) -> dict[str, Any]:
    answer = api.http.post(f"/api/elections/{election_id}/open", headers=officer.headers)
    assert answer.status_code == 200, answer.body
    return body(answer)


def cast(api: Any, voter: Session, election_id: str, choices: list[str]) -> Any:
    payload = json.dumps({"choices": choices})
    return api.http.post(f"/api/elections/{election_id}/ballots", body=payload, headers=voter.headers)


def scan(client: Any, table: str) -> list[dict[str, Any]]:
    pages = client.get_paginator("scan").paginate(TableName=table, ConsistentRead=True)
    return [item for page in pages for item in page["Items"]]


def of_kind(items: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [i for i in items if i.get("kind", {}).get("S") == kind]


__all__ = ["JSON"]
