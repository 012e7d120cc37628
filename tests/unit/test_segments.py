from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.members import Member, MembershipCategory, MemberStatus
from chalicelib.domain.organisation import Branch, Organisation, Workplace
from chalicelib.domain.segments import SegmentRule, check_rule, rule_from_json

ORG = Organisation(
    (Branch("helsinki", "Helsinki"), Branch("tampere", "Tampere")),
    (),
    (
        Workplace("helsinki-mill", "Mill", "helsinki", "e1"),
        Workplace("tampere-port", "Port", "tampere", "e2"),
    ),
)


def member(**changes: object) -> Member:
    fields: dict = {
        "id": "m1",
        "email": "m1@example.org",
        "first_name": "Maija",
        "last_name": "Meikäläinen",
        "branch_id": "helsinki",
        "workplace_id": "helsinki-mill",
        "category": MembershipCategory.WORKING,
        "status": MemberStatus.ACTIVE,
        "member_since": date(2020, 5, 1),
    }
    fields.update(changes)
    return Member(**fields)


def test_an_empty_rule_takes_every_active_member_and_no_one_else() -> None:
    rule = rule_from_json({})
    assert rule.matches(member())
    assert not rule.matches(member(status=MemberStatus.RESIGNED))


def test_every_given_part_must_match_and_any_value_within_a_part_will_do() -> None:
    rule = rule_from_json({"branch_ids": ["helsinki", "tampere"], "categories": ["student"]})
    assert rule.matches(member(category=MembershipCategory.STUDENT))
    assert rule.matches(member(branch_id="tampere", category=MembershipCategory.STUDENT))
    assert not rule.matches(member())  # working, not a student
    assert not rule.matches(member(branch_id="turku", category=MembershipCategory.STUDENT))


def test_join_dates_bound_the_segment_inclusively() -> None:
    rule = rule_from_json({"member_since_from": "2020-05-01", "member_since_until": "2021-01-01"})
    assert rule.matches(member(member_since=date(2020, 5, 1)))
    assert rule.matches(member(member_since=date(2021, 1, 1)))
    assert not rule.matches(member(member_since=date(2021, 1, 2)))
    assert not rule.matches(member(member_since=date(2019, 12, 31)))


def test_a_date_range_backwards_is_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        rule_from_json({"member_since_from": "2022-01-01", "member_since_until": "2021-01-01"})
    assert [p.path for p in caught.value.fields] == ["rule.member_since_until"]


def test_unknown_branches_and_workplaces_are_each_named() -> None:
    rule = SegmentRule(branch_ids=frozenset({"helsinki", "oulu"}), workplace_ids=frozenset({"nowhere"}))
    with pytest.raises(InvalidInput) as caught:
        check_rule(rule, ORG)
    assert [(p.path, p.message) for p in caught.value.fields] == [
        ("rule.branch_ids", "no branch has the id oulu"),
        ("rule.workplace_ids", "no workplace has the id nowhere"),
    ]


@given(
    branches=st.sets(st.sampled_from(["helsinki", "tampere", "turku"])),
    categories=st.sets(st.sampled_from(list(MembershipCategory))),
)
def test_the_json_form_round_trips(branches: set[str], categories: set[MembershipCategory]) -> None:
    rule = SegmentRule(branch_ids=frozenset(branches), categories=frozenset(categories))
    assert rule_from_json(rule.as_json()) == rule
