"""List elections by d'Hondt with electoral alliances and candidate comparison numbers, as in Finnish
elections (Election Act 714/1998 ss. 88-89).

A group is an electoral alliance, else a list, else a candidate standing alone. Within a group the
candidates are ranked by personal votes; the n-th gets the group's total divided by n (its comparison
number, kept exact as a fraction). The seats go to the highest comparison numbers. Ties are decided by
lot: between equal comparison numbers for the last seat, and between equal personal votes within a
group (the lot fixes their order; it is recorded where it decides who gets a seat).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from chalicelib.domain.counting.ballots import Profile, split_blank
from chalicelib.domain.counting.lot import LOT, TieBreaker, draw, record
from chalicelib.domain.counting.model import BLANK, Candidate, Contest, Result

GroupKey = tuple[str, str]


def count_dhondt(contest: Contest, profile: Profile) -> Result:
    marked, blank = split_blank(profile)
    votes = dict.fromkeys(contest.standing, 0)
    for (candidate,), weight in marked.items():
        votes[candidate] += weight
    standing = [c for c in contest.candidates if c.id in votes]
    ties = TieBreaker(contest.seed)
    groups = _groups(standing)
    ranked = {key: _ranked(members, votes, contest.seed, key) for key, members in groups.items()}
    comparison = {
        candidate: Fraction(sum(votes[c] for c in members), position)
        for members in ranked.values()
        for position, candidate in enumerate(members, start=1)
    }
    elected = ties.top(comparison, contest.seats, stage="seats")
    tie_breaks = [*_ordering_ties(ranked, votes, set(elected), contest.seed), *ties.records]
    return Result(
        elected=tuple(elected),
        rounds=(_round(ranked, votes, comparison, elected, blank),),
        tie_breaks=tuple(tie_breaks),
        counts={**votes, BLANK: blank},
        extra={
            "seats_per_list": _seats_per_list(standing, set(elected)),
            "comparison_numbers": {c: exact(n) for c, n in comparison.items()},
        },
    )


def exact(number: Fraction) -> str:
    """A decimal where it terminates ("11077.5"), else the fraction ("94957/3"); Fraction() reads both."""
    denominator = number.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator, twos = denominator // 2, twos + 1
    while denominator % 5 == 0:
        denominator, fives = denominator // 5, fives + 1
    if denominator != 1:
        return f"{number.numerator}/{number.denominator}"
    places = max(twos, fives)
    scaled = number * 10**places
    whole, part = divmod(int(scaled), 10**places)
    return f"{whole}.{part:0{places}d}" if places else str(whole)


def _group_of(candidate: Candidate) -> GroupKey:
    if candidate.alliance:
        return ("alliance", candidate.alliance)
    if candidate.list:
        return ("list", candidate.list)
    return ("candidate", candidate.id)


def _groups(standing: list[Candidate]) -> dict[GroupKey, list[str]]:
    groups: dict[GroupKey, list[str]] = {}
    for candidate in standing:
        groups.setdefault(_group_of(candidate), []).append(candidate.id)
    return groups


def _ranked(members: list[str], votes: dict[str, int], seed: str, key: GroupKey) -> list[str]:
    """By personal votes, highest first; equal votes in the order the lot draws them."""
    out: list[str] = []
    for level in sorted({votes[m] for m in members}, reverse=True):
        tied = [m for m in members if votes[m] == level]
        out += tied if len(tied) == 1 else draw(seed, _order_stage(key), tied)
    return out


def _order_stage(key: GroupKey) -> str:
    return f"order in {key[0]} {key[1]}"


def _ordering_ties(
    ranked: dict[GroupKey, list[str]], votes: dict[str, int], elected: set[str], seed: str
) -> list[dict[str, Any]]:
    """The personal-vote ties whose order by lot gave a seat to some of the tied and not to others."""
    out = []
    for key, members in ranked.items():
        for level in sorted({votes[m] for m in members}, reverse=True):
            tied = [m for m in members if votes[m] == level]
            winners = [m for m in tied if m in elected]
            if winners and len(winners) < len(tied):
                out.append(record(_order_stage(key), tied, LOT, winners, "seat"))
    return out


def _seats_per_list(standing: list[Candidate], elected: set[str]) -> dict[str, int]:
    seats: dict[str, int] = {}
    for candidate in standing:
        label = candidate.list or candidate.name
        seats[label] = seats.get(label, 0) + (candidate.id in elected)
    return seats


def _round(
    ranked: dict[GroupKey, list[str]],
    votes: dict[str, int],
    comparison: dict[str, Fraction],
    elected: list[str],
    blank: int,
) -> dict[str, Any]:
    return {
        "round": 1,
        "votes": dict(votes),
        "blank": blank,
        "groups": [
            {
                "kind": kind,
                ("candidate" if kind == "candidate" else "name"): name,
                "votes": sum(votes[m] for m in members),
                "candidates": members,
            }
            for (kind, name), members in ranked.items()
        ],
        "seats": [
            {"seat": n, "candidate": c, "comparison_number": exact(comparison[c])}
            for n, c in enumerate(elected, start=1)
        ],
        "elected": list(elected),
    }
