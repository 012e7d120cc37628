"""The environment the app reads (chalicelib/settings.py) on the local stage, for the dev stack
and the tests alike, and the local secrets it points at (never committed: .local/ is ignored)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from devstack.ports import LOOPBACK

REGION = "eu-north-1"
# Anything the code builds without an explicit endpoint lands here and fails at once on
# loopback (port 9 is "discard", nothing listens) instead of reaching AWS with dummy keys.
NOWHERE = f"http://{LOOPBACK}:9"
# A profile set in the caller's shell would make botocore skip the dummy keys below.
UNSET = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")


@dataclass(frozen=True)
class LocalSecrets:
    signing_key: Path
    pepper: Path


def ensure_secrets(directory: Path) -> LocalSecrets:
    """An Ed25519 signing key (PKCS8 PEM) and a sign-in pepper, created once, owner-only."""
    directory.mkdir(parents=True, exist_ok=True)
    found = LocalSecrets(directory / "jwt-signing-key.pem", directory / "signin-pepper")
    if not found.signing_key.exists():
        _write_private(found.signing_key, _ed25519_pem())
    if not found.pepper.exists():
        _write_private(found.pepper, secrets.token_hex(32).encode())
    return found


def _ed25519_pem() -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def stack_environment(
    *,
    table_name: str,
    dynamodb_endpoint: str,
    smtp_port: int,
    local_secrets: LocalSecrets,
    stepfunctions_endpoint: str | None = None,
    public_base_url: str = f"http://{LOOPBACK}:8000",
) -> dict[str, str]:
    """Every variable Settings needs for the local stage (state machine ARNs come separately)."""
    return {
        "UNION_PORTAL_STAGE": "local",
        "TABLE_NAME": table_name,
        "DYNAMODB_ENDPOINT": dynamodb_endpoint,
        "STEPFUNCTIONS_ENDPOINT": stepfunctions_endpoint or NOWHERE,
        "AWS_ENDPOINT_URL": NOWHERE,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "JWT_SIGNING_KEY_REF": f"file:{local_secrets.signing_key}",
        "SIGNIN_PEPPER_REF": f"file:{local_secrets.pepper}",
        "MAIL_TRANSPORT": "smtp",
        "SMTP_HOST": LOOPBACK,
        "SMTP_PORT": str(smtp_port),
        "PUBLIC_BASE_URL": public_base_url,
        # Powertools would try to reach an X-Ray daemon; nothing runs one locally.
        "POWERTOOLS_TRACE_DISABLED": "true",
    }
