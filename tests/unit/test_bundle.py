import copy
import json
import random
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chalicelib.domain import board
from chalicelib.domain.bundle import FORMAT, ballots_digest, build_bundle, folded_ballots, verify_bundle
from chalicelib.domain.counting import Candidate, Contest, Method, count
from chalicelib.domain.tracking import canonical_ballot, tracking_code

ELECTION = "e-bundle"
TITLE = {"fi": "Hallituksen vaali", "sv": "Styrelseval", "en": "Board election"}
PEOPLE = ("anna", "bertil", "cecilia", "daniel")
CANDIDATES = tuple(Candidate(p, p.title()) for p in PEOPLE)
LISTS = (
    Candidate("anna", "Anna", list="red", alliance="left"),
    Candidate("bertil", "Bertil", list="red", alliance="left"),
    Candidate("cecilia", "Cecilia", list="green", alliance="left"),
    Candidate("daniel", "Daniel", list="blue"),
)
OPENED = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)


def contest_for(method: Method, seed: str) -> Contest:
    if method is Method.YESNO:
        return Contest(method, (), seed=seed, qualified_majority=Fraction(2, 3), quorum=3)
    if method is Method.DHONDT:
        return Contest(method, LISTS, seats=2, seed=seed)
    seats = 1 if method in (Method.PLURALITY, Method.IRV) else 2
    return Contest(
        method, CANDIDATES, seats=seats, max_choices=2 if method is Method.APPROVAL else None, seed=seed
    )


def ballots_for(method: Method, rng: random.Random, n: int) -> list[tuple[int, tuple[str, ...]]]:
    def one() -> tuple[str, ...]:
        if method is Method.YESNO:
            return rng.choice([("yes",), ("yes",), ("no",), ()])
        if method in (Method.PLURALITY, Method.DHONDT):
            return (rng.choice(PEOPLE),)
        if method is Method.APPROVAL:
            return tuple(rng.sample(PEOPLE, rng.randint(1, 2)))
        return tuple(rng.sample(PEOPLE, rng.randint(1, 4)))

    return [(1, one()) for _ in range(n)]


