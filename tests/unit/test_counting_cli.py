"""Reading BLT and CSV files (every error names its line) and the `portal-tally` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chalicelib.domain.counting import Method
from chalicelib.domain.counting.formats import FormatError, read_ballots, read_blt, read_candidate_votes
from chalicelib.entrypoints.tally import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "elections"
WARD = ROOT.parent / "shared" / "elections-reference" / "scotland-stv-2017" / "shetland_2017_ward7.blt"


def test_blt_with_quoted_names_withdrawn_line_and_title():
    election = read_blt((DATA / "stv_withdrawn.blt").read_text())
    assert [c.name for c in election.candidates] == ["Aino", "Bertta", "Cecilia", "Doris"]
    assert election.seats == 2 and election.withdrawn == {"2"}
    assert election.ballots[0] == (4, ("2", "1"))
    assert election.title == "Bertta withdrew after the ballots were printed"


def test_blt_with_bare_names_as_the_scottish_files_have_them():
    election = read_blt("2 1\n3 1 2 0\n1 2 0\n0\nAnn SMITH (Ind)\nBen JONES (Lab)\nWard 1\n")
    assert [c.name for c in election.candidates] == ["Ann SMITH (Ind)", "Ben JONES (Lab)"]
    assert election.ballots == ((3, ("1", "2")), (1, ("2",))) and election.title == "Ward 1"


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("3\n", 1, "`candidates seats`"),
        ("2 1\n-3\n", 2, "withdrawn"),
        ("2 1\n1 1 2\n0\n", 2, "end with 0"),
        ("2 1\n1 1 2 0\nx 1 0\n0\n", 3, "weight"),
        ("2 1\n1 1 3 0\n0\n", 2, "no candidate '3'"),
        ("2 1\n1 1 1 0\n0\n", 2, "twice"),
        ("2 1\n1 1=2 0\n0\n", 2, "equal rankings"),
        ("2 1\n1 1 0\n", 2, "the line `0`"),
        ('2 1\n1 1 0\n0\n"A"\n', 4, "name of candidate 2"),
        ('2 1\n1 1 0\n0\n"A"\n"B"\n"T"\nmore\n', 7, "after the title"),
    ],
)
def test_a_bad_blt_names_the_line(text, line, problem):
    with pytest.raises(FormatError) as caught:
        read_blt(text)
    assert caught.value.line == line and problem in caught.value.problem


def test_candidate_votes_csv_reads_lists_alliances_and_stand_alone_candidates():
    election = read_candidate_votes((DATA / "dhondt_alliance.csv").read_text())
    by_id = {c.id: c for c in election.candidates}
    assert (by_id["Doris"].list, by_id["Doris"].alliance) == ("Blue", "Left")
    assert (by_id["Fanni"].list, by_id["Fanni"].alliance) == (None, None)
    assert (39, ("Fanni",)) in election.ballots


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ("name,votes\n", 1, "header"),
        ("candidate,list,alliance,votes\nA,L,,x\n", 2, "whole number"),
        ("candidate,list,alliance,votes\nA,L,,1\nA,M,,2\n", 3, "twice"),
        ("candidate,list,alliance,votes\nA,L,X,1\nB,L,,2\n", 3, "already in alliance"),
        ("candidate,list,alliance,votes\nA,L,,1,9\n", 2, "4 columns"),
    ],
)
def test_a_bad_candidate_csv_names_the_line(text, line, problem):
    with pytest.raises(FormatError) as caught:
        read_candidate_votes(text)
    assert caught.value.line == line and problem in caught.value.problem


def test_yesno_csv_needs_no_header():
    assert read_ballots("yes\nno\n\nYes\n", Method.YESNO).ballots == (
        (1, ("yes",)),
        (1, ("no",)),
        (1, ()),
        (1, ("yes",)),
    )


@pytest.mark.parametrize(
    ("text", "method", "line", "problem"),
    [
        ("A,B\nA,B\n", Method.PLURALITY, 2, "at most 1"),
        ("A,B\nC\n", Method.PLURALITY, 2, "not one of the options"),
        ("A,B,C\nA,B,C\n", Method.APPROVAL, 2, "at most 2"),
        ("A,A\n", Method.APPROVAL, 1, "each once"),
        ("weight,A,B\n0,A\n", Method.PLURALITY, 2, "weight"),
        ("yes\nmaybe\n", Method.YESNO, 2, "not one of the options"),
    ],
)
def test_a_bad_ballots_csv_names_the_line(text, method, line, problem):
    with pytest.raises(FormatError) as caught:
        read_ballots(text, method, max_choices=2)
    assert caught.value.line == line and problem in caught.value.problem


# --- portal-tally -----------------------------------------------------------------------------------


def tally(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict | None, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out else None), err


def test_tally_stv_prints_names_rounds_and_tie_breaks(capsys):
    code, out, _ = tally(capsys, "--method", "stv-scottish", str(DATA / "stv_exact_quota.blt"))
    assert code == 0
    assert out["elected"] == ["Aino", "Cecilia", "Bertta"]
    assert len(out["rounds"]) == 4 and out["tie_breaks"][0]["chosen"] == ["Doris"]


def test_tally_seats_default_to_the_blt_and_can_be_overridden(capsys):
    blt = str(DATA / "stv_exact_quota.blt")
    assert len(tally(capsys, "--method", "stv-meek", blt)[1]["elected"]) == 3
    assert len(tally(capsys, "--method", "stv-meek", "--seats", "1", blt)[1]["elected"]) == 1
    assert tally(capsys, "--method", "irv", blt)[1]["elected"] == ["Aino"]


def test_tally_dhondt_prints_seats_per_list_and_comparison_numbers(capsys):
    code, out, _ = tally(capsys, "--method", "dhondt", "--seats", "3", str(DATA / "dhondt_alliance.csv"))
    assert code == 0
    assert out["seats_per_list"]["Red"] == 2 and out["comparison_numbers"]["Eila"] == "50/3"


def test_tally_simple_kinds(capsys):
    assert tally(capsys, "--method", "yesno", str(DATA / "yesno.csv"))[1]["elected"] == ["yes"]
    assert tally(capsys, "--method", "plurality", str(DATA / "plurality.csv"))[1]["counts"]["Ann"] == 3
    approval = ["--max-choices", "2", "--seats", "2", "--seed", "z", str(DATA / "approval.csv")]
    code, out, _ = tally(capsys, "--method", "approval", *approval)
    assert code == 0 and out["elected"][0] == "Alice" and out["tie_breaks"][0]["rule"] == "lot"


def test_tally_bad_files_exit_2_naming_the_line(capsys):
    bad = DATA / "bad_ballot_line.blt"
    code, out, err = tally(capsys, "--method", "irv", str(bad))
    assert (code, out) == (2, None)
    assert err.strip() == f"{bad}:3: no candidate '9'"
    bad = DATA / "bad_votes.csv"
    code, _, err = tally(capsys, "--method", "dhondt", str(bad))
    assert code == 2 and err.strip() == f"{bad}:3: votes must be a whole number, not 'many'"


def test_tally_refuses_an_impossible_count_and_a_missing_file(capsys):
    code, _, err = tally(capsys, "--method", "irv", "--seats", "2", str(DATA / "irv_exhausted.blt"))
    assert code == 2 and "one seat" in err
    code, _, err = tally(capsys, "--method", "irv", str(DATA / "no-such-file.blt"))
    assert code == 2 and "cannot read" in err


def test_the_installed_command_recounts_a_real_ward():
    assert WARD.exists(), f"reference election data missing: {WARD}"
    script = Path(sys.executable).with_name("portal-tally")
    assert script.exists(), "portal-tally is not installed: run `.venv/bin/pip install --no-deps -e .`"
    done = subprocess.run(
        [str(script), "--method", "stv-scottish", str(WARD)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["elected"] == [
        "Cecil Laing SMITH (Ind)",
        "Beatrice WISHART(Ind)",
        "Peter CAMPBELL (Ind)",
        "Amanda WESTLAKE (Ind)",
    ]
    assert out["rounds"][-1]["votes"]["Amanda WESTLAKE (Ind)"] == "408.83193"
