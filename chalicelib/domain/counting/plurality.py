"""Single choice (plurality) and approval (choose up to N): the most votes win the seats."""

from __future__ import annotations

from chalicelib.domain.counting.ballots import Profile, split_blank
from chalicelib.domain.counting.lot import TieBreaker
from chalicelib.domain.counting.model import BLANK, Contest, Result


def count_plurality(contest: Contest, profile: Profile) -> Result:
    """Each candidate gets the weight of every ballot marking it (one mark for plurality, up to
    max_choices for approval); the `seats` highest totals above zero are elected, ties by lot."""
    marked, blank = split_blank(profile)
    votes = dict.fromkeys(contest.standing, 0)
    for choices, weight in marked.items():
        for candidate in choices:
            votes[candidate] += weight
    ties = TieBreaker(contest.seed)
    elected = ties.top(votes, contest.seats, stage=1)
    valid = sum(marked.values()) + blank
    round_ = {"round": 1, "votes": dict(votes), "blank": blank, "ballots": valid, "elected": list(elected)}
    return Result(
        elected=tuple(elected),
        rounds=(round_,),
        tie_breaks=tuple(ties.records),
        counts={**votes, BLANK: blank},
    )
