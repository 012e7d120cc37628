import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chalicelib.domain.board import (
    Block,
    BoardFormatError,
    ProofStep,
    block_as_json,
    block_from_json,
    block_hash,
    find_block,
    genesis_hash,
    head,
    inclusion_proof,
    merkle_root,
    seal,
    verify_chain,
    verify_inclusion,
)

ELECTION = "e-board"
OPENED = datetime(2026, 3, 4, 8, 0, tzinfo=UTC)

# The certificate-transparency reference tree (RFC 6962): leaves and the root of the first n of them.
CT_LEAVES = [
    bytes.fromhex(h).decode()
    for h in [
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    ]
]
CT_ROOTS = {
    0: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    1: "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    2: "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    3: "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    4: "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    5: "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    6: "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    7: "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    8: "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
}
CODE = st.text(alphabet="0123456789ABCDEFGHJKMNPQRSTVWXYZ", min_size=4, max_size=8)
BATCHES = st.lists(st.lists(CODE, max_size=9), min_size=1, max_size=6).filter(
    lambda batches: len({c for b in batches for c in b}) == sum(len(set(b)) for b in batches)
)


def board(batches: list[list[str]], election: str = ELECTION) -> list[Block]:
    blocks: list[Block] = []
    for i, codes in enumerate(batches):
        previous = blocks[-1].header if blocks else None
        blocks.append(
            seal(previous, codes, election_id=election, sealed_at=OPENED + timedelta(minutes=5 * i))
        )
    return blocks


def codes(prefix: str, n: int) -> list[str]:
    return [f"{prefix}{i:03d}" for i in range(n)]


STANDARD = [codes("A", 3), codes("B", 5), codes("C", 1), codes("D", 4)]


def messages(problems) -> str:
    return " | ".join(str(p) for p in problems)


@pytest.mark.parametrize("n", range(9))
def test_merkle_roots_match_the_certificate_transparency_reference(n):
    assert merkle_root(CT_LEAVES[:n]) == CT_ROOTS[n]


