"""Properties every count must keep, over generated elections."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from chalicelib.domain.counting import Candidate, Contest, Method, count

IDS = "abcdef"
relaxed = settings(deadline=None)  # time is not a property: a loaded machine must not fail one


def candidates(n: int) -> tuple[Candidate, ...]:
    return tuple(Candidate(c, c.upper()) for c in IDS[:n])


@st.composite
def ranked_elections(draw, max_ballots: int = 25, weights=None):
    weights = st.integers(1, 5) if weights is None else weights
    n = draw(st.integers(2, 6))
    rankings = st.permutations(IDS[:n]).flatmap(lambda p: st.integers(0, n).map(lambda k: tuple(p[:k])))
    ballots = draw(st.lists(st.tuples(weights, rankings), max_size=max_ballots))
    return n, ballots


@st.composite
def tie_free_elections(draw):
    """Distinct powers of two as weights: no two candidates can ever hold equal non-zero totals, so no
    lot can make two rules disagree; at least one ballot names someone."""
    n, ballots = draw(ranked_elections(max_ballots=12, weights=st.just(1)))
    ballots = [(2**i, prefs) for i, (_, prefs) in enumerate(ballots)]
    extra = draw(st.permutations(IDS[:n]).map(lambda p: (2 ** len(ballots), tuple(p))))
    return n, [*ballots, extra]


def decimal_units(text: str, places: int = 5) -> int:
    whole, part = text.split(".")
    return int(whole) * 10**places + int(part)


# --- the total counted equals the valid ballots ---------------------------------------------------


@relaxed
@given(st.data())
def test_single_choice_totals_equal_the_ballots(data):
    n = data.draw(st.integers(1, 6))
    choice = st.one_of(st.just(()), st.sampled_from(IDS[:n]).map(lambda c: (c,)))
    ballots = data.draw(st.lists(st.tuples(st.integers(1, 9), choice), max_size=30))
    cast = sum(w for w, _ in ballots)
    for method in (Method.PLURALITY, Method.DHONDT):
        result = count(Contest(method, candidates(n), seats=data.draw(st.integers(1, 3))), ballots)
        assert sum(result.counts.values()) == cast


@relaxed
@given(st.lists(st.tuples(st.integers(1, 9), st.sampled_from([(), ("yes",), ("no",)])), max_size=30))
def test_yesno_totals_equal_the_ballots(ballots):
    result = count(Contest(Method.YESNO, ()), ballots)
    assert sum(result.counts.values()) == result.extra["ballots_cast"] == sum(w for w, _ in ballots)


@relaxed
@given(ranked_elections())
def test_every_irv_round_accounts_for_every_ballot(election):
    n, ballots = election
    result = count(Contest(Method.IRV, candidates(n)), ballots)
    cast = sum(w for w, _ in ballots)
    for round_ in result.rounds:
        assert sum(round_["votes"].values()) + round_["exhausted"] + round_["blank"] == cast


@relaxed
@given(ranked_elections(), st.integers(1, 4))
def test_every_scottish_stage_accounts_for_every_valid_vote_exactly(election, seats):
    n, ballots = election
    result = count(Contest(Method.STV_SCOTTISH, candidates(n), seats=seats), ballots)
    valid = sum(w for w, prefs in ballots if prefs)
    for stage in result.rounds:
        held = sum(decimal_units(v) for v in stage["votes"].values())
        assert held + decimal_units(stage["non_transferable"]) == valid * 100_000
    assert len(result.elected) == min(seats, n)


# --- one seat: IRV, Scottish STV and Meek STV agree --------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(tie_free_elections())
def test_one_seat_irv_and_stv_elect_the_same_candidate(election):
    n, ballots = election
    irv = count(Contest(Method.IRV, candidates(n)), ballots)
    scottish = count(Contest(Method.STV_SCOTTISH, candidates(n)), ballots)
    meek = count(Contest(Method.STV_MEEK, candidates(n)), ballots)
    assert irv.elected == scottish.elected == meek.elected
    assert len(irv.elected) == 1


# --- d'Hondt --------------------------------------------------------------------------------------


@st.composite
def list_elections(draw):
    n = draw(st.integers(1, 6))
    lists = draw(st.lists(st.sampled_from(["L1", "L2", "L3", None]), min_size=n, max_size=n))
    alliance = {
        "L1": draw(st.sampled_from([None, "A"])),
        "L2": draw(st.sampled_from([None, "A"])),
        "L3": None,
    }
    people = tuple(Candidate(IDS[i], IDS[i].upper(), lst, alliance.get(lst)) for i, lst in enumerate(lists))
    votes = draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    return people, votes, draw(st.integers(1, 5))


def dhondt(people, votes, seats, seed="s"):
    ballots = [(v, (c.id,)) for c, v in zip(people, votes, strict=True) if v]
    return count(Contest(Method.DHONDT, people, seats=seats, seed=seed), ballots)


@relaxed
@given(list_elections())
def test_dhondt_seats_sum_to_the_seats(election):
    people, votes, seats = election
    result = dhondt(people, votes, seats)
    with_votes = sum(1 for n in result.extra["comparison_numbers"].values() if Fraction(n) > 0)
    assert sum(result.extra["seats_per_list"].values()) == len(result.elected) == min(seats, with_votes)


@relaxed
@given(list_elections(), st.data())
def test_dhondt_no_list_loses_a_seat_when_its_votes_grow(election, data):
    people, votes, seats = election
    grown = data.draw(st.integers(0, len(people) - 1))
    more = list(votes)
    more[grown] += data.draw(st.integers(1, 30))
    label = people[grown].list or people[grown].name
    before = dhondt(people, votes, seats).extra["seats_per_list"][label]
    after = dhondt(people, more, seats).extra["seats_per_list"][label]
    assert after >= before


# --- order of ballots and the seed -----------------------------------------------------------------


@relaxed
@given(ranked_elections(), st.integers(1, 3), st.randoms(use_true_random=False))
def test_stv_results_do_not_depend_on_the_order_of_the_ballots(election, seats, random):
    n, ballots = election
    shuffled = list(ballots)
    random.shuffle(shuffled)
    for method in (Method.STV_SCOTTISH, Method.STV_MEEK):
        contest = Contest(method, candidates(n), seats=seats, seed="board")
        assert count(contest, ballots) == count(contest, shuffled)


@relaxed
@given(ranked_elections(weights=st.just(1)), st.integers(1, 3), st.text(max_size=8))
def test_equal_seeds_give_equal_tie_breaks(election, seats, seed):
    n, ballots = election
    for method in (Method.STV_SCOTTISH, Method.STV_MEEK, Method.APPROVAL):
        contest = Contest(method, candidates(n), seats=seats, seed=seed)
        first, second = count(contest, ballots), count(contest, list(ballots))
        assert first.tie_breaks == second.tie_breaks and first.elected == second.elected
