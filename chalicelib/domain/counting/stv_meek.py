"""Meek STV, after Hill, Wichmann and Woodall (Algorithm 123, 1987) as New Zealand adopted it.

Every candidate has a keep value: 1 while hopeful, 0 once excluded, and for the elected the share of
each vote reaching them that they keep, the rest passing on down the ballot. Arithmetic is in whole
units of 10^-9, as in the New Zealand rule: what a candidate keeps is rounded up, the quota is
(valid votes - excess) / (seats + 1) truncated, plus 10^-9. Keep values are recomputed as
keep x quota / votes (rounded up) until the elected candidates' total surplus falls below OMEGA
(0.00001 vote) or stops falling; then, if seats remain, the lowest hopeful is excluded (ties: the most
recent earlier round at which they differed, then lot) and the count goes on. Hopefuls reaching the
quota are elected at once; when the hopefuls are no more than the seats left, they are all elected.
"""

from __future__ import annotations

from typing import Any

from chalicelib.domain.counting.ballots import Profile, split_blank
from chalicelib.domain.counting.lot import TieBreaker
from chalicelib.domain.counting.model import Contest, Result

SCALE = 10**9
OMEGA = 10**4  # 0.00001 of a vote
MAX_ITERATIONS = 10_000


def decimal(units: int) -> str:
    return f"{units // SCALE}.{units % SCALE:09d}"


class MeekCount:
    def __init__(self, contest: Contest, marked: Profile) -> None:
        self.seats = contest.seats
        self.ballots = list(marked.items())
        self.valid = sum(marked.values())
        self.keep = dict.fromkeys(contest.standing, SCALE)
        self.hopeful = list(contest.standing)
        self.elected: list[str] = []
        self.ties = TieBreaker(contest.seed)
        self.history: list[dict[str, int]] = []
        self.rounds: list[dict[str, Any]] = []
        self.votes: dict[str, int] = {}
        self.excess = 0
        self.quota = 0

    def run(self) -> Result:
        while True:
            round_ = self._converged_round()
            if len(self.elected) == self.seats:
                break
            if len(self.hopeful) <= self.seats - len(self.elected):
                self._elect_all_hopeful(round_)
                break
            loser = self._lowest()
            self.hopeful.remove(loser)
            self.keep[loser] = 0
            round_["excluded"] = [loser]
        return Result(
            elected=tuple(self.elected),
            rounds=tuple(self.rounds),
            tie_breaks=tuple(self.ties.records),
            counts=None,
        )

    def _converged_round(self) -> dict[str, Any]:
        newly: list[str] = []
        previous = None
        for _ in range(MAX_ITERATIONS):
            self._distribute()
            just_elected = self._elect_reaching_quota(self.history)
            newly += just_elected
            surplus = self._surplus()
            if len(self.elected) == self.seats:
                break
            settled = surplus < OMEGA or (previous is not None and surplus >= previous)
            if settled and not just_elected:
                break  # as close as the arithmetic gets
            previous = None if just_elected else surplus
            self._update_keep_values()
        round_ = {
            "round": len(self.rounds) + 1,
            "quota": decimal(self.quota),
            "votes": {c: decimal(v) for c, v in self.votes.items()},
            "excess": decimal(self.excess),
            "keep_values": {c: decimal(k) for c, k in self.keep.items() if k},
            "elected": newly,
        }
        self.rounds.append(round_)
        self.history.append(dict(self.votes))
        return round_

    def _distribute(self) -> None:
        keep = self.keep
        votes = dict.fromkeys(keep, 0)
        excess = 0
        for prefs, weight in self.ballots:
            remaining = SCALE
            for candidate in prefs:
                kept = keep[candidate]
                if kept == SCALE:
                    votes[candidate] += remaining * weight
                    remaining = 0
                    break
                if kept:
                    share = -(-remaining * kept // SCALE)  # rounded up
                    votes[candidate] += share * weight
                    remaining -= share
            excess += remaining * weight
        self.votes, self.excess = votes, excess
        self.quota = (self.valid * SCALE - excess) // (self.seats + 1) + 1

    def _reaching(self) -> list[str]:
        return [c for c in self.hopeful if self.votes[c] >= self.quota]

    def _elect_reaching_quota(self, earlier: list[dict[str, int]]) -> list[str]:
        reached = self._reaching()
        ordered = self._ordered(reached, earlier)[: self.seats - len(self.elected)]
        for candidate in ordered:
            self.hopeful.remove(candidate)
            self.elected.append(candidate)
        return ordered

    def _surplus(self) -> int:
        return sum(max(0, self.votes[c] - self.quota) for c in self.elected)

    def _update_keep_values(self) -> None:
        """keep x quota / votes, rounded up, for every elected candidate (never above 1)."""
        for candidate in self.elected:
            votes = self.votes[candidate]
            if votes:
                self.keep[candidate] = min(SCALE, -(-self.keep[candidate] * self.quota // votes))

    def _lowest(self) -> str:
        least = min(self.votes[c] for c in self.hopeful)
        tied = sorted(c for c in self.hopeful if self.votes[c] == least)
        if len(tied) == 1:
            return tied[0]
        return self.ties.by_history(len(self.rounds), tied, self.history[:-1], min, "exclusion")

    def _elect_all_hopeful(self, round_: dict[str, Any]) -> None:
        for candidate in self._ordered(list(self.hopeful), self.history[:-1]):
            self.hopeful.remove(candidate)
            self.elected.append(candidate)
            round_["elected"].append(candidate)
        round_["last_vacancies_filled"] = True

    def _ordered(self, candidates: list[str], earlier: list[dict[str, int]]) -> list[str]:
        """Highest votes first; equal votes by the most recent earlier round, then lot."""
        ordered: list[str] = []
        remaining = sorted(candidates, key=lambda c: -self.votes[c])
        while remaining:
            tied = [c for c in remaining if self.votes[c] == self.votes[remaining[0]]]
            choice = tied[0]
            if len(tied) > 1:
                choice = self.ties.by_history(len(earlier) + 1, tied, earlier, max, "order of election")
            ordered.append(choice)
            remaining.remove(choice)
        return ordered


def count_stv_meek(contest: Contest, profile: Profile) -> Result:
    marked, blank = split_blank(profile)
    result = MeekCount(contest, marked).run()
    result.rounds[0]["blank"] = blank  # ballots without a valid first preference: not in the count
    return result
