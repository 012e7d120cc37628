import pytest

from chalicelib.domain.errors import NotPermitted
from chalicelib.domain.listing import BY_BRANCH, BY_WORKPLACE, visible_partitions
from chalicelib.domain.organisation import Branch, Employer, Organisation, Workplace
from chalicelib.domain.roles import Principal, Role, RoleGrant

ORG = Organisation(
    (Branch("b1", "One"), Branch("b2", "Two")),
    (Employer("e", "E"),),
    (Workplace("w1", "W1", "b1", "e"), Workplace("w2", "W2", "b1", "e"), Workplace("w3", "W3", "b2", "e")),
)


def who(*grants: RoleGrant) -> Principal:
    return Principal("m", "s", grants)


OFFICER_B1 = RoleGrant(Role.BRANCH_OFFICER, frozenset({"b1"}))
STEWARD_W3 = RoleGrant(Role.SHOP_STEWARD, workplace_ids=frozenset({"w3"}))
STEWARD_W1 = RoleGrant(Role.SHOP_STEWARD, workplace_ids=frozenset({"w1"}))


def test_a_member_is_only_a_member():
    assert who().roles == {Role.MEMBER}
    with pytest.raises(NotPermitted):
        who().require_any({Role.ADMIN})


def test_an_officer_sees_own_branch_only():
    assert visible_partitions(who(OFFICER_B1), ORG, None, None) == [(BY_BRANCH, "b1")]
    assert visible_partitions(who(OFFICER_B1), ORG, "b2", None) == []
    assert visible_partitions(who(OFFICER_B1), ORG, None, "w3") == []


def test_a_steward_sees_own_workplaces_only():
    assert visible_partitions(who(STEWARD_W3), ORG, None, None) == [(BY_WORKPLACE, "w3")]
    assert visible_partitions(who(STEWARD_W3), ORG, None, "w1") == []
    assert visible_partitions(who(STEWARD_W3), ORG, "b1", None) == []


def test_scopes_combine_without_listing_anyone_twice():
    parts = visible_partitions(who(OFFICER_B1, STEWARD_W1, STEWARD_W3), ORG, None, None)
    assert parts == [(BY_BRANCH, "b1"), (BY_WORKPLACE, "w3")]


def test_union_wide_staff_see_every_branch():
    admin = who(RoleGrant(Role.ADMIN))
    assert visible_partitions(admin, ORG, None, None) == [(BY_BRANCH, "b1"), (BY_BRANCH, "b2")]


def test_only_officers_of_the_branch_decide_for_it():
    who(OFFICER_B1).require_officer_of("b1")
    with pytest.raises(NotPermitted):
        who(OFFICER_B1).require_officer_of("b2")
    with pytest.raises(NotPermitted):
        who(STEWARD_W1).require_officer_of("b1")


def test_scoped_roles_name_each_scope_or_the_whole_union():
    from chalicelib.domain.roles import scoped_roles

    grants = (
        OFFICER_B1,
        STEWARD_W3,
        RoleGrant(Role.TRUSTEE),
        RoleGrant(Role.BRANCH_OFFICER, frozenset({"b1", "b2"})),
    )
    assert scoped_roles(grants) == {
        (Role.BRANCH_OFFICER, "b1"),
        (Role.BRANCH_OFFICER, "b2"),
        (Role.SHOP_STEWARD, "w3"),
        (Role.TRUSTEE, "*"),
    }
