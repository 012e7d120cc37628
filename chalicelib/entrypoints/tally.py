"""`portal-tally --method M [--seats N] [--max-choices N] [--seed S] FILE`: recount an election from its
published ballots and print the result as JSON (names, not ids). A bad file exits 2 with `FILE:LINE:
problem`. Ranked methods read BLT, dhondt a `candidate,list,alliance,votes` CSV, the others a CSV of
ballots; docs/counting.md describes the formats and the rules."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from chalicelib.domain.counting import Candidate, Contest, CountingError, Method, count
from chalicelib.domain.counting.formats import (
    Election,
    FormatError,
    read_ballots,
    read_blt,
    read_candidate_votes,
)
from chalicelib.domain.counting.model import RANKED


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    method = Method(args.method)
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"{args.file}: cannot read: {exc}")
    try:
        election = _read(method, text, args.max_choices)
        contest = _contest(method, election, args)
        result = count(contest, election.ballots)
    except FormatError as exc:
        return _fail(f"{args.file}:{exc.line}: {exc.problem}")
    except CountingError as exc:
        return _fail(f"{args.file}: {exc}")
    print(json.dumps(result.as_json(_names(election.candidates)), indent=2, ensure_ascii=False))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portal-tally", description=__doc__)
    parser.add_argument("--method", required=True, choices=[m.value for m in Method])
    parser.add_argument("--seats", type=int, help="seats to fill (default: the BLT's, else 1)")
    parser.add_argument("--max-choices", type=int, help="approval: the most options a ballot may mark")
    parser.add_argument("--seed", default="", help="fixes the lot (e.g. the bulletin board's final hash)")
    parser.add_argument("file", type=Path)
    return parser


def _read(method: Method, text: str, max_choices: int | None) -> Election:
    if method in RANKED:
        return read_blt(text)
    if method is Method.DHONDT:
        return read_candidate_votes(text)
    return read_ballots(text, method, max_choices)


def _contest(method: Method, election: Election, args: argparse.Namespace) -> Contest:
    default_seats = 1 if method is Method.IRV else (election.seats or 1)
    return Contest(
        method=method,
        candidates=election.candidates,
        seats=args.seats if args.seats is not None else default_seats,
        max_choices=args.max_choices,
        seed=args.seed,
        withdrawn=election.withdrawn,
    )


def _names(candidates: Sequence[Candidate]) -> dict[str, str]:
    """Names for ids; a name shared by two candidates gets the id added."""
    used = Counter(c.name for c in candidates)
    return {c.id: c.name if used[c.name] == 1 else f"{c.name} ({c.id})" for c in candidates}


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
