"""Elections: the officer's routes, the voter's ballot, and the public board, results and bundle (docs/elections.md)."""

from __future__ import annotations

import json
from typing import Any

from chalice import Blueprint, Response

from chalicelib import bootstrap
from chalicelib.api.election_views import (
    BALLOT,
    BOARD,
    BUNDLE,
    ELECTION,
    ELECTION_LIST,
    LOOKUP,
    RESULTS,
    TRACKING,
    TURNOUT,
    ballot_json,
    board_json,
    election_json,
    lookup_json,
    turnout_json,
)
from chalicelib.api.routing import PUBLIC, Call, Reply, _principal, endpoint
from chalicelib.domain.elections import ElectionStatus
from chalicelib.domain.errors import DomainError, InvalidInput, Msg
from chalicelib.schemas import schema
from chalicelib.services.elections import ELECTION_MANAGERS

bp = Blueprint(__name__)

TAG = "elections"
STATUS_QUERY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "status": {
            "type": "string",
            "pattern": "^(draft|opening|open|closing|counted|published|cancelled)(,(draft|opening|open|closing|counted|published|cancelled))*$",
            "x-message": Msg("must be statuses separated by commas"),
        }
    },
}
BOARD_QUERY = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "from_block": {
            "type": "string",
            "pattern": "^[0-9]{1,8}$",
            "x-message": Msg("must be a whole number"),
        },
        "limit": {
            "type": "string",
            "pattern": "^[1-9][0-9]{0,2}$|^1000$",
            "x-message": Msg("must be a whole number from 1 to 1000"),
        },
    },
}


def _c() -> Any:
    return bootstrap.container()


def _id(call: Call) -> str:
    return call.params["election_id"]


def _seen(call: Call, election_id: str) -> dict[str, Any]:
    return election_json(_c().elections.get(call.who, election_id))


@endpoint(
    bp,
    "/elections",
    "POST",
    summary="Define an election",
    tag=TAG,
    access=ELECTION_MANAGERS,
    body=schema("election"),
    responses={201: ELECTION},
)
def create_election(call: Call) -> Reply:
    election = _c().elections.create(call.who, call.body)
    return Reply(201, _seen(call, election.id))


@endpoint(
    bp,
    "/elections",
    summary="The elections the caller may see",
    tag=TAG,
    query=STATUS_QUERY,
    responses={200: ELECTION_LIST},
)
def list_elections(call: Call) -> dict:
    raw = call.query.get("status")
    statuses = frozenset(ElectionStatus(s) for s in raw.split(",")) if raw else None
    return {"items": [election_json(s) for s in _c().elections.visible(call.who, statuses)]}


@endpoint(bp, "/elections/{election_id}", summary="One election", tag=TAG, responses={200: ELECTION})
def get_election(call: Call) -> dict:
    return _seen(call, _id(call))


@endpoint(
    bp,
    "/elections/{election_id}",
    "PATCH",
    summary="Change an election",
    tag=TAG,
    access=ELECTION_MANAGERS,
    body=schema("election_patch"),
    responses={200: ELECTION},
)
def change_election(call: Call) -> dict:
    _c().elections.update(call.who, _id(call), call.body)
    return _seen(call, _id(call))


@endpoint(
    bp,
    "/elections/{election_id}/open",
    "POST",
    summary="Open voting: freeze the roll (202 while a large roll is still being frozen)",
    tag=TAG,
    access=ELECTION_MANAGERS,
    responses={200: ELECTION, 202: ELECTION},
)
def open_election(call: Call) -> dict | Reply:
    election = _c().election_opening.open(call.who, _id(call))
    seen = _seen(call, _id(call))
    return Reply(202, seen) if election.status is ElectionStatus.OPENING else seen


@endpoint(
    bp,
    "/elections/{election_id}/close",
    "POST",
    summary="Stop voting and start the count",
    tag=TAG,
    access=ELECTION_MANAGERS,
    responses={202: ELECTION},
)
def close_election(call: Call) -> Reply:
    _c().election_closing.close(call.who, _id(call))
    return Reply(202, _seen(call, _id(call)))


