"""Scottish STV passes papers on as text (papers.py) and reads plain BLT files in bulk (blt_ballots.py):
both must give exactly what a paper-by-paper count of the same ballots read line by line gives."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.counting import Candidate, Contest, Method, Result, count
from chalicelib.domain.counting.ballots import Profile, prepared, split_blank
from chalicelib.domain.counting.blt_ballots import BltBallots
from chalicelib.domain.counting.formats import FormatError, read_blt
from chalicelib.domain.counting.lot import TieBreaker
from chalicelib.domain.counting.stv_scottish import UNIT, ScottishCount, decimal

relaxed = settings(deadline=None, max_examples=150)
FEW_WEIGHTS = st.integers(1, 4)
Ballots = list[tuple[int, tuple[str, ...]]]


class PaperByPaper(ScottishCount):
    """The same stages with every distinct ballot its own (preferences, position, value, weight) entry,
    moved one at a time to its next continuing preference: the rule read literally, as the oracle."""

    def __init__(self, contest: Contest, profile: Profile) -> None:  # not super(): it builds text piles
        marked, self.blank = split_blank(profile)
        self.contest, self.ties = contest, TieBreaker(contest.seed)
        self.continuing = set(contest.standing)
        self.elected, self.unsettled, self.history, self.rounds = [], [], [], []
        self.totals = dict.fromkeys(contest.standing, 0)
        self.piles: Any = {c: [] for c in contest.standing}
        for prefs, weight in marked.items():
            self.piles[prefs[0]].append((prefs, 0, UNIT, weight))
            self.totals[prefs[0]] += UNIT * weight
        self.valid = sum(marked.values())
        self.quota = (self.valid // (contest.seats + 1) + 1) * UNIT

    def _transfer_surplus(self, candidate: str) -> dict[str, Any]:
        total = self.totals[candidate]
        surplus = total - self.quota
        values = {surplus * value // total for _, _, value, _ in self.piles[candidate]}
        self._pass_on(self.piles.pop(candidate), lambda value: surplus * value // total)
        self.piles[candidate], self.totals[candidate] = [], self.quota
        return {
            "action": "surplus",
            "from": candidate,
            "surplus": decimal(surplus),
            "transfer_values": [decimal(v) for v in sorted(values, reverse=True)],
        }

    def _pass_on(self, papers: Any, value_of: Any = lambda value: value) -> None:
        for prefs, pos, value, weight in papers:
            onward = [(i, c) for i, c in enumerate(prefs) if i > pos and c in self.continuing]
            if onward:
                nxt, candidate = onward[0]
                self.piles[candidate].append((prefs, nxt, value_of(value), weight))
                self.totals[candidate] += value_of(value) * weight


def paper_by_paper(contest: Contest, ballots: Any) -> Result:
    counted = PaperByPaper(contest, prepared(contest, ballots))
    result = counted.run()
    result.rounds[0]["blank"] = counted.blank
    return result


def as_published(result: Result) -> dict[str, Any]:
    return result.as_json() | {"extra": result.extra}


def candidates(n: int) -> tuple[Candidate, ...]:
    return tuple(Candidate(str(i), f"Candidate {i}") for i in range(1, n + 1))


@st.composite
def elections(draw: Any, weights: Any = FEW_WEIGHTS) -> tuple[Contest, Ballots]:
    """Up to twelve candidates (so ids `10` and up), blank ballots, withdrawn candidates, and enough
    ballots with few weights that ties, lots and surpluses of every size happen."""
    n = draw(st.integers(1, 12))
    ids = [str(i) for i in range(1, n + 1)]
    ranking = st.permutations(ids).flatmap(lambda p: st.integers(0, n).map(lambda k: tuple(p[:k])))
    ballots = draw(st.lists(st.tuples(weights, ranking), max_size=40))
    withdrawn = draw(st.sets(st.sampled_from(ids), max_size=n // 3)) if n > 2 else set()
    seats = draw(st.integers(1, 4))
    seed = draw(st.sampled_from(["", "board-head"]))
    contest = Contest(Method.STV_SCOTTISH, candidates(n), seats, seed=seed, withdrawn=frozenset(withdrawn))
    return contest, ballots


def blt(contest: Contest, ballots: Ballots) -> str:
    """A plain BLT file: every ballot its own `1 pref ... 0` line, however many times it was cast."""
    lines = [f"{len(contest.candidates)} {contest.seats}"]
    lines += [" ".join(["1", *prefs, "0"]) for weight, prefs in ballots for _ in range(weight)]
    lines += ["0", *(f'"{c.name}"' for c in contest.candidates), '"Test"']
    return "\n".join(lines) + "\n"


@relaxed
@given(elections())
def test_the_text_count_gives_what_the_paper_by_paper_count_gives(election):
    contest, ballots = election
    assert as_published(count(contest, ballots)) == as_published(paper_by_paper(contest, ballots))


@relaxed
@given(elections(weights=st.integers(1, 3)))
def test_a_plain_blt_read_in_bulk_is_the_same_ballots_and_the_same_count(election):
    contest, ballots = election
    read = read_blt(blt(contest, ballots))
    if ballots:
        assert isinstance(read.ballots, BltBallots)
    folded = Counter()
    for weight, prefs in ballots:
        folded[prefs] += weight
    assert read.ballots == tuple((weight, prefs) for prefs, weight in folded.items())
    expected = as_published(paper_by_paper(contest, list(read.ballots)))
    assert as_published(count(contest, read.ballots)) == expected


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("1 13 0", "no candidate '13'"),
        ("1 03 0", "no candidate '03'"),
        ("1 0 3 0", "no candidate '0'"),
        ("1 3 x 0", "no candidate 'x'"),
        ("1 3 3 0", "twice"),
        ("1 10 2 10 0", "twice"),
        ("1 3 10", "end with 0"),
        ("0 3 0", "weight"),
    ],
)
def test_a_line_the_bulk_reader_refuses_is_named_as_before(line, problem):
    text = "12 2\n1 1 2 0\n1 12 11 10 0\n" + line + "\n1 4 0\n0\n" + "".join(f"C{i}\n" for i in range(12))
    with pytest.raises(FormatError) as caught:
        read_blt(text)
    assert caught.value.line == 4 and problem in caught.value.problem


@pytest.mark.parametrize("line", ["1  3 0", "1 3 0 ", " 1 3 0", "1\t3 0"])
def test_lines_that_are_not_plain_but_valid_are_read_line_by_line(line):
    election = read_blt(f"3 1\n1 3 0\n{line}\n2 1 0\n0\nA\nB\nC\n")
    assert election.ballots == ((1, ("3",)), (1, ("3",)), (2, ("1",)))  # distinct lines, as ever
    assert not isinstance(election.ballots, BltBallots)


def test_ballots_read_in_bulk_behave_as_the_tuple_they_stand_for():
    ballots = read_blt("11 1\n1 11 2 0\n1 0\n1 11 2 0\n0\n" + "N\n" * 11).ballots
    plain = ((2, ("11", "2")), (1, ()))
    assert isinstance(ballots, BltBallots)
    assert ballots == plain and plain == ballots and hash(ballots) == hash(plain)
    assert len(ballots) == 2 and ballots[1] == (1, ()) and ballots[:1] == plain[:1]
    assert (1, ()) in ballots and list(ballots) == list(plain) and repr(ballots) == repr(plain)
    assert ballots != list(plain)


def test_ballots_read_in_bulk_are_checked_again_for_a_contest_with_other_candidates():
    ballots = read_blt("3 1\n1 3 1 0\n1 2 0\n0\nA\nB\nC\n").ballots
    contest = Contest(Method.STV_SCOTTISH, candidates(2))
    with pytest.raises(ValueError, match="unknown candidate '3'"):
        count(contest, ballots)
    irv = count(Contest(Method.IRV, candidates(3)), ballots)
    assert irv.elected in (("2",), ("3",)) and irv.rounds[0]["votes"] == {"1": 0, "2": 1, "3": 1}
