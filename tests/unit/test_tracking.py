import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.tracking import (
    ALPHABET,
    canonical_ballot,
    is_well_formed,
    normalise_code,
    tracking_code,
)

NONCE = bytes(range(16))
CODE_SHAPE = st.builds(
    lambda choices, nonce: tracking_code("e-1", canonical_ballot(choices), nonce),
    st.lists(st.sampled_from(["anna", "bertil", "cecilia", "yes", "no"]), unique=True, max_size=4),
    st.binary(min_size=16, max_size=16),
)


def some_codes(n: int) -> list[str]:
    return [
        tracking_code("e-1", canonical_ballot(["a"]), hashlib.sha256(str(i).encode()).digest()[:16])
        for i in range(n)
    ]


def test_the_canonical_ballot_keeps_preference_order_and_weight():
    assert canonical_ballot(["b", "a"]) == b'[1,["b","a"]]'
    assert canonical_ballot(["a", "b"]) != canonical_ballot(["b", "a"])
    assert canonical_ballot([]) == b"[1,[]]"
    assert canonical_ballot(["ä"], weight=40) == '[40,["ä"]]'.encode()


@pytest.mark.parametrize("choices, weight", [("ab", 1), ([1], 1), (["a"], 0), (["a"], True)])
def test_a_ballot_that_is_not_a_list_of_ids_with_a_positive_weight_is_refused(choices, weight):
    with pytest.raises((TypeError, ValueError)):
        canonical_ballot(choices, weight)


@given(CODE_SHAPE)
def test_a_code_is_twenty_characters_in_groups_of_four_and_well_formed(code):
    groups = code.split("-")
    assert [len(g) for g in groups] == [4, 4, 4, 4, 4]
    assert set("".join(groups)) <= set(ALPHABET)
    assert is_well_formed(code) and normalise_code(code) == code


def test_the_code_depends_on_election_ballot_and_nonce_and_nothing_else():
    ballot = canonical_ballot(["yes"])
    code = tracking_code("e-1", ballot, NONCE)
    assert tracking_code("e-1", ballot, NONCE) == code
    assert tracking_code("e-2", ballot, NONCE) != code
    assert tracking_code("e-1", canonical_ballot(["no"]), NONCE) != code
    assert tracking_code("e-1", ballot, bytes(16)) != code


def test_identical_ballots_get_unrelated_codes():
    assert len(set(some_codes(500))) == 500


def test_a_short_nonce_is_refused():
    with pytest.raises(ValueError, match="nonce"):
        tracking_code("e-1", canonical_ballot(["yes"]), b"too short")


@given(CODE_SHAPE)
def test_what_a_person_types_is_normalised(code):
    bare = code.replace("-", "")
    for typed in (code.lower(), bare, " ".join(code.split("-")), f"  {bare.lower()} "):
        assert normalise_code(typed) == code


def test_letters_easily_misread_are_read_as_the_digits():
    code = next(c for c in some_codes(200) if "0" in c and "1" in c)
    assert normalise_code(code.replace("0", "O").replace("1", "l")) == code


@given(CODE_SHAPE, st.data())
def test_every_single_mistyped_character_is_told_apart(code, data):
    bare = code.replace("-", "")
    position = data.draw(st.integers(min_value=0, max_value=len(bare) - 1))
    wrong = data.draw(st.sampled_from([c for c in ALPHABET if c != bare[position]]))
    typed = bare[:position] + wrong + bare[position + 1 :]
    with pytest.raises(InvalidInput) as caught:
        normalise_code(typed)
    assert caught.value.fields[0].message == "has a typing error: compare it with your receipt"


def test_nearly_every_swap_of_neighbours_is_told_apart():
    swaps = caught = 0
    for code in some_codes(300):
        bare = code.replace("-", "")
        for i in range(len(bare) - 1):
            if bare[i] != bare[i + 1]:
                swaps += 1
                caught += not is_well_formed(bare[:i] + bare[i + 1] + bare[i] + bare[i + 2 :])
    assert caught / swaps > 0.99


@pytest.mark.parametrize("typed", ["", "ABCD-EFGH", "ABCD-EFGH-JKMN-PQRS-TVWXY", "ABCD-EFGH-JKMN-PQRS-TVU4"])
def test_what_cannot_be_a_code_is_named_so(typed):
    with pytest.raises(InvalidInput) as caught:
        normalise_code(typed)
    assert caught.value.fields[0].path == "tracking_code"
    assert "is not a tracking code" in caught.value.fields[0].message
    assert not is_well_formed(typed)
