"""Deploy-time parameters and the environment every Lambda function gets from the template.

The stage's .chalice/config.json supplies each parameter's default, so there is one place to edit;
`--parameter-overrides` at deploy time wins, because the functions' environment and the IAM
policy files read the parameters, not the config. Secrets are named, never valued: a parameter
holds an SSM parameter name or a Secrets Manager secret name.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import parseaddr
from typing import Any

from infra.stage_config import PackagingError, StageConfig

Json = dict[str, Any]

TABLE_LOGICAL_ID = "Table"
SSM_NAME_PATTERN = r"^/[A-Za-z0-9_./-]+$"
SECRETSMANAGER_NAME_PATTERN = r"^[A-Za-z0-9_./+=@-]*$"


@dataclass(frozen=True)
class SecretSlot:
    env_var: str  # read by chalicelib.settings
    parameter: str  # the template parameter holding the name; the policy files use it too
    scheme: str  # "ssm" (SecureString) or "secretsmanager"
    optional: bool = False


SECRET_SLOTS = (
    SecretSlot("JWT_SIGNING_KEY_REF", "JwtSigningKeyParameterName", "ssm"),
    SecretSlot("SIGNIN_PEPPER_REF", "SigninPepperParameterName", "ssm"),
    SecretSlot("STRIPE_SECRET_REF", "StripeSecretName", "secretsmanager", optional=True),
)

HAS_CUSTOM_DOMAIN = "HasCustomDomain"
CREATE_MAIL_IDENTITY = "CreateMailIdentity"


def secret_name(config: StageConfig, slot: SecretSlot) -> str:
    """The name inside a `scheme:name` reference; raises if the config uses another scheme."""
    reference = config.environment.get(slot.env_var, "")
    if not reference and slot.optional:
        return ""
    scheme, _, name = reference.partition(":")
    if scheme != slot.scheme or not name:
        raise PackagingError(
            f"stage {config.stage!r}: {slot.env_var} must be '{slot.scheme}:<name>' "
            f"(the IAM policy grants exactly that), got {reference!r}"
        )
    return name


def mail_domain(sender: str) -> str:
    address = parseaddr(sender)[1]
    if "@" not in address:
        raise PackagingError(f"MAIL_SENDER {sender!r} has no e-mail address")
    return address.rpartition("@")[2]


def parameters(config: StageConfig) -> Json:
    sender = config.env("MAIL_SENDER")
    params: Json = {
        "PublicBaseUrl": _string(
            config.env("PUBLIC_BASE_URL"), "The portal's public URL, used in links in mail.", r"^https://\S+$"
        ),
        "MailSender": _string(sender, "The From header of the portal's mail.", r"^.*@.+$"),
        "MailDomain": _string(
            mail_domain(sender), "The SES identity (a domain) the portal sends from.", r"^[A-Za-z0-9.-]+$"
        ),
        "CreateMailIdentity": {
            "Type": "String",
            "Default": "true",
            "AllowedValues": ["true", "false"],
            "Description": "false when another stack in this account and region owns the identity.",
        },
        "PortalDomainName": _string("", "Optional custom domain for the distribution.", r"^[A-Za-z0-9.-]*$"),
        "PortalCertificateArn": _string(
            "",
            "ACM certificate in us-east-1 for PortalDomainName (both or neither).",
            r"^(arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate/\S+)?$",
        ),
    }
    for slot in SECRET_SLOTS:
        pattern = SSM_NAME_PATTERN if slot.scheme == "ssm" else SECRETSMANAGER_NAME_PATTERN
        described = "SSM SecureString parameter" if slot.scheme == "ssm" else "Secrets Manager secret"
        params[slot.parameter] = _string(
            secret_name(config, slot), f"Name of the {described} behind {slot.env_var}.", pattern
        )
    return params


def _string(default: str, description: str, pattern: str) -> Json:
    return {"Type": "String", "Default": default, "Description": description, "AllowedPattern": pattern}


def _is_set(parameter: str) -> Json:
    return {"Fn::Not": [{"Fn::Equals": [{"Ref": parameter}, ""]}]}


def _has(slot: SecretSlot) -> str:
    return f"Has{slot.parameter}"


def conditions() -> Json:
    optional = {_has(slot): _is_set(slot.parameter) for slot in SECRET_SLOTS if slot.optional}
    return {
        HAS_CUSTOM_DOMAIN: {"Fn::And": [_is_set("PortalDomainName"), _is_set("PortalCertificateArn")]},
        CREATE_MAIL_IDENTITY: {"Fn::Equals": [{"Ref": "CreateMailIdentity"}, "true"]},
        **optional,
    }


def _secret_reference(slot: SecretSlot) -> Any:
    """`ssm:${Name}` for the app's SecretResolver; an optional slot left empty stays empty."""
    reference = {"Fn::Sub": f"{slot.scheme}:${{{slot.parameter}}}"}
    if not slot.optional:
        return reference
    return {"Fn::If": [_has(slot), reference, ""]}


def function_environment(state_machine_arns: dict[str, Any]) -> Json:
    """Variables the template sets on every function, over chalice's from config.json."""
    variables: Json = {
        "TABLE_NAME": {"Ref": TABLE_LOGICAL_ID},
        "PUBLIC_BASE_URL": {"Ref": "PublicBaseUrl"},
        "MAIL_SENDER": {"Ref": "MailSender"},
    }
    variables.update({slot.env_var: _secret_reference(slot) for slot in SECRET_SLOTS})
    variables.update(state_machine_arns)
    return variables
