"""Yes/no ballots (strike ballots, ratifications): blank votes, a qualified majority, a turnout quorum.

Blank ballots count towards the quorum but not towards the majority, which is the share of yes among
yes + no: more than half without a qualified majority, at least the given share with one.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from chalicelib.domain.counting.ballots import Profile
from chalicelib.domain.counting.model import BLANK, NO, YES, Contest, Result


def count_yesno(contest: Contest, profile: Profile) -> Result:
    yes, no, blank = profile.get((YES,), 0), profile.get((NO,), 0), profile.get((), 0)
    cast = yes + no + blank
    quorum_met = contest.quorum is None or cast >= contest.quorum
    carried = quorum_met and _carried(yes, no, contest.qualified_majority)
    required = "majority" if contest.qualified_majority is None else str(contest.qualified_majority)
    outcome: dict[str, Any] = {
        "carried": carried,
        "quorum_met": quorum_met,
        "ballots_cast": cast,
        "yes_share": str(Fraction(yes, yes + no)) if yes + no else None,
        "required_share": required,
    }
    round_ = {"round": 1, "votes": {YES: yes, NO: no}, "blank": blank, **outcome}
    return Result(
        elected=_elected(carried, quorum_met, yes, no),
        rounds=(round_,),
        tie_breaks=(),
        counts={YES: yes, NO: no, BLANK: blank},
        extra=outcome,
    )


def _carried(yes: int, no: int, share: Fraction | None) -> bool:
    if yes + no == 0:
        return False
    if share is None:
        return yes > no
    return Fraction(yes, yes + no) >= share


def _elected(carried: bool, quorum_met: bool, yes: int, no: int) -> tuple[str, ...]:
    """yes when carried; no when the no side holds the majority; nothing when the quorum failed or
    neither side carried it (a tie, or a yes majority short of the qualified share)."""
    if carried:
        return (YES,)
    if quorum_met and no > yes:
        return (NO,)
    return ()
