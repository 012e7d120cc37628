"""Reading and writing the verification bundle's JSON shape; a malformed bundle is named by its field."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from chalicelib.domain import board
from chalicelib.domain.counting import Candidate, Contest, Method
from chalicelib.domain.tracking import canonical_ballot

FORMAT = "union-portal/election-bundle"
VERSION = 1


class BundleFormatError(ValueError):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where, self.message = where, message


@dataclass(frozen=True)
class BallotEntry:
    """`ballots` identical ballots, each of `weight`, with these choices (in preference order)."""

    ballots: int
    weight: int
    choices: tuple[str, ...]

    @classmethod
    def from_canonical(cls, canonical: bytes, ballots: int) -> BallotEntry:
        weight, choices = json.loads(canonical)
        return cls(ballots, weight, tuple(choices))

    def canonical(self) -> bytes:
        return canonical_ballot(self.choices, self.weight)

    def as_json(self) -> dict[str, Any]:
        return {"ballots": self.ballots, "weight": self.weight, "choices": list(self.choices)}


@dataclass(frozen=True)
class ParsedBundle:
    election_id: str
    title: dict[str, str]
    contest: Contest
    seed: str
    ballots_digest: str
    roll_count: int
    entries: tuple[BallotEntry, ...]
    board_head: str
    blocks: tuple[board.Block, ...]
    result: dict[str, Any]

    @property
    def ballot_count(self) -> int:
        return sum(entry.ballots for entry in self.entries)

    def weighted_ballots(self) -> Iterator[tuple[int, tuple[str, ...]]]:
        return ((entry.ballots * entry.weight, entry.choices) for entry in self.entries)


def election_as_json(election_id: str, title: Mapping[str, str], contest: Contest) -> dict[str, Any]:
    share = contest.qualified_majority
    return {
        "id": election_id,
        "title": dict(title),
        "method": contest.method.value,
        "candidates": [
            {"id": c.id, "name": c.name, "list": c.list, "alliance": c.alliance} for c in contest.candidates
        ],
        "withdrawn": sorted(contest.withdrawn),
        "seats": contest.seats,
        "max_choices": contest.max_choices,
        "qualified_majority": None if share is None else str(share),
        "quorum": contest.quorum,
    }


def parse_bundle(data: dict[str, Any]) -> ParsedBundle:
    """Raises BundleFormatError naming the first field that is missing or of the wrong kind."""
    election = _get(data, "election", dict, "")
    election_id = _get(election, "id", str, "election")
    seed = _get(data, "seed", str, "")
    raw_board = _get(data, "board", dict, "")
    return ParsedBundle(
        election_id=election_id,
        title=_title(election.get("title")),
        contest=_contest(election, seed),
        seed=seed,
        ballots_digest=_get(data, "ballots_digest", str, ""),
        roll_count=_count(data, "roll_count", ""),
        entries=tuple(_entry(e, f"ballots[{i}]") for i, e in enumerate(_get(data, "ballots", list, ""))),
        board_head=_get(raw_board, "head", str, "board"),
        blocks=_blocks(_get(raw_board, "blocks", list, "board")),
        result=_get(data, "result", dict, ""),
    )


def _contest(election: dict[str, Any], seed: str) -> Contest:
    method = _get(election, "method", str, "election")
    if method not in {m.value for m in Method}:
        allowed = ", ".join(m.value for m in Method)
        raise BundleFormatError("election.method", f"{method!r} is not a counting method ({allowed})")
    raw = _get(election, "candidates", list, "election")
    withdrawn = _get(election, "withdrawn", list, "election")
    if not all(isinstance(w, str) for w in withdrawn):
        raise BundleFormatError("election.withdrawn", "expected a list of candidate ids")
    return Contest(
        method=Method(method),
        candidates=tuple(_candidate(c, f"election.candidates[{i}]") for i, c in enumerate(raw)),
        seats=_count(election, "seats", "election", least=1),
        max_choices=_optional_count(election, "max_choices"),
        seed=seed,
        withdrawn=frozenset(withdrawn),
        qualified_majority=_share(election.get("qualified_majority")),
        quorum=_optional_count(election, "quorum"),
    )


def _candidate(data: object, where: str) -> Candidate:
    if not isinstance(data, dict):
        raise BundleFormatError(where, "expected an object with id and name")
    grouping = {key: data.get(key) for key in ("list", "alliance")}
    for key, value in grouping.items():
        if value is not None and not isinstance(value, str):
            raise BundleFormatError(f"{where}.{key}", "expected a string or null")
    return Candidate(_get(data, "id", str, where), _get(data, "name", str, where), **grouping)


def _entry(data: object, where: str) -> BallotEntry:
    if not isinstance(data, dict):
        raise BundleFormatError(where, "expected an object with ballots, weight and choices")
    choices = _get(data, "choices", list, where)
    if not all(isinstance(c, str) for c in choices):
        raise BundleFormatError(f"{where}.choices", "expected a list of option ids")
    return BallotEntry(
        _count(data, "ballots", where, least=1), _count(data, "weight", where, least=1), tuple(choices)
    )


def _blocks(raw: list[Any]) -> tuple[board.Block, ...]:
    blocks = []
    for i, item in enumerate(raw):
        where = f"board.blocks[{i}]"
        try:
            blocks.append(board.block_from_json(item, where))
        except board.BoardFormatError as exc:
            raise BundleFormatError(exc.where, exc.message) from None
    return tuple(blocks)


def _title(value: object) -> dict[str, str]:
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        return dict(value)
    raise BundleFormatError(
        "election.title", 'expected the title in each language, e.g. {"fi": ..., "en": ...}'
    )


def _share(value: object) -> Fraction | None:
    if value is None:
        return None
    try:
        share = Fraction(str(value)) if isinstance(value, str | int) and not isinstance(value, bool) else None
    except (ValueError, ZeroDivisionError):
        share = None
    if share is None:
        raise BundleFormatError(
            "election.qualified_majority", f'expected a share such as "2/3", not {value!r}'
        )
    return share


def _get(data: dict[str, Any], key: str, kind: type, where: str) -> Any:
    path = f"{where}.{key}" if where else key
    if key not in data:
        raise BundleFormatError(path, "is missing")
    value = data[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise BundleFormatError(path, f"expected {_KIND_NAMES[kind]}, found {type(value).__name__}")
    return value


def _count(data: dict[str, Any], key: str, where: str, least: int = 0) -> int:
    value: int = _get(data, key, int, where)
    if value < least:
        raise BundleFormatError(f"{where}.{key}" if where else key, f"must be at least {least}, not {value}")
    return value


def _optional_count(data: dict[str, Any], key: str) -> int | None:
    return None if data.get(key) is None else _count(data, key, "election")


_KIND_NAMES = {str: "a string", int: "a whole number", list: "a list", dict: "an object"}
