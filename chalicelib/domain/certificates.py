"""Certificate codes: random, grouped for reading aloud, with an ISO 7064 Mod 37,36 check character
so a mistyped code is told apart from a forged one without looking anything up."""

from __future__ import annotations

import secrets

from chalicelib.domain.check_characters import check_character, is_valid

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
RANDOM_CHARACTERS = 11  # ~57 bits: unguessable, and short enough to type from paper
GROUP = 4


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_CHARACTERS))
    return grouped(body + check_character(body))


def grouped(code: str) -> str:
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def normalised(text: str) -> str | None:
    """The code in its canonical form (upper case, grouped), or None if it cannot be one."""
    bare = "".join(ch for ch in text.upper() if ch not in "- ")
    if len(bare) != RANDOM_CHARACTERS + 1 or any(ch not in ALPHABET for ch in bare):
        return None
    return grouped(bare) if is_valid(bare) else None
