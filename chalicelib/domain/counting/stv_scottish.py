"""Scottish STV: the Scottish Local Government Elections Order 2011 (SSI 2011/399), schedule 1,
rules 45-52, as written.

Votes are whole numbers of 1/100000, so the rule's "five decimal places (any remainder being ignored)"
is integer floor division and every stage total is exact. In short:
- quota = floor(valid / (seats + 1)) + 1 (rule 46); reaching it elects (rule 47);
- one stage per surplus, largest first, before any exclusion (rules 48-49); every paper the elected
  candidate holds moves on at floor(surplus x its value / the candidate's total) (weighted inclusive
  Gregory); preferences for elected or excluded candidates are passed over;
- otherwise the lowest continuing candidate is excluded and all their papers move at their current
  value in one stage (rule 50);
- ties: the most recent earlier stage at which the tied candidates differed, then lot (rules 49(2),
  51); when the continuing candidates are no more than the vacancies, they are elected and nothing
  more is transferred (rule 52).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalicelib.domain.counting.lot import TieBreaker
from chalicelib.domain.counting.model import Contest, Result
from chalicelib.domain.counting.papers import Papers, Sorter

UNIT = 100_000  # votes are counted in units of 0.00001

# The papers a candidate holds: (value of each paper in units, weight of each line) -> their lines
# (see papers.py), in the pieces they arrived in.
Pile = dict[tuple[int, int], list[str]]


def decimal(units: int) -> str:
    return f"{units // UNIT}.{units % UNIT:05d}"


def _unchanged(value: int) -> int:
    return value


class ScottishCount:
    def __init__(self, contest: Contest, papers: Papers) -> None:
        self.contest = contest
        self.ties = TieBreaker(contest.seed)
        self.letters = papers.letters
        self.sorter = Sorter(papers.letters)
        self.piles: dict[str, Pile] = {c: {} for c in contest.standing}
        self.totals = dict.fromkeys(contest.standing, 0)
        self.continuing = set(contest.standing)
        self.elected: list[str] = []
        self.unsettled: list[str] = []  # elected, surplus not yet transferred
        self.history: list[dict[str, int]] = []
        self.rounds: list[dict[str, Any]] = []
        self._pass_on({(UNIT, weight): [lines] for weight, lines in papers.parcels.items()})
        self.valid = sum(self.totals.values()) // UNIT  # ballots with a first preference still standing
        self.blank = papers.total - self.valid
        self.quota = (self.valid // (contest.seats + 1) + 1) * UNIT

    @property
    def vacancies(self) -> int:
        return self.contest.seats - len(self.elected)

    def run(self) -> Result:
        self._close_stage({"action": "first preferences", "from": None})
        while self.vacancies and not self._fill_last_vacancies():
            surplus_of = self._next_surplus()
            if surplus_of is not None:
                self._close_stage(self._transfer_surplus(surplus_of))
            else:
                self._close_stage(self._exclude(self._lowest()))
        return Result(
            elected=tuple(self.elected),
            rounds=tuple(self.rounds),
            tie_breaks=tuple(self.ties.records),
            counts=None,
            extra={"quota": decimal(self.quota), "valid": self.valid},
        )

    # --- the end of a stage: record it, then elect whoever reached the quota (rule 47)

    def _close_stage(self, action: dict[str, Any]) -> None:
        stage = len(self.rounds) + 1
        self.history.append(dict(self.totals))
        round_ = {
            "stage": stage,
            **action,
            "quota": decimal(self.quota),
            "votes": {c: decimal(units) for c, units in self.totals.items()},
            "non_transferable": decimal(self.valid * UNIT - sum(self.totals.values())),
            "elected": [],
        }
        self.rounds.append(round_)
        reached = [c for c in self.continuing if self.totals[c] >= self.quota]
        for candidate in self._highest_first(reached, "order of election")[: self.vacancies]:
            self._elect(candidate)
            if self.totals[candidate] > self.quota:
                self.unsettled.append(candidate)

    def _elect(self, candidate: str) -> None:
        self.continuing.discard(candidate)
        self.elected.append(candidate)
        self.rounds[-1]["elected"].append(candidate)

    def _fill_last_vacancies(self) -> bool:
        """Rule 52: as many continuing candidates as vacancies (or fewer) are all elected."""
        if len(self.continuing) > self.vacancies:
            return False
        for candidate in self._highest_first(list(self.continuing), "order of election"):
            self._elect(candidate)
        self.rounds[-1]["last_vacancies_filled"] = True
        return True

    # --- rules 48-49: surpluses, the largest first

    def _next_surplus(self) -> str | None:
        if not self.unsettled:
            return None
        first = self._highest_first(self.unsettled, "transfer of surplus")[0]
        self.unsettled.remove(first)
        return first

    def _transfer_surplus(self, candidate: str) -> dict[str, Any]:
        total = self.totals[candidate]
        surplus = total - self.quota
        papers = self.piles.pop(candidate)
        values = {surplus * value // total for value, _ in papers}
        self._pass_on(papers, lambda value: surplus * value // total)
        self.piles[candidate] = {}
        self.totals[candidate] = self.quota
        return {
            "action": "surplus",
            "from": candidate,
            "surplus": decimal(surplus),
            "transfer_values": [decimal(v) for v in sorted(values, reverse=True)],
        }

    # --- rules 50-51: exclusion of the lowest

    def _lowest(self) -> str:
        least = min(self.totals[c] for c in self.continuing)
        tied = sorted(c for c in self.continuing if self.totals[c] == least)
        if len(tied) == 1:
            return tied[0]
        return self.ties.by_history(len(self.rounds), tied, self.history[:-1], min, "exclusion")

    def _exclude(self, candidate: str) -> dict[str, Any]:
        self.continuing.discard(candidate)
        self._pass_on(self.piles.pop(candidate))
        self.piles[candidate] = {}
        self.totals[candidate] = 0
        return {"action": "exclusion", "from": candidate}

    def _pass_on(self, papers: Pile, value_of: Callable[[int], int] = _unchanged) -> None:
        """Each paper to its next preference among the continuing candidates, at value_of(its value);
        a paper without one is non-transferable."""
        passing_over = self.sorter.passing_over(c for c in self.letters if c not in self.continuing)
        to = [c for c in self.continuing if c in self.letters]
        for (value, weight), lines in papers.items():
            value = value_of(value)
            for candidate, moved, count in self.sorter.sort("".join(lines), passing_over, to):
                self.piles[candidate].setdefault((value, weight), []).append(moved)
                self.totals[candidate] += value * weight * count

    def _highest_first(self, candidates: list[str], purpose: str) -> list[str]:
        """By votes now, highest first; equal votes by the most recent earlier stage, then lot."""
        ordered: list[str] = []
        remaining = sorted(candidates, key=lambda c: -self.totals[c])
        while remaining:
            top = self.totals[remaining[0]]
            tied = [c for c in remaining if self.totals[c] == top]
            pick = tied[0]
            if len(tied) > 1:
                pick = self.ties.by_history(len(self.rounds), tied, self.history[:-1], max, purpose)
            ordered.append(pick)
            remaining.remove(pick)
        return ordered


def count_stv_scottish(contest: Contest, papers: Papers) -> Result:
    counted = ScottishCount(contest, papers)
    result = counted.run()
    result.rounds[0]["blank"] = counted.blank  # ballots without a valid first preference: not in the count
    return result