def test_an_inclusion_proof_matches_the_reference_audit_path():
    proof = inclusion_proof(CT_LEAVES, CT_LEAVES[0])
    assert proof == [
        ProofStep("right", "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7"),
        ProofStep("right", "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e"),
        ProofStep("right", "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
    ]


def test_a_block_holds_its_codes_sorted_with_its_place_in_the_chain():
    first, second = board([["Q", "B", "K"], ["Z", "A"]])
    assert first.codes == ("B", "K", "Q") and second.codes == ("A", "Z")
    assert first.header.index == 0 and first.header.previous_hash == genesis_hash(ELECTION)
    assert second.header.index == 1 and second.header.previous_hash == block_hash(first.header)
    assert second.header.size == 2 and second.header.merkle_root == merkle_root(["A", "Z"])
    assert head(ELECTION, [first, second]) == block_hash(second.header)


def test_the_sealing_time_is_kept_only_to_the_minute_in_utc():
    helsinki = timezone(timedelta(hours=2))
    block = seal(None, ["A"], election_id=ELECTION, sealed_at=datetime(2026, 3, 4, 12, 7, 59, 999, helsinki))
    assert block.header.sealed_at == "2026-03-04T10:07Z"
    with pytest.raises(ValueError, match="time zone"):
        seal(None, ["A"], election_id=ELECTION, sealed_at=datetime(2026, 3, 4, 12, 7))


def test_the_arrival_order_of_codes_leaves_no_trace():
    assert board([["C", "A", "B"]]) == board([["B", "C", "A"]])


def test_boards_of_two_elections_start_apart_and_are_not_swapped():
    assert genesis_hash("e-1") != genesis_hash("e-2")
    other = board([["A"], ["B"]], election="e-other")
    problems = verify_chain(other, election_id=ELECTION)
    assert problems[0].block == 0 and "belongs to election 'e-other'" in problems[0].message
    with pytest.raises(ValueError, match="another election"):
        seal(other[-1].header, ["C"], election_id=ELECTION, sealed_at=OPENED)


def test_an_empty_board_is_its_genesis():
    assert head(ELECTION, []) == genesis_hash(ELECTION)
    assert verify_chain([], election_id=ELECTION, expected_head=genesis_hash(ELECTION)) == []


@given(BATCHES)
def test_any_codes_sealed_in_any_number_of_blocks_verify(batches):
    blocks = board(batches)
    assert verify_chain(blocks, election_id=ELECTION, expected_head=head(ELECTION, blocks)) == []


@given(BATCHES)
def test_every_sealed_code_has_a_proof_and_an_unsealed_one_has_none(batches):
    for block in board(batches):
        for code in block.codes:
            assert verify_inclusion(code, inclusion_proof(block.codes, code), block.header.merkle_root)
        with pytest.raises(LookupError):
            inclusion_proof(block.codes, "not-sealed")


@given(BATCHES.filter(lambda b: any(b)))
def test_a_proof_does_not_carry_over_to_another_code_or_root(batches):
    block = next(b for b in board(batches) if b.codes)
    code = block.codes[0]
    proof = inclusion_proof(block.codes, code)
    assert not verify_inclusion("not-sealed", proof, block.header.merkle_root)
    assert not verify_inclusion(code, proof, merkle_root(["something", "else"]))


def test_find_block_points_to_the_block_holding_a_code():
    blocks = board(STANDARD)
    assert find_block(blocks, "B003") == blocks[1]
    assert find_block(blocks, "nowhere") is None


@given(st.integers(0, 3), st.data())
def test_an_altered_code_names_its_block(victim, data):
    blocks = board(STANDARD)
    block = blocks[victim]
    position = data.draw(st.integers(0, len(block.codes) - 1))
    altered = list(block.codes)
    altered[position] = altered[position] + "X"
    blocks[victim] = replace(block, codes=tuple(altered))
    problems = verify_chain(blocks, election_id=ELECTION)
    assert problems[0].block == victim
    assert f"the codes of block {victim} do not match its Merkle root: a code was altered" in messages(
        problems
    )


@given(st.integers(0, 3), st.data())
def test_a_removed_or_added_code_names_its_block(victim, data):
    blocks = board(STANDARD)
    block = blocks[victim]
    position = data.draw(st.integers(0, len(block.codes) - 1))
    if data.draw(st.booleans()):
        changed, word = block.codes[:position] + block.codes[position + 1 :], "removed"
    else:
        changed, word = tuple(sorted([*block.codes, "E999"])), "added"
    blocks[victim] = replace(block, codes=changed)
    problems = verify_chain(blocks, election_id=ELECTION)
    assert problems[0].block == victim
    assert f"codes were {word}" in problems[0].message


def test_a_block_resealed_after_a_removal_breaks_the_next_link():
    blocks = board(STANDARD)
    resealed = seal(blocks[0].header, blocks[1].codes[1:], election_id=ELECTION, sealed_at=OPENED)
    blocks[1] = resealed
    [problem] = verify_chain(blocks, election_id=ELECTION)
    assert problem.block == 2 and "does not point to the hash of block 1" in problem.message


def test_a_resealed_last_block_is_caught_by_the_published_head():
    blocks = board(STANDARD)
    published = head(ELECTION, blocks)
    later = OPENED + timedelta(hours=1)
    blocks[-1] = seal(blocks[-2].header, blocks[-1].codes[1:], election_id=ELECTION, sealed_at=later)
    assert verify_chain(blocks, election_id=ELECTION) == []
    [problem] = verify_chain(blocks, election_id=ELECTION, expected_head=published)
    assert problem.block is None and "blocks were removed or altered at the end" in problem.message


@given(st.integers(0, 3))
def test_a_removed_block_is_named(victim):
    blocks = board(STANDARD)
    published = head(ELECTION, blocks)
    del blocks[victim]
    problems = verify_chain(blocks, election_id=ELECTION, expected_head=published)
    assert problems
    if victim < 3:
        assert problems[0].block == victim and "missing or out of order" in problems[0].message


@given(st.permutations(range(4)).filter(lambda p: list(p) != [0, 1, 2, 3]))
def test_reordered_blocks_are_named(order):
    blocks = board(STANDARD)
    shuffled = [blocks[i] for i in order]
    first_moved = next(i for i, j in enumerate(order) if i != j)
    problems = verify_chain(shuffled, election_id=ELECTION)
    assert problems[0].block == first_moved
    assert f"block {first_moved} says it is block {order[first_moved]}" in problems[0].message


def test_a_wrong_previous_hash_and_a_wrong_count_are_named():
    blocks = board(STANDARD)
    blocks[2] = replace(blocks[2], header=replace(blocks[2].header, previous_hash="0" * 64))
    problems = verify_chain(blocks, election_id=ELECTION)
    assert problems[0].block == 2 and "does not point to the hash of block 1" in problems[0].message
    blocks = board(STANDARD)
    blocks[1] = replace(blocks[1], header=replace(blocks[1].header, size=6))
    problems = verify_chain(blocks, election_id=ELECTION)
    assert problems[0].block == 1 and "says it holds 6 codes but holds 5" in problems[0].message


def test_a_code_repeated_in_a_later_block_is_named():
    blocks = board([["A", "B"], ["B", "C"]])
    [problem] = verify_chain(blocks, election_id=ELECTION)
    assert problem.block == 1 and "code B in block 1 was already on the board in block 0" in problem.message


def test_unsorted_codes_are_named_even_with_a_matching_root():
    block = seal(None, ["A", "B"], election_id=ELECTION, sealed_at=OPENED)
    unsorted = Block(replace(block.header, merkle_root=merkle_root(["B", "A"])), ("B", "A"))
    [problem] = verify_chain([unsorted], election_id=ELECTION)
    assert "not sorted and distinct" in problem.message


def test_a_block_sealed_before_its_predecessor_is_named():
    blocks = board([["A"], ["B"]])
    earlier = replace(blocks[1].header, sealed_at="2026-03-04T07:59Z")
    problems = verify_chain([blocks[0], Block(earlier, blocks[1].codes)], election_id=ELECTION)
    assert "block 1 was sealed (2026-03-04T07:59Z) before block 0" in messages(problems)


@given(BATCHES)
def test_blocks_survive_a_round_trip_through_json(batches):
    blocks = board(batches)
    assert [block_from_json(block_as_json(b)) for b in blocks] == blocks


@pytest.mark.parametrize(
    "change, field",
    [
        ({"index": "1"}, "block.index"),
        ({"size": True}, "block.size"),
        ({"merkle_root": "ABC"}, "block.merkle_root"),
        ({"previous_hash": None}, "block.previous_hash"),
        ({"sealed_at": "2026-03-04T10:05:01Z"}, "block.sealed_at"),
        ({"codes": ["A", 1]}, "block.codes"),
        ({"codes": "A"}, "block.codes"),
    ],
)
def test_a_malformed_block_names_its_field(change, field):
    good = block_as_json(board([["A"]])[0])
    with pytest.raises(BoardFormatError, match=f"^{field}: expected"):
        block_from_json({**good, **change})


def test_a_block_that_is_not_an_object_is_named():
    with pytest.raises(BoardFormatError, match=r"board\.blocks\[3\]: expected an object"):
        block_from_json([1, 2], "board.blocks[3]")


def test_genesis_is_derived_from_the_election_id():
    assert genesis_hash("e-1") == hashlib.sha256(b"union-portal/board/genesis/v1\x00e-1").hexdigest()
