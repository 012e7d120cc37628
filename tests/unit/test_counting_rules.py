"""Small elections made by hand (tests/data/elections), each with its result worked out in the comments."""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from pathlib import Path

import pytest

from chalicelib.domain.counting import Candidate, Contest, CountingError, Method, Result, count
from chalicelib.domain.counting.formats import read_ballots, read_blt, read_candidate_votes
from chalicelib.domain.counting.lot import draw

DATA = Path(__file__).resolve().parents[1] / "data" / "elections"


def counted(name: str, method: Method, seed: str = "", **contest: object) -> tuple[Result, dict[str, str]]:
    """Count a data file; returns the result and an id -> name map."""
    text = (DATA / name).read_text()
    if name.endswith(".blt"):
        election = read_blt(text)
        contest.setdefault("seats", 1 if method is Method.IRV else election.seats)
    elif method is Method.DHONDT:
        election = read_candidate_votes(text)
    else:
        election = read_ballots(text, method, contest.get("max_choices"))  # type: ignore[arg-type]
    result = count(
        Contest(method, election.candidates, seed=seed, withdrawn=election.withdrawn, **contest),  # type: ignore[arg-type]
        election.ballots,
    )
    return result, {c.id: c.name for c in election.candidates}


def named(result: Result, names: dict[str, str]) -> dict:
    return result.as_json(names)


# --- Scottish STV ---------------------------------------------------------------------------------


def test_stv_exact_quota_surplus_and_a_tie_settled_by_an_earlier_stage():
    """3 seats, 20 valid ballots: quota = 20 // 4 + 1 = 6.
    Stage 1: Aino 8, Bertta 2, Cecilia 6, Doris 3, Eila 1. Aino (8) and Cecilia (exactly 6) are elected;
      Cecilia has no surplus, so nothing of hers moves.
    Stage 2: Aino's surplus 2; transfer value 2 x 1 / 8 = 0.25; her 8 papers go on to Bertta: +2.00000.
    Stage 3: no surplus left; Eila (1) is lowest and excluded; her paper goes to Doris: Bertta 4, Doris 4.
    Stage 4: Bertta and Doris tie for lowest; at stage 2 Doris had 3 to Bertta's 4, so Doris is excluded.
      Her 3 papers (Doris, Bertta) give Bertta 7 >= 6; Eila's paper (Eila, Doris) has no next preference
      and becomes non-transferable (1)."""
    result, names = counted("stv_exact_quota.blt", Method.STV_SCOTTISH)
    out = named(result, names)
    assert out["elected"] == ["Aino", "Cecilia", "Bertta"]
    assert [r["votes"] for r in out["rounds"]] == [
        {"Aino": "8.00000", "Bertta": "2.00000", "Cecilia": "6.00000", "Doris": "3.00000", "Eila": "1.00000"},
        {"Aino": "6.00000", "Bertta": "4.00000", "Cecilia": "6.00000", "Doris": "3.00000", "Eila": "1.00000"},
        {"Aino": "6.00000", "Bertta": "4.00000", "Cecilia": "6.00000", "Doris": "4.00000", "Eila": "0.00000"},
        {"Aino": "6.00000", "Bertta": "7.00000", "Cecilia": "6.00000", "Doris": "0.00000", "Eila": "0.00000"},
    ]
    assert [(r["action"], r["from"]) for r in out["rounds"]] == [
        ("first preferences", None),
        ("surplus", "Aino"),
        ("exclusion", "Eila"),
        ("exclusion", "Doris"),
    ]
    assert out["rounds"][1]["transfer_values"] == ["0.25000"]
    assert out["rounds"][3]["non_transferable"] == "1.00000"
    assert out["tie_breaks"] == [
        {
            "stage": 3,
            "candidates": ["Bertta", "Doris"],
            "rule": "earlier stage",
            "chosen": ["Doris"],
            "for": "exclusion",
            "stages_compared": [2],
        }
    ]


