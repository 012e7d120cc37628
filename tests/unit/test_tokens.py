"""Access tokens: what we issue verifies; anything else is refused."""

import base64
import hashlib
import hmac
import json
import time

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import generate_private_key

from chalicelib.adapters.tokens import JwtTokens
from chalicelib.domain.errors import NotAuthenticated


def pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


KEY = Ed25519PrivateKey.generate()
TOKENS = JwtTokens(pem(KEY), "union-portal", "union-portal-api")
CLAIMS = {"sub": "m1", "sid": "s1", "grants": []}


def test_an_issued_token_verifies():
    assert TOKENS.verify(TOKENS.issue(CLAIMS, 60))["sub"] == "m1"


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


def test_alg_none_is_refused():
    now = int(time.time())
    body = {**CLAIMS, "iss": "union-portal", "aud": "union-portal-api", "iat": now, "exp": now + 60}
    forged = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64(body)}."
    with pytest.raises(NotAuthenticated):
        TOKENS.verify(forged)


def test_a_token_signed_with_another_key_is_refused():
    other = JwtTokens(pem(Ed25519PrivateKey.generate()), "union-portal", "union-portal-api")
    with pytest.raises(NotAuthenticated):
        TOKENS.verify(other.issue(CLAIMS, 60))


def test_an_hs256_token_using_the_public_key_as_secret_is_refused():
    public = KEY.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    now = int(time.time())
    body = {**CLAIMS, "iss": "union-portal", "aud": "union-portal-api", "iat": now, "exp": now + 60}
    signing_input = f"{b64({'alg': 'HS256', 'typ': 'JWT'})}.{b64(body)}".encode()
    signature = hmac.new(public, signing_input, hashlib.sha256).digest()
    forged = f"{signing_input.decode()}.{base64.urlsafe_b64encode(signature).decode().rstrip('=')}"
    with pytest.raises(NotAuthenticated):
        TOKENS.verify(forged)


def test_an_expired_token_is_refused():
    with pytest.raises(NotAuthenticated, match="expired"):
        TOKENS.verify(TOKENS.issue(CLAIMS, -1))


def test_a_token_for_another_audience_or_issuer_is_refused():
    for issuer, audience in (("union-portal", "elsewhere"), ("someone-else", "union-portal-api")):
        token = JwtTokens(pem(KEY), issuer, audience).issue(CLAIMS, 60)
        with pytest.raises(NotAuthenticated):
            TOKENS.verify(token)


def test_a_token_without_a_session_is_refused():
    with pytest.raises(NotAuthenticated):
        TOKENS.verify(TOKENS.issue({"sub": "m1"}, 60))


def test_only_an_ed25519_key_is_accepted_for_signing():
    with pytest.raises(Exception, match="Ed25519"):
        JwtTokens(pem(generate_private_key(65537, 2048)), "i", "a")
