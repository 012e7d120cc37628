"""Writes board-vectors.json: the backend's own board and tracking-code functions on fixed inputs, so
the web client's Merkle proof, block hash and check character are tested against them.

    .venv/bin/python frontend/tests/data/make_board_vectors.py > frontend/tests/data/board-vectors.json
"""

import json
from datetime import UTC, datetime

from stdnum.iso7064 import mod_37_36

from chalicelib.domain import board, tracking

ELECTION = "3f2a9c1e"
BALLOTS = [["a"], ["b", "a"], [], ["c"], ["a", "c", "b"], ["b"]]


def code(n: int) -> str:
    return tracking.tracking_code(ELECTION, tracking.canonical_ballot(BALLOTS[n]), bytes([n]) * 16)


def header(block: board.Block) -> dict:
    h = block.header
    return {
        "election_id": h.election_id,
        "index": h.index,
        "previous_hash": h.previous_hash,
        "merkle_root": h.merkle_root,
        "size": h.size,
        "sealed_at": h.sealed_at,
        "hash": board.block_hash(h),
        "codes": list(block.codes),
    }


first = board.seal(
    None,
    [code(n) for n in range(5)],
    election_id=ELECTION,
    sealed_at=datetime(2026, 3, 4, 10, 5, 30, tzinfo=UTC),
)
second = board.seal(
    first.header, [code(5)], election_id=ELECTION, sealed_at=datetime(2026, 3, 4, 10, 6, tzinfo=UTC)
)
codes = first.codes
print(
    json.dumps(
        {
            "source": "chalicelib/domain/board.py and tracking.py (frontend/tests/data/make_board_vectors.py)",
            "election_id": ELECTION,
            "genesis": board.genesis_hash(ELECTION),
            "blocks": [header(first), header(second)],
            "proofs": {
                c: [{"side": s.side, "hash": s.hash} for s in board.inclusion_proof(codes, c)] for c in codes
            },
            "roots": {str(n): board.merkle_root(codes[:n]) for n in range(0, 6)},
            "check_characters": {
                body: mod_37_36.calc_check_digit(body, alphabet=tracking.ALPHABET)
                for body in [
                    "0000000000000000000",
                    "ZZZZZZZZZZZZZZZZZZZ",
                    "7K3MQ2XA9ZZ823WHGA1",
                    "ABCDEFGHJKMNPQRSTVW",
                ]
            },
        },
        indent=1,
    )
)
