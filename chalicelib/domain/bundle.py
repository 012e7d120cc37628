"""The verification bundle: everything an outsider needs to re-check an election, and the re-check.

One JSON document: the rules, the seed (the board's final head), the roll count, the ballots' contents
folded and sorted by their canonical bytes (so nothing tells when or in which order they were cast, and
no tracking code is among them), the board with every block and code, and the published result.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from chalicelib.domain import board
from chalicelib.domain.bundle_format import (
    FORMAT,
    VERSION,
    BallotEntry,
    BundleFormatError,
    ParsedBundle,
    election_as_json,
    parse_bundle,
)
from chalicelib.domain.counting import Contest, CountingError, Result, count

__all__ = [
    "FORMAT",
    "VERSION",
    "BundleFormatError",
    "Problem",
    "Report",
    "ballots_digest",
    "build_bundle",
    "verify_bundle",
]
Ballot = tuple[int, tuple[str, ...]]
ABSENT = object()  # a place one side of a comparison lacks


@dataclass(frozen=True)
class Problem:
    where: str  # the block or field at fault, as a path into the bundle
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    facts: dict[str, Any] = field(default_factory=dict)
    readable: bool = True  # False when the document is not a bundle this verifier reads

    @property
    def intact(self) -> bool:
        return self.readable and not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "intact": self.intact,
            "readable": self.readable,
            "facts": self.facts,
            "problems": [{"where": p.where, "message": p.message} for p in self.problems],
        }


def build_bundle(
    *,
    election_id: str,
    title: Mapping[str, str],
    contest: Contest,
    roll_count: int,
    ballots: Iterable[Ballot],
    blocks: Sequence[board.Block],
    result: Result,
    ballots_digest: str | None = None,
) -> dict[str, Any]:
    """The bundle for a counted election; `ballots_digest` is the one fixed at close (default: computed).

    Raises ValueError when the count's seed is not the board's final head.
    """
    final_head = board.head(election_id, blocks)
    if contest.seed != final_head:
        raise ValueError("the count's seed must be the board's final head")
    entries = folded_ballots(ballots)
    return {
        "format": FORMAT,
        "version": VERSION,
        "election": election_as_json(election_id, title, contest),
        "seed": contest.seed,
        "roll_count": roll_count,
        "ballots_digest": ballots_digest or _digest(entries),
        "ballots": [entry.as_json() for entry in entries],
        "board": {"head": final_head, "blocks": [board.block_as_json(b) for b in blocks]},
        "result": _plain(result.as_json()),
    }


def folded_ballots(ballots: Iterable[Ballot]) -> list[BallotEntry]:
    """Identical ballots folded into one entry, sorted by canonical bytes: no trace of casting order."""
    return _refolded(BallotEntry(1, weight, choices) for weight, choices in ballots)


def ballots_digest(ballots: Iterable[Ballot]) -> str:
    """SHA-256 of the folded, sorted ballots: fixed at close, so a ballot changed later is caught."""
    return _digest(folded_ballots(ballots))


def _digest(entries: Sequence[BallotEntry]) -> str:
    rows = [[e.ballots, e.weight, list(e.choices)] for e in entries]
    text = json.dumps(rows, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(b"union-portal/ballots/v1\x00" + text.encode()).hexdigest()


def _refolded(entries: Iterable[BallotEntry]) -> list[BallotEntry]:
    folded: Counter[bytes] = Counter()
    for entry in entries:
        folded[entry.canonical()] += entry.ballots
    return [BallotEntry.from_canonical(canonical, n) for canonical, n in sorted(folded.items())]


def verify_bundle(bundle: object) -> Report:
    """Re-check a bundle using nothing else; every problem names the block or field at fault."""
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        return Report(
            (Problem("format", f"not an election bundle (expected format {FORMAT!r})"),), readable=False
        )
    if bundle.get("version") != VERSION:
        found = bundle.get("version")
        return Report(
            (Problem("version", f"this verifier reads version {VERSION}, not {found!r}"),), readable=False
        )
    try:
        parsed = parse_bundle(bundle)
    except BundleFormatError as exc:
        return Report((Problem(exc.where, exc.message),))
    problems = [*_board_problems(parsed), *_ballot_problems(parsed), *_recount_problems(parsed)]
    return Report(tuple(problems), _facts(parsed))


def _board_problems(parsed: ParsedBundle) -> Iterator[Problem]:
    for problem in board.verify_chain(parsed.blocks, election_id=parsed.election_id):
        yield Problem("board" if problem.block is None else f"board.blocks[{problem.block}]", problem.message)
    computed = board.head(parsed.election_id, parsed.blocks)
    if parsed.board_head != computed:
        yield Problem(
            "board.head",
            f"is not the hash of the last block (expected {computed}, found {parsed.board_head})",
        )
    if parsed.seed != computed:
        yield Problem("seed", f"is not the board's final head (expected {computed}, found {parsed.seed})")


def _ballot_problems(parsed: ParsedBundle) -> Iterator[Problem]:
    ballots, codes = parsed.ballot_count, sum(len(b.codes) for b in parsed.blocks)
    if ballots != codes:
        yield Problem("ballots", f"there are {ballots} ballots but {codes} tracking codes on the board")
    if ballots > parsed.roll_count:
        yield Problem(
            "ballots", f"there are {ballots} ballots but only {parsed.roll_count} voters on the roll"
        )
    keys = [entry.canonical() for entry in parsed.entries]
    if keys != sorted(set(keys)):
        yield Problem("ballots", "are not folded and sorted in canonical order")
    digest = _digest(_refolded(parsed.entries))
    if parsed.ballots_digest != digest:
        yield Problem(
            "ballots_digest",
            f"does not match the ballots: a ballot was changed after voting closed (computed {digest}, "
            f"found {parsed.ballots_digest})",
        )


def _recount_problems(parsed: ParsedBundle) -> Iterator[Problem]:
    try:
        recount = _plain(count(parsed.contest, parsed.weighted_ballots()).as_json())
    except CountingError as exc:
        yield Problem("ballots", f"cannot be counted under the election's rules: {exc}")
        return
    for key in [*recount, *(k for k in parsed.result if k not in recount)]:
        difference = _first_difference(
            recount.get(key, ABSENT), parsed.result.get(key, ABSENT), f"result.{key}"
        )
        if difference is not None:
            where, expected, found = difference
            yield Problem(
                where, f"differs from the recount (expected {_shown(expected)}, found {_shown(found)})"
            )


def _first_difference(expected: Any, found: Any, where: str) -> tuple[str, Any, Any] | None:
    """The deepest place where two JSON values part, so a problem names the round and the candidate."""
    if isinstance(expected, dict) and isinstance(found, dict):
        keys = [*expected, *(k for k in found if k not in expected)]
        pairs = ((f"{where}.{k}", expected.get(k, ABSENT), found.get(k, ABSENT)) for k in keys)
    elif isinstance(expected, list) and isinstance(found, list):
        longest = max(len(expected), len(found))
        padded = (
            [*expected, *[ABSENT] * (longest - len(expected))],
            [*found, *[ABSENT] * (longest - len(found))],
        )
        pairs = ((f"{where}[{i}]", e, f) for i, (e, f) in enumerate(zip(*padded, strict=True)))
    else:
        same = type(expected) is type(found) and expected == found
        return None if same else (where, expected, found)
    parts = (_first_difference(e, f, path) for path, e, f in pairs)
    return next((d for d in parts if d is not None), None)


def _facts(parsed: ParsedBundle) -> dict[str, Any]:
    names = {c.id: c.name for c in parsed.contest.candidates}
    elected = parsed.result.get("elected")
    return {
        "election": parsed.election_id,
        "title": parsed.title,
        "method": parsed.contest.method.value,
        "seats": parsed.contest.seats,
        "roll_count": parsed.roll_count,
        "ballots": parsed.ballot_count,
        "board_entries": sum(len(b.codes) for b in parsed.blocks),
        "blocks": len(parsed.blocks),
        "head": parsed.seed,
        "elected": [names.get(e, e) if isinstance(e, str) else e for e in elected]
        if isinstance(elected, list)
        else elected,
    }


def _plain(value: Any) -> Any:
    """The value as it reads back from JSON (tuples become lists, exact numbers their text)."""
    return json.loads(json.dumps(value, default=str, ensure_ascii=False))


def _shown(value: Any) -> str:
    if value is ABSENT:
        return "nothing"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 160 else text[:157] + "..."