def test_stv_withdrawn_candidate_is_passed_over():
    """2 seats; Bertta (2) withdrew. Her name is skipped on every ballot; the one ballot marking only her
    is blank. Valid 11, quota 11 // 3 + 1 = 4.
    Stage 1: Aino 7 (4 from `Bertta, Aino`, 3 own), Cecilia 2, Doris 2. Aino elected, surplus 3.
    Stage 2: transfer value 3 / 7 = 0.42857 (remainder ignored); 4 papers have nothing after Aino, 3 go
      to Cecilia: 3 x 0.42857 = 1.28571, so Cecilia 3.28571; non-transferable 11 - 9.28571 = 1.71429.
    Stage 3: Doris (2) excluded; her 2 papers go to Cecilia: 5.28571, elected."""
    result, names = counted("stv_withdrawn.blt", Method.STV_SCOTTISH)
    out = named(result, names)
    assert out["elected"] == ["Aino", "Cecilia"]
    assert out["rounds"][0]["votes"] == {"Aino": "7.00000", "Cecilia": "2.00000", "Doris": "2.00000"}
    assert out["rounds"][1]["votes"] == {"Aino": "4.00000", "Cecilia": "3.28571", "Doris": "2.00000"}
    assert out["rounds"][1]["non_transferable"] == "1.71429"
    assert out["rounds"][2]["votes"]["Cecilia"] == "5.28571"
    assert result.extra["valid"] == 11


def test_stv_tie_at_every_stage_goes_to_lot_and_the_seed_fixes_it():
    """1 seat; Aino 3, Bertta 3, Cecilia 4; quota 6. Nobody is elected and Aino and Bertta tie with no
    earlier stage, so the lot excludes one; then the other; then Cecilia is the one continuing candidate
    for the one vacancy (rule 52)."""
    outcomes = set()
    for seed in ("board-head-1", "board-head-2", "board-head-3", "board-head-4", "board-head-5"):
        result, _ = counted("stv_tie_lot.blt", Method.STV_SCOTTISH, seed=seed)
        again, _ = counted("stv_tie_lot.blt", Method.STV_SCOTTISH, seed=seed)
        assert result == again
        assert result.elected == ("3",)
        (tie,) = result.tie_breaks
        assert (tie["stage"], tie["candidates"], tie["rule"], tie["for"]) == (
            1,
            ["1", "2"],
            "lot",
            "exclusion",
        )
        assert tie["chosen"] == [result.rounds[1]["from"]]
        assert result.rounds[-1]["last_vacancies_filled"] is True
        outcomes.add(tie["chosen"][0])
    assert outcomes == {"1", "2"}  # the lot is not fixed to one answer


def test_the_lot_is_sha256_of_seed_stage_tied_and_candidate():
    """The draw as docs/counting.md states it, so an outside verifier can redo it."""

    def ticket(candidate: str) -> str:
        material = json.dumps(["seed", "1:exclusion", ["a", "b", "c"], candidate], separators=(",", ":"))
        return hashlib.sha256(material.encode()).hexdigest()

    assert draw("seed", "1:exclusion", ["c", "a", "b"]) == sorted(["a", "b", "c"], key=ticket)


# --- IRV ------------------------------------------------------------------------------------------


def test_irv_majority_of_continuing_ballots():
    """18 ballots. Round 1: Aino 6, Bertta 5, Cecilia 4, Doris 3: no majority. Doris alone is below
    the next (3 < 4; 3 + 4 is not below 5), so she goes; her `Doris, Aino` papers give Aino 8 and her
    `Doris` paper is exhausted. Round 2: Aino 8, Bertta 5, Cecilia 4 of 17 continuing; Cecilia goes to
    Bertta. Round 3: Bertta 9 of 17 continuing is a majority (though not of all 18 ballots)."""
    result, names = counted("irv_exhausted.blt", Method.IRV)
    rounds = named(result, names)["rounds"]
    assert [r["votes"] for r in rounds] == [
        {"Aino": 6, "Bertta": 5, "Cecilia": 4, "Doris": 3},
        {"Aino": 8, "Bertta": 5, "Cecilia": 4},
        {"Aino": 8, "Bertta": 9},
    ]
    assert [r.get("eliminated") for r in rounds] == [["Doris"], ["Cecilia"], None]
    assert [r["exhausted"] for r in rounds] == [0, 1, 1]
    assert rounds[-1]["continuing_ballots"] == 17
    assert result.elected == ("2",)


def test_irv_tie_between_the_last_two_is_decided_by_lot():
    contest = Contest(Method.IRV, (Candidate("a", "A"), Candidate("b", "B")), seed="s")
    result = count(contest, [(2, ("a",)), (2, ("b",))])
    (tie,) = result.tie_breaks
    assert tie["rule"] == "lot" and tie["for"] == "elimination"
    assert result.elected == tuple({"a", "b"} - set(tie["chosen"]))


def test_irv_with_no_choices_elects_no_one():
    contest = Contest(Method.IRV, (Candidate("a", "A"), Candidate("b", "B")))
    result = count(contest, [(3, ())])
    assert result.elected == () and result.rounds[0]["blank"] == 3


