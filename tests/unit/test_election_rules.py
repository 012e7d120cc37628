"""Election rules: ballot validation per kind, the status machine, what may change when, eligibility,
ballot order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import product
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.elections import (
    NEXT_STATUSES,
    BallotOrder,
    Definition,
    Election,
    ElectionKind,
    ElectionStatus,
    Eligibility,
    Option,
    Texts,
    ballot_order,
    check_choices,
    definition_from_json,
    merged,
)
from chalicelib.domain.errors import InvalidInput, InvalidTransition
from chalicelib.domain.members import Member, MembershipCategory, MemberStatus
from chalicelib.domain.segments import SegmentRule

OPENS = datetime(2026, 3, 1, 7, tzinfo=UTC)
CLOSES = datetime(2026, 3, 8, 16, tzinfo=UTC)
CANDIDATES = tuple(
    Option(i, n) for i, n in (("c1", "Cecilia"), ("a1", "Anna"), ("b1", "Bertil"), ("d1", "Daniel"))
)


def definition(kind: ElectionKind, **changes: Any) -> Definition:
    options = () if kind is ElectionKind.YESNO else CANDIDATES
    return Definition(Texts("Vaali"), kind, OPENS, CLOSES, options=options, **changes)


def paths(error: InvalidInput) -> set[str]:
    return {f.path for f in error.fields}


# --- ballots ------------------------------------------------------------------------------------


@pytest.mark.parametrize("choices", [["yes"], ["no"], []])
def test_a_yes_no_ballot_is_yes_no_or_blank(choices):
    assert check_choices(definition(ElectionKind.YESNO), choices) == tuple(choices)


@pytest.mark.parametrize(("choices", "where"), [(["maybe"], "choices.0"), (["yes", "no"], "choices")])
def test_a_yes_no_ballot_says_nothing_else(choices, where):
    with pytest.raises(InvalidInput) as refused:
        check_choices(definition(ElectionKind.YESNO), choices)
    assert where in paths(refused.value)


@pytest.mark.parametrize("kind", [ElectionKind.PLURALITY, ElectionKind.DHONDT])
def test_single_choice_kinds_take_one_known_option_or_none(kind):
    d = definition(kind)
    assert check_choices(d, ["b1"]) == ("b1",) and check_choices(d, []) == ()
    with pytest.raises(InvalidInput) as two:
        check_choices(d, ["a1", "b1"])
    assert paths(two.value) == {"choices"}
    with pytest.raises(InvalidInput) as unknown:
        check_choices(d, ["zz"])
    assert paths(unknown.value) == {"choices.0"}


def test_approval_takes_up_to_max_choices_without_repeats():
    d = definition(ElectionKind.APPROVAL, max_choices=2)
    assert check_choices(d, ["a1", "d1"]) == ("a1", "d1")
    with pytest.raises(InvalidInput) as three:
        check_choices(d, ["a1", "b1", "c1"])
    assert paths(three.value) == {"choices"}
    with pytest.raises(InvalidInput) as repeated:
        check_choices(d, ["a1", "a1"])
    assert paths(repeated.value) == {"choices.1"}


@pytest.mark.parametrize("kind", [ElectionKind.IRV, ElectionKind.STV_SCOTTISH, ElectionKind.STV_MEEK])
def test_a_ranked_ballot_orders_known_candidates_each_once(kind):
    d = definition(kind)
    assert check_choices(d, ["d1", "a1", "c1", "b1"]) == ("d1", "a1", "c1", "b1")
    with pytest.raises(InvalidInput) as bad:
        check_choices(d, ["a1", "zz", "a1"])
    assert paths(bad.value) == {"choices.1", "choices.2"}
    capped = definition(kind, max_choices=2)
    with pytest.raises(InvalidInput):
        check_choices(capped, ["a1", "b1", "c1"])


@given(st.lists(st.sampled_from(["a1", "b1", "c1", "d1", "x"]), max_size=6))
def test_a_ranked_ballot_is_accepted_exactly_when_it_names_known_candidates_once(choices):
    d = definition(ElectionKind.STV_SCOTTISH)
    valid = len(set(choices)) == len(choices) and "x" not in choices
    if valid:
        assert check_choices(d, choices) == tuple(choices)
    else:
        with pytest.raises(InvalidInput):
            check_choices(d, choices)


# --- the status machine -------------------------------------------------------------------------


def election(status: ElectionStatus = ElectionStatus.DRAFT) -> Election:
    return Election("e1", definition(ElectionKind.YESNO), "officer", "2026-01-01T00:00:00Z", status=status)


@pytest.mark.parametrize(("start", "end"), list(product(ElectionStatus, ElectionStatus)))
def test_an_election_moves_only_to_its_next_statuses(start, end):
    if end in NEXT_STATUSES[start]:
        moved = election(start).move(end, "2026-03-01T07:00:00Z")
        assert moved.status is end and moved.revision == 1 and moved.times[f"{end.value}_at"]
    else:
        with pytest.raises(InvalidTransition):
            election(start).move(end, "2026-03-01T07:00:00Z")


def test_the_lifecycle_runs_draft_opening_open_closing_counted_published():
    e = election()
    for status in ("opening", "open", "closing", "counted", "published"):
        e = e.move(ElectionStatus(status), "t")
    assert e.status is ElectionStatus.PUBLISHED and NEXT_STATUSES[e.status] == frozenset()
    with pytest.raises(InvalidTransition, match="already published"):
        e.move(ElectionStatus.PUBLISHED, "t")
    with pytest.raises(InvalidTransition, match="count is not ready"):
        election(ElectionStatus.CLOSING).move(ElectionStatus.PUBLISHED, "t")
    with pytest.raises(InvalidTransition, match="only a draft can be opened"):
        election(ElectionStatus.OPEN).move(ElectionStatus.OPENING, "t")


def test_a_failed_opening_returns_to_draft_and_opens_again_under_a_new_roll_id():
    first = election().move(ElectionStatus.OPENING, "t")
    retried = election().move(ElectionStatus.OPENING, "later")
    assert retried.opening_snapshot == first.opening_snapshot, "a retried freeze writes the same roll"
    again = first.move(ElectionStatus.DRAFT, "t").move(ElectionStatus.OPENING, "t")
    assert again.status is ElectionStatus.OPENING and again.opening_snapshot != first.opening_snapshot
    assert len(again.opening_snapshot) == 32


def test_a_draft_changes_freely_an_open_election_only_in_words_and_closing_time():
    draft = election()
    changed = merged(draft.definition, {"kind": "plurality", "options": [o.as_json() for o in CANDIDATES]})
    assert draft.edited({"kind": "plurality"}, changed).definition.kind is ElectionKind.PLURALITY
    opened = election(ElectionStatus.OPEN)
    later = merged(opened.definition, {"closes_at": "2026-03-09T16:00:00Z", "title": {"fi": "Uusi"}})
    assert opened.edited({"closes_at": 1, "title": 1}, later).definition.closes_at.day == 9
    with pytest.raises(InvalidTransition, match="seats"):
        opened.edited({"seats": 2, "title": 1}, opened.definition)
    for status in (
        ElectionStatus.OPENING,
        ElectionStatus.CLOSING,
        ElectionStatus.COUNTED,
        ElectionStatus.PUBLISHED,
        ElectionStatus.CANCELLED,
    ):
        with pytest.raises(InvalidTransition):
            election(status).edited({"title": 1}, opened.definition)


def test_ballots_are_taken_only_while_open_and_before_the_closing_time():
    opened = election(ElectionStatus.OPEN)
    opened.accepts_ballots(CLOSES - timedelta(seconds=1))
    with pytest.raises(InvalidTransition):
        opened.accepts_ballots(CLOSES)
    with pytest.raises(InvalidTransition):
        election(ElectionStatus.DRAFT).accepts_ballots(OPENS)


# --- definitions ---------------------------------------------------------------------------------


def raw(**changes: Any) -> dict[str, Any]:
    return {
        "title": {"fi": "Vaali"},
        "kind": "stv-scottish",
        "seats": 2,
        "options": [o.as_json() for o in CANDIDATES],
        "opens_at": "2026-03-01T09:00:00+02:00",
        "closes_at": "2026-03-08T18:00:00+02:00",
        **changes,
    }


def test_times_are_read_with_their_offset_and_kept_in_utc():
    d = definition_from_json(raw())
    assert d.opens_at == OPENS and d.as_json()["opens_at"] == "2026-03-01T07:00:00Z"
    with pytest.raises(InvalidInput) as naive:
        definition_from_json(raw(opens_at="2026-03-01T09:00:00"))
    assert paths(naive.value) == {"opens_at"}


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"closes_at": "2026-02-01T00:00:00Z"}, "closes_at"),
        ({"seats": 4}, "seats"),
        ({"kind": "irv"}, "seats"),
        ({"kind": "yesno"}, "options"),
        ({"options": [{"id": "a", "name": "A"}]}, "options"),
        (
            {"options": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}, {"id": "c", "name": "C"}]},
            "options.1.id",
        ),
        ({"qualified_majority": "2/3"}, "qualified_majority"),
        ({"quorum": 10}, "quorum"),
        ({"max_choices": 9}, "max_choices"),
        (
            {
                "options": [
                    {"id": "a", "name": "A", "list": "L"},
                    {"id": "b", "name": "B"},
                    {"id": "c", "name": "C"},
                ]
            },
            "options.0.list",
        ),
        ({"eligibility": {"dues_paid_until": "2026-01-01"}}, "eligibility.dues_paid_until"),
        ({"title": {"fi": "  "}}, "title.fi"),
    ],
)
def test_a_bad_definition_names_the_field(changes, where):
    with pytest.raises(InvalidInput) as refused:
        definition_from_json(raw(**changes))
    assert where in paths(refused.value)


def test_a_list_election_needs_lists_and_one_alliance_per_list():
    options = [
        {"id": "a", "name": "A", "list": "Vasen", "alliance": "Yhteinen"},
        {"id": "b", "name": "B", "list": "Vasen", "alliance": None},
        {"id": "c", "name": "C", "list": None},
    ]
    with pytest.raises(InvalidInput) as refused:
        definition_from_json(raw(kind="dhondt", seats=1, options=options))
    assert paths(refused.value) == {"options.1.alliance", "options.2.list"}


def test_a_qualified_majority_is_a_share():
    d = definition_from_json(raw(kind="yesno", options=[], seats=1, qualified_majority="2/3", quorum=100))
    assert str(d.qualified_majority) == "2/3" and d.quorum == 100 and d.ballot_options[0].id == "yes"
    with pytest.raises(InvalidInput):
        definition_from_json(raw(kind="yesno", options=[], seats=1, qualified_majority="3/2"))


# --- eligibility ---------------------------------------------------------------------------------


def member(**changes: Any) -> Member:
    base: dict[str, Any] = {
        "id": "m1",
        "email": "m@example.org",
        "first_name": "M",
        "last_name": "M",
        "branch_id": "helsinki",
        "workplace_id": "helsinki-mill",
        "category": MembershipCategory.WORKING,
        "status": MemberStatus.ACTIVE,
        "member_since": date(2020, 5, 1),
    }
    return Member(**{**base, **changes})


def test_by_default_every_active_member_is_eligible():
    voters = definition(ElectionKind.YESNO).voters
    assert voters.admits(member()) and not voters.admits(member(status=MemberStatus.SUSPENDED))


def test_eligibility_combines_the_rule_and_the_segment():
    rule = SegmentRule(branch_ids=frozenset({"helsinki"}), member_since_until=date(2021, 1, 1))
    voters = Eligibility(rule, segment_id="s1")
    students = SegmentRule(categories=frozenset({MembershipCategory.STUDENT}))
    assert voters.admits(member())
    assert not voters.admits(member(branch_id="tampere"))
    assert not voters.admits(member(member_since=date(2022, 1, 1)))
    assert not voters.admits(member(), students)
    assert voters.admits(member(category=MembershipCategory.STUDENT), students)


def test_eligibility_reads_back_from_its_json():
    d = definition_from_json(raw(eligibility={"branch_ids": ["turku"], "member_since_until": "2025-12-31"}))
    assert d.voters.rule.branch_ids == {"turku"} and d.voters.rule.member_since_until == date(2025, 12, 31)
    assert definition_from_json(d.as_json(filled=False)) == d


# --- ballot order --------------------------------------------------------------------------------


def test_ballot_order_as_entered_and_alphabetical():
    assert ballot_order(definition(ElectionKind.PLURALITY), "e1", "m1") == CANDIDATES
    alphabetical = definition(ElectionKind.PLURALITY, ballot_order=BallotOrder.ALPHABETICAL)
    assert [o.name for o in ballot_order(alphabetical, "e1", "m1")] == ["Anna", "Bertil", "Cecilia", "Daniel"]


@given(st.text(min_size=1, max_size=20), st.text(min_size=1, max_size=20))
def test_a_random_order_is_a_permutation_the_same_every_time_for_one_voter(election_id, member_id):
    d = definition(ElectionKind.STV_MEEK, ballot_order=BallotOrder.RANDOM)
    first = ballot_order(d, election_id, member_id)
    assert sorted(first, key=lambda o: o.id) == sorted(CANDIDATES, key=lambda o: o.id)
    assert ballot_order(d, election_id, member_id) == first


def test_random_orders_differ_between_voters():
    d = definition(ElectionKind.IRV, ballot_order=BallotOrder.RANDOM)
    orders = {ballot_order(d, "e1", f"m{n}") for n in range(40)}
    assert len(orders) > 5


def test_a_list_election_keeps_each_list_together_in_its_entered_order():
    options = tuple(Option(f"{lst}{n}", f"{lst}{n}", lst) for lst in ("x", "y", "z") for n in (1, 2))
    d = Definition(
        Texts("V"), ElectionKind.DHONDT, OPENS, CLOSES, options=options, ballot_order=BallotOrder.RANDOM
    )
    for voter in ("m1", "m2", "m3"):
        order = ballot_order(d, "e1", voter)
        lists = [o.list for o in order]
        assert lists == sorted(lists, key=lists.index) and [o.id for o in order if o.list == "x"] == [
            "x1",
            "x2",
        ]


def test_yes_and_no_keep_their_order():
    d = definition(ElectionKind.YESNO, ballot_order=BallotOrder.RANDOM)
    assert [o.id for o in ballot_order(d, "e1", "m9")] == ["yes", "no"]
