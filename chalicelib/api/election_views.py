"""Elections as JSON (docs/elections.md), and the response schemas the OpenAPI document declares."""

from __future__ import annotations

from typing import Any

from chalicelib.domain.board import Block, block_as_json, block_hash
from chalicelib.domain.elections import Election
from chalicelib.services.election_board import BoardView, Lookup
from chalicelib.services.elections import BallotSheet, Seen, Turnout

TEXTS = {
    "type": "object",
    "properties": {"fi": {"type": "string"}, "sv": {"type": "string"}, "en": {"type": "string"}},
}
OPTION = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}
ELECTION = {
    "type": "object",
    "required": ["id", "title", "kind", "options", "status", "opens_at", "closes_at", "revision", "my"],
    "properties": {
        "id": {"type": "string"},
        "title": TEXTS,
        "description": TEXTS,
        "kind": {"type": "string"},
        "options": {"type": "array", "items": OPTION},
        "status": {"type": "string"},
        "roll_count": {"type": ["integer", "null"]},
        "board_head": {"type": ["string", "null"]},
        "revision": {"type": "integer"},
        "can_manage": {"type": "boolean"},
        "my": {
            "type": "object",
            "required": ["on_roll", "voted"],
            "properties": {"on_roll": {"type": "boolean"}, "voted": {"type": "boolean"}},
        },
    },
}
ELECTION_LIST = {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": ELECTION}},
}
BALLOT = {
    "type": "object",
    "required": ["election_id", "kind", "options", "preview", "voted"],
    "properties": {
        "election_id": {"type": "string"},
        "options": {"type": "array", "items": OPTION},
        "preview": {"type": "boolean"},
        "voted": {"type": "boolean"},
    },
}
TRACKING = {
    "type": "object",
    "required": ["tracking_code"],
    "properties": {"tracking_code": {"type": "string"}},
}
TURNOUT = {
    "type": "object",
    "required": ["roll_count", "ballots_cast", "turnout", "by_branch"],
    "properties": {
        "roll_count": {"type": "integer"},
        "ballots_cast": {"type": "integer"},
        "turnout": {"type": "number"},
        "by_branch": {"type": ["array", "null"]},
    },
}
BLOCK = {
    "type": "object",
    "required": ["index", "previous_hash", "merkle_root", "size", "sealed_at", "hash"],
    "properties": {"index": {"type": "integer"}, "hash": {"type": "string"}, "codes": {"type": "array"}},
}
BOARD = {
    "type": "object",
    "required": ["election_id", "status", "head", "final", "blocks", "pending", "codes_total", "next_block"],
    "properties": {
        "head": {"type": "string"},
        "final": {"type": "boolean"},
        "blocks": {"type": "array", "items": BLOCK},
        "pending": {"type": "array", "items": {"type": "string"}},
        "codes_total": {"type": "integer"},
        "next_block": {"type": ["integer", "null"]},
    },
}
LOOKUP = {
    "type": "object",
    "required": ["tracking_code", "sealed", "block", "proof", "head"],
    "properties": {
        "tracking_code": {"type": "string"},
        "sealed": {"type": "boolean"},
        "block": {"type": ["object", "null"]},
        "proof": {"type": "array"},
        "head": {"type": "string"},
    },
}
RESULTS = {
    "type": "object",
    "required": ["status", "ballots_cast", "counts", "elected", "rounds", "tie_breaks", "board_head"],
    "properties": {
        "status": {"type": "string"},
        "ballots_cast": {"type": "integer"},
        "counts": {"type": "object"},
        "elected": {"type": "array", "items": {"type": "string"}},
        "rounds": {"type": "array"},
        "tie_breaks": {"type": "array"},
        "board_head": {"type": ["string", "null"]},
    },
}
BUNDLE = {"type": "object", "required": ["format", "version", "ballots", "board", "result"]}


def election_json(seen: Seen) -> dict[str, Any]:
    e = seen.election
    return {
        "id": e.id,
        **e.definition.as_json(),
        "status": e.status.value,
        "roll_count": e.roll.count if e.roll else None,
        "board_head": e.closing.board_head if e.closing else None,
        "created_by": e.created_by,
        "created_at": e.created_at,
        "revision": e.revision,
        "can_manage": seen.can_manage,
        "my": {"on_roll": seen.standing.on_roll, "voted": seen.standing.voted},
    }


def ballot_json(sheet: BallotSheet) -> dict[str, Any]:
    e, d = sheet.election, sheet.election.definition
    return {
        "election_id": e.id,
        "kind": d.kind.value,
        "title": d.title.as_json(),
        "description": d.description.as_json(),
        "options": [o.as_json() for o in sheet.options],
        "seats": d.seats,
        "max_choices": d.most_choices,
        "min_choices": 1,
        "blank_allowed": True,
        "ranked": d.kind.ranked,
        "closes_at": d.as_json()["closes_at"],
        "status": e.status.value,
        "preview": sheet.preview,
        "voted": sheet.voted,
    }


def turnout_json(turnout: Turnout) -> dict[str, Any]:
    share = turnout.ballots_cast / turnout.roll_count if turnout.roll_count else 0.0
    rows = None
    if turnout.by_branch is not None:
        rows = [
            {"branch_id": b, "name": name, "roll_count": roll, "ballots_cast": cast}
            for b, name, roll, cast in turnout.by_branch
        ]
    return {
        "roll_count": turnout.roll_count,
        "ballots_cast": turnout.ballots_cast,
        "turnout": round(share, 4),
        "by_branch": rows,
    }


def block_json(block: Block, with_codes: bool = True) -> dict[str, Any]:
    out = {**block_as_json(block), "hash": block_hash(block.header)}
    if not with_codes:
        out.pop("codes")
    return out


def board_json(view: BoardView) -> dict[str, Any]:
    election: Election = view.election
    return {
        "election_id": election.id,
        "title": election.definition.title.as_json(),
        "status": election.status.value,
        "head": view.head,
        "final": view.final,
        "blocks": [block_json(b) for b in view.blocks],
        "pending": view.pending,
        "codes_total": view.codes_total,
        "next_block": view.next_block,
    }


def lookup_json(found: Lookup) -> dict[str, Any]:
    return {
        "tracking_code": found.code,
        "sealed": found.block is not None,
        "block": None if found.block is None else block_json(found.block, with_codes=False),
        "proof": [{"side": step.side, "hash": step.hash} for step in found.proof],
        "head": found.head,
    }
