"""Instant-runoff for one seat: a majority of the continuing ballots wins, else the lowest go.

Candidates who cannot win even with every vote below them are eliminated together, as official
counts do (Burlington 2009): the largest group of lowest candidates whose votes together are fewer
than the next candidate's. This never changes the winner; it saves rounds. Otherwise the single
lowest is eliminated, a tie for lowest decided by lot.
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.counting.ballots import Profile, split_blank
from chalicelib.domain.counting.lot import TieBreaker
from chalicelib.domain.counting.model import Contest, Result

Entry = tuple[tuple[str, ...], int, int]  # (preferences, position of the current one, weight)


class _Runoff:
    def __init__(self, contest: Contest, marked: Profile) -> None:
        self.piles: dict[str, list[Entry]] = {c: [] for c in contest.standing}
        self.votes = dict.fromkeys(contest.standing, 0)
        self.exhausted = 0
        for prefs, weight in marked.items():
            self.piles[prefs[0]].append((prefs, 0, weight))
            self.votes[prefs[0]] += weight

    def eliminate(self, losers: list[str]) -> None:
        for loser in losers:
            del self.votes[loser]
        for loser in losers:
            for prefs, pos, weight in self.piles.pop(loser):
                self._pass_on(prefs, pos, weight)

    def _pass_on(self, prefs: tuple[str, ...], pos: int, weight: int) -> None:
        for nxt in range(pos + 1, len(prefs)):
            if prefs[nxt] in self.votes:
                self.piles[prefs[nxt]].append((prefs, nxt, weight))
                self.votes[prefs[nxt]] += weight
                return
        self.exhausted += weight


def count_irv(contest: Contest, profile: Profile) -> Result:
    marked, blank = split_blank(profile)
    runoff = _Runoff(contest, marked)
    ties = TieBreaker(contest.seed)
    rounds: list[dict[str, Any]] = []
    elected: tuple[str, ...] = ()
    while runoff.votes:
        number = len(rounds) + 1
        active = sum(runoff.votes.values())
        round_: dict[str, Any] = {
            "round": number,
            "votes": dict(runoff.votes),
            "exhausted": runoff.exhausted,
            "blank": blank,
            "continuing_ballots": active,
        }
        rounds.append(round_)
        leader = max(runoff.votes, key=runoff.votes.__getitem__)
        if active and 2 * runoff.votes[leader] > active:
            elected = (leader,)
            round_["elected"] = [leader]
            break
        if not active:
            break  # nothing left to count: no one is elected
        losers = _hopeless(runoff.votes) or _lowest(runoff.votes, ties, number)
        round_["eliminated"] = losers
        runoff.eliminate(losers)
    return Result(elected=elected, rounds=tuple(rounds), tie_breaks=tuple(ties.records), counts=None)


def _hopeless(votes: dict[str, int]) -> list[str]:
    """The largest group of lowest candidates whose total is below the next candidate's votes."""
    ordered = sorted(votes, key=votes.__getitem__)
    best: list[str] = []
    below = 0
    for k in range(1, len(ordered)):
        below += votes[ordered[k - 1]]
        if below < votes[ordered[k]]:
            best = ordered[:k]
    return best


def _lowest(votes: dict[str, int], ties: TieBreaker, number: int) -> list[str]:
    least = min(votes.values())
    tied = sorted(c for c, v in votes.items() if v == least)
    if len(tied) == 1:
        return tied
    return ties.by_lot(number, tied, "elimination")
