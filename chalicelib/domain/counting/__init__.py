"""The counting engine: every kind of union vote, exact, with its ties written into the result.

    count(contest, ballots) -> Result      raises CountingError (a ValueError) naming the problem

Pure Python, no I/O. The rules as implemented are described in docs/counting.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from chalicelib.domain.counting.ballots import Profile, check_contest, prepared
from chalicelib.domain.counting.blt_ballots import BltBallots
from chalicelib.domain.counting.dhondt import count_dhondt
from chalicelib.domain.counting.irv import count_irv
from chalicelib.domain.counting.model import Ballot, Candidate, Contest, CountingError, Method, Result
from chalicelib.domain.counting.papers import Papers, papers_of
from chalicelib.domain.counting.plurality import count_plurality
from chalicelib.domain.counting.stv_meek import count_stv_meek
from chalicelib.domain.counting.stv_scottish import count_stv_scottish
from chalicelib.domain.counting.yesno import count_yesno

_RULES: dict[Method, Callable[[Contest, Profile], Result]] = {
    Method.YESNO: count_yesno,
    Method.PLURALITY: count_plurality,
    Method.APPROVAL: count_plurality,
    Method.IRV: count_irv,
    Method.STV_MEEK: count_stv_meek,
    Method.DHONDT: count_dhondt,
}


def count(contest: Contest, ballots: Iterable[Ballot]) -> Result:
    """Count the ballots by the contest's method. Identical ballots are folded together first, so the
    result never depends on the order of the ballots."""
    if not isinstance(contest.method, Method):
        try:
            contest = replace(contest, method=Method(contest.method))
        except ValueError:
            raise CountingError(f"no counting method {contest.method!r}") from None
    if contest.method is Method.STV_SCOTTISH:
        return count_stv_scottish(contest, _papers(contest, ballots))
    return _RULES[contest.method](contest, prepared(contest, ballots))


def _papers(contest: Contest, ballots: Iterable[Ballot]) -> Papers:
    """The ballots as text for a count (papers.py): ballots read in bulk from BLT are already."""
    check_contest(contest)
    if isinstance(ballots, BltBallots) and ballots.fit(contest):
        return ballots.papers
    return papers_of(prepared(contest, ballots), contest.ids)


__all__ = ["Ballot", "Candidate", "Contest", "CountingError", "Method", "Result", "count"]