# --- Meek -----------------------------------------------------------------------------------------


def test_meek_passes_the_surplus_on_through_a_keep_value():
    """2 seats, 15 ballots: 8 `Aino, Bertta`, 4 `Cecilia`, 3 `Bertta`. Quota (15 - 0) / 3 + 10^-9 =
    5.000000001. Aino (8) is elected; her keep value becomes 5.000000001 / 8 rounded up to 9 places,
    0.625000001, so each of her 8 ballots keeps 0.625000001 and passes 0.374999999 to Bertta:
    Aino 5.000000008, Bertta 3 + 2.999999992 = 5.999999992 >= quota: elected. Cecilia 4 is not."""
    result, names = counted("meek_two_seats.blt", Method.STV_MEEK)
    (round_,) = named(result, names)["rounds"]
    assert result.elected == ("1", "2")
    assert round_["quota"] == "5.000000001"
    assert round_["votes"] == {"Aino": "5.000000008", "Bertta": "5.999999992", "Cecilia": "4.000000000"}
    assert round_["keep_values"]["Aino"] == "0.625000001"


def test_meek_excludes_the_lowest_and_fills_the_last_seat():
    """1 seat: A 4, B 3, C 2 (`C, B`). Quota 4.5...: no one. C is excluded (keep 0) and her ballots
    pass to B: B 5 >= quota (9 / 2 + 10^-9), elected."""
    candidates = tuple(Candidate(c, c.upper()) for c in "abc")
    result = count(Contest(Method.STV_MEEK, candidates), [(4, ("a",)), (3, ("b",)), (2, ("c", "b"))])
    assert result.elected == ("b",)
    assert result.rounds[0]["excluded"] == ["c"]
    assert result.rounds[1]["votes"]["b"] == "5.000000000"


# --- d'Hondt --------------------------------------------------------------------------------------


def test_dhondt_alliance_and_comparison_numbers():
    """3 seats. Groups: Red (Aino 50, Bertta 30) total 80; the Left alliance of Green (Cecilia 25) and
    Blue (Doris 20, Eila 5) total 50; Fanni alone 39. Comparison numbers: Aino 80/1, Bertta 80/2 = 40;
    Cecilia 50/1, Doris 50/2 = 25, Eila 50/3; Fanni 39. Seats: Aino 80, Cecilia 50, Bertta 40.
    Green alone (25) would have lost to Fanni; the alliance carries Cecilia in."""
    result, _ = counted("dhondt_alliance.csv", Method.DHONDT, seats=3)
    out = result.as_json()
    assert out["elected"] == ["Aino", "Cecilia", "Bertta"]
    assert out["comparison_numbers"] == {
        "Aino": "80", "Bertta": "40", "Cecilia": "50", "Doris": "25", "Eila": "50/3", "Fanni": "39",
    }  # fmt: skip
    assert out["seats_per_list"] == {"Red": 2, "Green": 1, "Blue": 0, "Fanni": 0}
    assert Fraction(out["comparison_numbers"]["Eila"]) == Fraction(50, 3)
    assert out["counts"]["Aino"] == 50 and out["tie_breaks"] == []


def test_dhondt_equal_comparison_numbers_for_the_last_seat_by_lot():
    candidates = (Candidate("a", "A", "L1"), Candidate("b", "B", "L2"), Candidate("c", "C", "L3"))
    result = count(
        Contest(Method.DHONDT, candidates, seats=2, seed="x"), [(9, ("a",)), (4, ("b",)), (4, ("c",))]
    )
    (tie,) = result.tie_breaks
    assert (tie["candidates"], tie["rule"], tie["for"]) == (["b", "c"], "lot", "seat")
    assert result.elected == ("a", *tie["chosen"])


def test_dhondt_equal_personal_votes_in_a_list_are_ordered_by_lot_where_it_decides_a_seat():
    candidates = (Candidate("a", "A", "L"), Candidate("b", "B", "L"), Candidate("c", "C", "M"))
    result = count(
        Contest(Method.DHONDT, candidates, seats=1, seed="x"), [(5, ("a",)), (5, ("b",)), (3, ("c",))]
    )
    (tie,) = result.tie_breaks
    assert (tie["stage"], tie["candidates"], tie["rule"]) == ("order in list L", ["a", "b"], "lot")
    assert result.elected == tuple(tie["chosen"])
    assert sorted(result.extra["comparison_numbers"][c] for c in "ab") == ["10", "5"]