def seal_codes(codes: list[str], batches: int) -> list[board.Block]:
    blocks: list[board.Block] = []
    step = max(1, -(-len(codes) // batches))
    for i in range(0, max(len(codes), 1), step):
        previous = blocks[-1].header if blocks else None
        at = OPENED + timedelta(minutes=i)
        blocks.append(board.seal(previous, codes[i : i + step], election_id=ELECTION, sealed_at=at))
    return blocks


def election(
    method: Method = Method.STV_SCOTTISH, n: int = 40, batches: int = 3, seed: int = 7, roll: int = 100
):
    """Cast n ballots: each gets a code on the board; seal in batches; count with the final head as seed."""
    rng = random.Random(seed)
    ballots = ballots_for(method, rng, n)
    codes = [tracking_code(ELECTION, canonical_ballot(c, w), rng.randbytes(16)) for w, c in ballots]
    blocks = seal_codes(codes, batches)
    contest = contest_for(method, board.head(ELECTION, blocks))
    result = count(contest, ballots)
    bundle = build_bundle(
        election_id=ELECTION,
        title=TITLE,
        contest=contest,
        roll_count=roll,
        ballots=ballots,
        blocks=blocks,
        result=result,
    )
    return bundle, ballots, codes


def where(report) -> list[str]:
    return [p.where for p in report.problems]


def text(report) -> str:
    return " | ".join(str(p) for p in report.problems)


def round_trip(bundle: dict) -> dict:
    return json.loads(json.dumps(bundle))


METHODS = list(Method)


@pytest.mark.parametrize("method", METHODS)
def test_a_bundle_built_from_a_count_verifies(method):
    bundle, ballots, _ = election(method)
    report = verify_bundle(round_trip(bundle))
    assert report.intact, text(report)
    assert report.facts["ballots"] == report.facts["board_entries"] == len(ballots)
    assert report.facts["head"] == bundle["seed"] == bundle["board"]["head"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(METHODS), st.integers(0, 30), st.integers(1, 5), st.integers(0, 10**6))
def test_any_counted_election_gives_a_bundle_that_verifies(method, n, batches, seed):
    bundle, _, _ = election(method, n=n, batches=batches, seed=seed, roll=n)
    report = verify_bundle(round_trip(bundle))
    assert report.intact, text(report)


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_ballots_order_does_not_depend_on_casting_order(rng):
    _, ballots, _ = election(Method.STV_SCOTTISH, n=30)
    shuffled = list(ballots)
    rng.shuffle(shuffled)
    assert folded_ballots(shuffled) == folded_ballots(ballots)


def test_the_ballots_are_folded_sorted_and_carry_no_tracking_code():
    bundle, _, codes = election(Method.PLURALITY, n=60)
    entries = bundle["ballots"]
    assert sum(e["ballots"] for e in entries) == 60 and len(entries) <= len(PEOPLE)
    keys = [canonical_ballot(e["choices"], e["weight"]) for e in entries]
    assert keys == sorted(keys)
    ballots_text = json.dumps(entries)
    assert not any(code in ballots_text for code in codes)
    assert set(bundle) == {
        "format",
        "version",
        "election",
        "seed",
        "roll_count",
        "ballots_digest",
        "ballots",
        "board",
        "result",
    }


def test_the_election_rules_are_in_the_bundle():
    bundle, _, _ = election(Method.YESNO)
    rules = bundle["election"]
    assert rules["method"] == "yesno" and rules["qualified_majority"] == "2/3" and rules["quorum"] == 3
    assert rules["title"] == TITLE and rules["id"] == ELECTION


def test_delegate_weights_are_kept_apart_from_the_number_of_ballots():
    ballots = [(40, ("anna",)), (1, ("anna",)), (1, ("anna",)), (3, ("bertil",))]
    entries = [e.as_json() for e in folded_ballots(ballots)]
    assert {"ballots": 2, "weight": 1, "choices": ["anna"]} in entries
    assert {"ballots": 1, "weight": 40, "choices": ["anna"]} in entries


def test_a_count_whose_seed_is_not_the_final_head_is_not_bundled():
    _, ballots, _ = election(Method.PLURALITY)
    contest = contest_for(Method.PLURALITY, "something else")
    with pytest.raises(ValueError, match="final head"):
        build_bundle(
            election_id=ELECTION,
            title=TITLE,
            contest=contest,
            roll_count=100,
            ballots=ballots,
            blocks=[],
            result=count(contest, ballots),
        )


@pytest.mark.parametrize("method", METHODS)
def test_an_edited_ballot_is_named_by_the_recount(method):
    bundle, _, _ = election(method, n=40)
    entry = next(e for e in bundle["ballots"] if e["choices"])
    options = ("yes", "no") if method is Method.YESNO else PEOPLE
    entry["choices"] = [next(p for p in options if p != entry["choices"][0])]
    report = verify_bundle(round_trip(_resorted(bundle)))
    assert not report.intact
    assert all(w.startswith("result.") for w in where(report)), text(report)
    assert "differs from the recount (expected" in text(report)


def test_a_ballot_changed_after_close_is_named_by_the_digest_fixed_at_close():
    bundle, ballots, _ = election(Method.PLURALITY, n=40)
    weight, choices = ballots[0]
    changed = [(weight, ("daniel",) if choices != ("daniel",) else ("anna",)), *ballots[1:]]
    assert bundle["ballots_digest"] == ballots_digest(ballots)
    bundle["ballots"] = [e.as_json() for e in folded_ballots(changed)]
    report = verify_bundle(bundle)
    assert where(report)[0] == "ballots_digest"
    assert "a ballot was changed after voting closed" in report.problems[0].message


def test_a_bundle_carries_the_digest_fixed_at_close():
    _, ballots, _ = election(Method.PLURALITY, n=10)
    blocks = seal_codes([f"C{i}" for i in range(10)], 2)
    contest = contest_for(Method.PLURALITY, board.head(ELECTION, blocks))
    bundle = build_bundle(
        election_id=ELECTION,
        title=TITLE,
        contest=contest,
        roll_count=10,
        ballots=ballots,
        blocks=blocks,
        result=count(contest, ballots),
        ballots_digest="f" * 64,
    )
    assert bundle["ballots_digest"] == "f" * 64
    assert where(verify_bundle(bundle)) == ["ballots_digest"]


def test_the_digest_depends_on_the_ballots_not_their_order():
    _, ballots, _ = election(Method.STV_SCOTTISH, n=30)
    assert ballots_digest(reversed(ballots)) == ballots_digest(ballots)
    assert ballots_digest(ballots[1:]) != ballots_digest(ballots)
    heavier = [(2, ballots[0][1]), *ballots[1:]]
    assert ballots_digest(heavier) != ballots_digest(ballots)


def test_a_deleted_ballot_is_named():
    bundle, _, _ = election(Method.PLURALITY, n=40)
    bundle["ballots"][0]["ballots"] -= 1
    if not bundle["ballots"][0]["ballots"]:
        del bundle["ballots"][0]
    report = verify_bundle(bundle)
    assert "ballots: there are 39 ballots but 40 tracking codes on the board" in text(report)
    assert any(w.startswith("result.counts") for w in where(report))


def test_an_added_ballot_is_named_and_so_is_a_roll_too_small():
    bundle, _, _ = election(Method.PLURALITY, n=40, roll=40)
    bundle["ballots"][0]["ballots"] += 1
    report = verify_bundle(bundle)
    assert "there are 41 ballots but 40 tracking codes on the board" in text(report)
    assert "there are 41 ballots but only 40 voters on the roll" in text(report)


def test_a_changed_result_names_the_field_with_expected_and_found():
    bundle, _, _ = election(Method.STV_SCOTTISH, n=40)
    bundle["result"]["elected"] = list(reversed(bundle["result"]["elected"]))
    report = verify_bundle(bundle)
    [problem] = report.problems
    assert problem.where.startswith("result.elected")
    assert "expected" in problem.message and "found" in problem.message


def test_a_changed_count_in_a_round_names_the_round():
    bundle, _, _ = election(Method.PLURALITY, n=40)
    bundle["result"]["counts"]["anna"] += 1
    report = verify_bundle(bundle)
    assert "result.counts.anna" in where(report)


def test_a_round_dropped_from_the_result_is_named_with_what_the_recount_has():
    bundle, _, _ = election(Method.STV_SCOTTISH, n=40)
    dropped = bundle["result"]["rounds"].pop()
    last = len(bundle["result"]["rounds"])
    [problem] = verify_bundle(bundle).problems
    assert problem.where == f"result.rounds[{last}]"
    assert problem.message.startswith(f"differs from the recount (expected {json.dumps(dropped)[:40]}")
    assert problem.message.endswith("found nothing)")


def test_a_field_added_to_the_result_is_named():
    bundle, _, _ = election(Method.DHONDT, n=40)
    bundle["result"]["winner_by_acclaim"] = "anna"
    [problem] = verify_bundle(bundle).problems
    assert (
        str(problem) == 'result.winner_by_acclaim: differs from the recount (expected nothing, found "anna")'
    )


def test_a_changed_comparison_number_is_named():
    bundle, _, _ = election(Method.DHONDT, n=40)
    bundle["result"]["comparison_numbers"]["daniel"] = "1000"
    assert "result.comparison_numbers.daniel" in where(verify_bundle(bundle))


def test_an_edited_first_preference_names_the_round_and_candidate():
    bundle, _, _ = election(Method.STV_SCOTTISH, n=40)
    entry = next(e for e in bundle["ballots"] if e["choices"][0] != "daniel")
    first = entry["choices"][0]
    entry["choices"] = ["daniel"]
    report = verify_bundle(_resorted(bundle))
    assert where(report)[0] == f"result.rounds[0].votes.{first}"


def test_a_changed_seed_is_named():
    bundle, _, _ = election(Method.PLURALITY)
    bundle["seed"] = "0" * 64
    report = verify_bundle(bundle)
    assert report.problems[0].where == "seed"
    assert "is not the board's final head" in report.problems[0].message


def test_a_tampered_board_names_the_block():
    bundle, _, _ = election(Method.PLURALITY, n=40, batches=4)
    codes = bundle["board"]["blocks"][2]["codes"]
    codes[0] = codes[0][:-1] + ("A" if codes[0][-1] != "A" else "B")
    report = verify_bundle(bundle)
    assert report.problems[0].where == "board.blocks[2]"
    assert "a code was altered" in text(report)


def test_a_removed_board_entry_names_the_block_and_the_numbers():
    bundle, _, _ = election(Method.PLURALITY, n=40, batches=4)
    del bundle["board"]["blocks"][1]["codes"][3]
    report = verify_bundle(bundle)
    assert (
        report.problems[0].where == "board.blocks[1]" and "codes were removed" in report.problems[0].message
    )
    assert "there are 40 ballots but 39 tracking codes on the board" in text(report)


def test_a_cut_off_last_block_is_named_by_the_head_and_the_numbers():
    bundle, _, _ = election(Method.PLURALITY, n=40, batches=4)
    bundle["board"]["blocks"].pop()
    assert {"board.head", "seed", "ballots"} <= set(where(verify_bundle(bundle)))


def test_ballots_out_of_canonical_order_are_named():
    bundle, _, _ = election(Method.PLURALITY, n=40)
    bundle["ballots"].reverse()
    assert "ballots: are not folded and sorted in canonical order" in text(verify_bundle(bundle))


def test_ballots_the_rules_do_not_allow_are_named():
    bundle, _, _ = election(Method.PLURALITY, n=10)
    bundle["ballots"][0]["choices"] = ["nobody"]
    report = verify_bundle(_resorted(bundle))
    assert "ballots" in where(report) and "cannot be counted" in text(report)


@pytest.mark.parametrize(
    "path, value, named",
    [
        (("seed",), None, "seed"),
        (("roll_count",), "many", "roll_count"),
        (("ballots_digest",), 5, "ballots_digest"),
        (("election", "method"), "borda", "election.method"),
        (("election", "seats"), 0, "election.seats"),
        (("election", "candidates"), [{"id": "a"}], "election.candidates[0].name"),
        (("election", "qualified_majority"), "most", "election.qualified_majority"),
        (("ballots",), [{"ballots": 1, "weight": 1, "choices": [3]}], "ballots[0].choices"),
        (("board", "blocks"), [{"index": 0}], "board.blocks[0].election_id"),
        (("result",), [], "result"),
    ],
)
def test_a_malformed_bundle_names_the_field(path, value, named):
    bundle, _, _ = election(Method.PLURALITY, n=5)
    target = bundle
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    report = verify_bundle(bundle)
    assert report.readable and not report.intact
    assert [p.where for p in report.problems] == [named]


def test_a_missing_field_is_named():
    bundle, _, _ = election(Method.PLURALITY, n=5)
    del bundle["election"]["id"]
    assert str(verify_bundle(bundle).problems[0]) == "election.id: is missing"


@pytest.mark.parametrize(
    "document", [None, [], "bundle", {"format": "other"}, {"format": FORMAT, "version": 99}]
)
def test_what_is_not_a_bundle_is_unreadable(document):
    report = verify_bundle(document)
    assert not report.readable and not report.intact and report.problems


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["election", "seed", "roll_count", "ballots_digest", "ballots", "board", "result"]),
    JSON,
    st.data(),
)
def test_any_mangled_field_gives_a_named_problem_never_a_traceback(key, junk, data):
    bundle = copy.deepcopy(SMALL)
    target, name = bundle, key
    while isinstance(target[name], dict | list) and target[name] and data.draw(st.booleans()):
        target = target[name]
        name = data.draw(st.sampled_from(sorted(target) if isinstance(target, dict) else range(len(target))))
    target[name] = junk
    report = verify_bundle(bundle)
    assert report.readable
    assert all(p.where and p.message for p in report.problems)


SMALL = election(Method.IRV, n=6)[0]


def _resorted(bundle: dict) -> dict:
    """Fold again and recompute the digest after an edit, as a careful forger would."""
    ballots = [(e["weight"], tuple(e["choices"])) for e in bundle["ballots"] for _ in range(e["ballots"])]
    bundle["ballots"] = [e.as_json() for e in folded_ballots(ballots)]
    bundle["ballots_digest"] = ballots_digest(ballots)
    return bundle