@endpoint(
    bp,
    "/elections/{election_id}/publish",
    "POST",
    summary="Approve the count and publish it",
    tag=TAG,
    access=ELECTION_MANAGERS,
    responses={200: RESULTS},
)
def publish_election(call: Call) -> dict:
    return dict(_c().election_closing.publish(call.who, _id(call)))


@endpoint(
    bp,
    "/elections/{election_id}/cancel",
    "POST",
    summary="Cancel an election",
    tag=TAG,
    access=ELECTION_MANAGERS,
    responses={200: ELECTION},
)
def cancel_election(call: Call) -> dict:
    _c().elections.cancel(call.who, _id(call))
    return _seen(call, _id(call))


@endpoint(
    bp,
    "/elections/{election_id}/ballot",
    summary="The ballot as the caller sees it",
    tag=TAG,
    responses={200: BALLOT},
)
def get_ballot(call: Call) -> dict:
    return ballot_json(_c().elections.ballot(call.who, _id(call)))


@endpoint(
    bp,
    "/elections/{election_id}/ballots",
    "POST",
    summary="Cast the caller's ballot",
    tag=TAG,
    body=schema("ballot"),
    responses={201: TRACKING},
)
def cast_ballot(call: Call) -> Reply:
    code = _c().elections.cast(call.who, _id(call), list(call.body["choices"]))
    return Reply(201, {"tracking_code": code}, {"Cache-Control": "no-store"})


@endpoint(
    bp,
    "/elections/{election_id}/turnout",
    summary="Turnout while voting (counts only)",
    tag=TAG,
    access=ELECTION_MANAGERS,
    responses={200: TURNOUT},
)
def turnout(call: Call) -> dict:
    return turnout_json(_c().elections.turnout(call.who, _id(call)))


@endpoint(
    bp,
    "/elections/{election_id}/board",
    summary="The public bulletin board",
    tag=TAG,
    access=PUBLIC,
    query=BOARD_QUERY,
    responses={200: BOARD},
)
def get_board(call: Call) -> dict:
    start = int(call.query.get("from_block") or 0)
    limit = int(call.query.get("limit") or 200)
    if limit > 1000:
        raise InvalidInput.on("limit", "must be a whole number from 1 to 1000")
    c = _c()
    return board_json(c.election_board.view(c.elections.get_election(_id(call)), start, limit))


@endpoint(
    bp,
    "/elections/{election_id}/board/{code}",
    summary="Find a tracking code on the board",
    tag=TAG,
    access=PUBLIC,
    responses={200: LOOKUP},
)
def find_code(call: Call) -> dict:
    c = _c()
    election = c.elections.get_election(_id(call))
    return lookup_json(c.election_board.lookup(election, call.params["code"]))


@endpoint(
    bp,
    "/elections/{election_id}/results",
    summary="Results, once published",
    tag=TAG,
    access=PUBLIC,
    responses={200: RESULTS},
)
def results(call: Call) -> dict:
    return dict(_c().election_closing.results(_caller(call), _id(call)))


@endpoint(
    bp,
    "/elections/{election_id}/bundle",
    summary="The verification bundle, once published",
    tag=TAG,
    access=PUBLIC,
    responses={200: BUNDLE},
)
def bundle(call: Call) -> Response:
    document = _c().election_closing.bundle(_id(call))
    headers: dict[str, str | list[str]] = {
        "Content-Type": "application/json",
        "Content-Disposition": f'attachment; filename="election-{_id(call)}-bundle.json"',
    }
    return Response(body=json.dumps(document, ensure_ascii=False), status_code=200, headers=headers)


def _caller(call: Call) -> Any:
    """The signed-in caller on a public route, or None (a bad or missing token is just anonymous)."""
    if "authorization" not in call.headers:
        return None
    try:
        return _principal(call.headers, None)
    except DomainError:
        return None