# --- yes/no, plurality, approval ------------------------------------------------------------------


def test_yesno_simple_and_qualified_majorities_and_quorum():
    """yesno.csv: 7 yes, 3 no, 2 blank = 12 cast; yes share 7/10."""
    result, _ = counted("yesno.csv", Method.YESNO)
    assert result.counts == {"yes": 7, "no": 3, "blank": 2}
    assert result.elected == ("yes",) and result.extra["carried"] is True
    assert counted("yesno.csv", Method.YESNO, qualified_majority=Fraction(2, 3))[0].elected == ("yes",)
    short = counted("yesno.csv", Method.YESNO, qualified_majority=Fraction(3, 4))[0]
    assert short.elected == () and short.extra["carried"] is False  # 7/10 < 3/4
    assert counted("yesno.csv", Method.YESNO, quorum=12)[0].elected == ("yes",)  # blanks count to the quorum
    no_quorum = counted("yesno.csv", Method.YESNO, quorum=13)[0]
    assert no_quorum.elected == () and no_quorum.extra["quorum_met"] is False


def test_yesno_weighted_delegates_and_a_no_majority():
    result, _ = counted("yesno_weighted.csv", Method.YESNO)
    assert result.counts == {"yes": 10, "no": 5, "blank": 1}
    rejected = count(Contest(Method.YESNO, ()), [(3, ("no",)), (2, ("yes",)), (1, ())])
    assert rejected.elected == ("no",)
    tie = count(Contest(Method.YESNO, ()), [(2, ("no",)), (2, ("yes",))])
    assert tie.elected == () and tie.extra["carried"] is False


def test_plurality_most_votes_wins_and_blank_is_counted():
    result, _ = counted("plurality.csv", Method.PLURALITY)
    assert result.counts == {"Ann": 3, "Ben": 2, "Cid": 1, "blank": 1}
    assert result.elected == ("Ann",)
    assert sum(result.counts.values()) == 7


def test_approval_counts_every_mark_and_breaks_the_seat_tie_by_lot():
    result, _ = counted("approval.csv", Method.APPROVAL, max_choices=2)
    assert result.counts == {"Alice": 3, "Bob": 2, "Carol": 2, "blank": 1}
    assert result.elected == ("Alice",)
    two, _ = counted("approval.csv", Method.APPROVAL, seed="z", max_choices=2, seats=2)
    (tie,) = two.tie_breaks
    assert (tie["candidates"], tie["rule"], tie["for"]) == (["Bob", "Carol"], "lot", "seat")
    assert two.elected == ("Alice", *tie["chosen"])


# --- invalid contests and ballots are named ---------------------------------------------------------

ABC = tuple(Candidate(c, c.upper()) for c in "abc")


@pytest.mark.parametrize(
    ("contest", "ballots", "message"),
    [
        (Contest(Method.APPROVAL, ABC, max_choices=2), [(1, ("a", "b", "c"))], "at most 2"),
        (Contest(Method.PLURALITY, ABC), [(1, ("a", "b"))], "at most 1"),
        (Contest(Method.IRV, ABC), [(1, ("a", "a"))], "twice"),
        (Contest(Method.STV_SCOTTISH, ABC), [(1, ("a", "z"))], "unknown candidate 'z'"),
        (Contest(Method.YESNO, ()), [(1, ("maybe",))], "yes, no or blank"),
        (Contest(Method.IRV, ABC), [(0, ("a",))], "weight 0"),
        (Contest(Method.IRV, ABC), [(1.5, ("a",))], "not a whole number"),
        (Contest(Method.IRV, ABC, seats=2), [], "one seat"),
        (Contest(Method.STV_MEEK, ABC, seats=0), [], "at least 1"),
        (Contest(Method.STV_MEEK, ABC, withdrawn=frozenset({"q"})), [], "not standing"),
        (Contest(Method.YESNO, (), qualified_majority=Fraction(3, 2)), [], "qualified_majority"),
    ],
)
def test_invalid_input_is_refused_naming_the_problem(contest, ballots, message):
    with pytest.raises(CountingError, match=message):
        count(contest, ballots)


def test_as_json_replaces_every_id_with_its_name():
    result, names = counted("stv_exact_quota.blt", Method.STV_SCOTTISH)
    text = json.dumps(result.as_json(names))
    assert all(f'"{cid}"' not in text for cid in names)
    assert json.dumps(result.as_json())  # JSON-ready without names too
