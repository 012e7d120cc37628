"""Sign-in by a one-time code mailed to the member: the rules, no storage."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

CODE_DIGITS = 6
CODE_TTL_SECONDS = 600
MAX_ATTEMPTS = 5
REQUESTS_PER_WINDOW = 5
RATE_WINDOW_SECONDS = 900


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_digest(pepper: bytes, email: str, code: str) -> str:
    return hmac.new(pepper, f"{email}\n{code}".encode(), hashlib.sha256).hexdigest()


def address_key(pepper: bytes, email: str) -> str:
    """The address as stored in sign-in items: keyed hash, so the table holds no plain address."""
    return hmac.new(pepper, f"address\n{email}".encode(), hashlib.sha256).hexdigest()[:32]


def codes_match(expected_digest: str, pepper: bytes, email: str, code: str) -> bool:
    return hmac.compare_digest(expected_digest, code_digest(pepper, email, code))


def rate_window(now: int) -> int:
    return now - now % RATE_WINDOW_SECONDS


@dataclass(frozen=True)
class RefreshToken:
    """An opaque refresh token `<member_id>.<session_id>.<secret>`; only the secret's hash is kept."""

    member_id: str
    session_id: str
    secret: str

    def __str__(self) -> str:
        return f"{self.member_id}.{self.session_id}.{self.secret}"

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.secret.encode()).hexdigest()

    @classmethod
    def issue(cls, member_id: str, session_id: str) -> RefreshToken:
        return cls(member_id, session_id, secrets.token_urlsafe(32))

    @classmethod
    def parse(cls, raw: str) -> RefreshToken | None:
        parts = raw.split(".")
        if len(parts) != 3 or not all(parts):
            return None
        return cls(*parts)
