"""Tracking codes: what a voter keeps to find the ballot's entry on the public board.

A code is derived from the ballot's content and a random nonce the caller supplies (the service passes
`secrets.token_bytes(16)`), so two identical ballots get unrelated codes and nobody can recompute a
code from a ballot alone. It is 19 characters of Crockford's base32 plus one ISO 7064 check character
(the hybrid Mod 33,32 system, python-stdnum's mod_37_36 with a 32-letter alphabet), written in groups
of four: a single mistyped character or most swaps of neighbours are told apart from an unknown code.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from chalicelib.domain.check_characters import check_character, is_valid
from chalicelib.domain.errors import InvalidInput

# Crockford's base32: digits and letters without I, L, O, U, which are easily misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BODY_LENGTH = 19
LENGTH = BODY_LENGTH + 1
GROUP = 4
MIN_NONCE_BYTES = 16
TAG = b"union-portal/tracking-code/v1\x00"
_MISREAD = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -\t")


def canonical_ballot(choices: Sequence[str], weight: int = 1) -> bytes:
    """The ballot's one byte form: `[weight,["choice",...]]` as compact UTF-8 JSON; order is kept."""
    if isinstance(choices, str) or not all(isinstance(choice, str) for choice in choices):
        raise TypeError("choices must be a sequence of option ids")
    if isinstance(weight, bool) or not isinstance(weight, int) or weight < 1:
        raise ValueError("a ballot's weight is a positive whole number")
    return json.dumps([weight, list(choices)], separators=(",", ":"), ensure_ascii=False).encode()


def ballot_hash(canonical: bytes) -> bytes:
    return hashlib.sha256(b"union-portal/ballot/v1\x00" + canonical).digest()


def tracking_code(election_id: str, canonical: bytes, nonce: bytes) -> str:
    """The code for one ballot: SHA-256 over the tag, election, ballot hash and nonce, in base32."""
    if len(nonce) < MIN_NONCE_BYTES:
        raise ValueError(f"the nonce must be at least {MIN_NONCE_BYTES} random bytes")
    digest = hashlib.sha256(TAG + _framed(election_id.encode()) + ballot_hash(canonical) + nonce).digest()
    body = _base32(digest)[:BODY_LENGTH]
    return _grouped(body + check_character(body, alphabet=ALPHABET))


def is_well_formed(text: str) -> bool:
    try:
        normalise_code(text)
    except InvalidInput:
        return False
    return True


def normalise_code(text: str) -> str:
    """The code as the board shows it, from what a person typed (any case, spaces, dashes or none).

    Raises InvalidInput when it cannot be a code, or when its check character shows a typing error.
    """
    bare = text.upper().translate(_IGNORED).translate(_MISREAD)
    if len(bare) != LENGTH or any(char not in ALPHABET for char in bare):
        raise InvalidInput.on("tracking_code", "is not a tracking code: 20 letters and digits")
    if not is_valid(bare, alphabet=ALPHABET):
        raise InvalidInput.on("tracking_code", "has a typing error: compare it with your receipt")
    return _grouped(bare)


def _framed(data: bytes) -> bytes:
    return len(data).to_bytes(4, "big") + data


def _base32(data: bytes) -> str:
    number, bits = int.from_bytes(data, "big"), len(data) * 8
    return "".join(ALPHABET[(number >> shift) & 31] for shift in range(bits - 5, -1, -5))


def _grouped(bare: str) -> str:
    return "-".join(bare[i : i + GROUP] for i in range(0, len(bare), GROUP))
