"""Access tokens: short-lived JWTs signed with Ed25519 (EdDSA), the algorithm pinned."""

from __future__ import annotations

import time
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from chalicelib.domain.errors import NotAuthenticated
from chalicelib.settings import SettingsError

ALGORITHM = "EdDSA"
REQUIRED_CLAIMS = ["exp", "iat", "iss", "aud", "sub", "sid"]


class JwtTokens:
    def __init__(self, private_key_pem: str, issuer: str, audience: str) -> None:
        key = load_pem_private_key(private_key_pem.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise SettingsError("the signing key must be an Ed25519 private key")
        self._private = key
        self._public: Ed25519PublicKey = key.public_key()
        self._issuer = issuer
        self._audience = audience

    def issue(self, claims: dict[str, Any], lifetime: int) -> str:
        now = int(time.time())
        payload = {**claims, "iss": self._issuer, "aud": self._audience, "iat": now, "exp": now + lifetime}
        return jwt.encode(payload, self._private, algorithm=ALGORITHM)

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims; raises NotAuthenticated for any token we did not issue or that expired."""
        try:
            return jwt.decode(
                token,
                self._public,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.ExpiredSignatureError as exc:
            raise NotAuthenticated("the access token has expired") from exc
        except jwt.PyJWTError as exc:
            raise NotAuthenticated("the access token is not valid") from exc
