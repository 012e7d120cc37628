"""One frozen Settings, read from the environment once per container."""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    LOCAL = "local"
    DEV = "dev"
    PROD = "prod"


class SettingsError(RuntimeError):
    """The environment does not describe a runnable stage."""


@dataclass(frozen=True)
class Settings:
    stage: Stage
    region: str
    table_name: str
    dynamodb_endpoint: str | None
    stepfunctions_endpoint: str | None
    membership_application_state_machine_arn: str
    jwt_issuer: str
    jwt_audience: str
    # Secret references: "env:NAME", "file:/path", "ssm:/name" or "secretsmanager:id".
    jwt_signing_key_ref: str
    signin_pepper_ref: str
    mail_sender: str
    mail_transport: str
    smtp_host: str
    smtp_port: int
    public_base_url: str
    stripe_api_base: str | None
    stripe_secret_ref: str | None
    # A code request answers no sooner than this, whether or not the address is a member's.
    signin_answer_floor_seconds: float = 0.25
    access_token_seconds: int = 900
    refresh_token_seconds: int = 30 * 24 * 3600
    # Participant exports: larger files go to this bucket and are answered with a presigned link
    # (Lambda answers at most 6 MB, and base64 makes a binary file a third larger).
    export_bucket: str = ""
    s3_endpoint: str | None = None
    export_inline_limit_bytes: int = 4_000_000
    # Training enrolments that need the branch officer's approval (infra/statemachines/training-enrolment).
    training_enrolment_state_machine_arn: str = ""
    # The union's name where a document names it (certificates).
    union_name: str = "Union Portal"
    # Elections (infra/statemachines/election-closing): the closing workflow, and how long it waits
    # after voting stops for ballots already on their way before it seals the board for good.
    election_closing_state_machine_arn: str = ""
    election_opening_state_machine_arn: str = ""
    event_cancellation_state_machine_arn: str = ""
    election_closing_grace_seconds: int = 60

    @property
    def is_local(self) -> bool:
        return self.stage is Stage.LOCAL


_REQUIRED = ("TABLE_NAME", "JWT_SIGNING_KEY_REF", "SIGNIN_PEPPER_REF")


def _stage(raw: str) -> Stage:
    try:
        return Stage(raw)
    except ValueError as exc:
        raise SettingsError(f"UNION_PORTAL_STAGE must be one of {[s.value for s in Stage]}") from exc


def load_settings(env: dict[str, str] | None = None) -> Settings:
    """Read and check the environment; raises SettingsError naming what is missing."""
    e = dict(os.environ if env is None else env)
    missing = [name for name in _REQUIRED if not e.get(name)]
    if missing:
        raise SettingsError(f"missing environment variables: {', '.join(missing)}")
    transport = e.get("MAIL_TRANSPORT", "ses")
    if transport not in ("ses", "smtp"):
        raise SettingsError("MAIL_TRANSPORT must be 'ses' or 'smtp'")
    return Settings(
        stage=_stage(e.get("UNION_PORTAL_STAGE", "local")),
        region=e.get("AWS_REGION") or e.get("AWS_DEFAULT_REGION") or "eu-north-1",
        table_name=e["TABLE_NAME"],
        dynamodb_endpoint=e.get("DYNAMODB_ENDPOINT") or None,
        stepfunctions_endpoint=e.get("STEPFUNCTIONS_ENDPOINT") or None,
        membership_application_state_machine_arn=e.get("MEMBERSHIP_APPLICATION_STATE_MACHINE_ARN", ""),
        jwt_issuer=e.get("JWT_ISSUER", "union-portal"),
        jwt_audience=e.get("JWT_AUDIENCE", "union-portal-api"),
        jwt_signing_key_ref=e["JWT_SIGNING_KEY_REF"],
        signin_pepper_ref=e["SIGNIN_PEPPER_REF"],
        mail_sender=e.get("MAIL_SENDER", "Union Portal <no-reply@example.org>"),
        mail_transport=transport,
        smtp_host=e.get("SMTP_HOST", "127.0.0.1"),
        smtp_port=int(e.get("SMTP_PORT", "8025")),
        public_base_url=e.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000"),
        stripe_api_base=e.get("STRIPE_API_BASE") or None,
        stripe_secret_ref=e.get("STRIPE_SECRET_REF") or None,
        signin_answer_floor_seconds=int(e.get("SIGNIN_ANSWER_FLOOR_MS", "250")) / 1000,
        export_bucket=e.get("EXPORT_BUCKET", ""),
        s3_endpoint=e.get("S3_ENDPOINT") or None,
        export_inline_limit_bytes=int(e.get("EXPORT_INLINE_LIMIT_BYTES") or 4_000_000),
        training_enrolment_state_machine_arn=e.get("TRAINING_ENROLMENT_STATE_MACHINE_ARN", ""),
        union_name=e.get("UNION_NAME") or "Union Portal",
        election_closing_state_machine_arn=e.get("ELECTION_CLOSING_STATE_MACHINE_ARN", ""),
        election_opening_state_machine_arn=e.get("ELECTION_OPENING_STATE_MACHINE_ARN", ""),
        event_cancellation_state_machine_arn=e.get("EVENT_CANCELLATION_STATE_MACHINE_ARN", ""),
        election_closing_grace_seconds=_closing_grace(e),
    )


def _closing_grace(e: dict[str, str]) -> int:
    """Seconds between stopping the ballots and sealing the board: a minute, a moment locally."""
    default = "2" if _stage(e.get("UNION_PORTAL_STAGE", "local")) is Stage.LOCAL else "60"
    return int(e.get("ELECTION_CLOSING_GRACE_SECONDS") or default)
