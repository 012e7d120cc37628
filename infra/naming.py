"""Names shared by the packaged template and the local stack, so both wire state machines alike."""

from __future__ import annotations

from pathlib import Path

APP_NAME = "union-portal"
STATE_MACHINE_DIR = Path(__file__).resolve().parent / "statemachines"


def substitution_key(function_name: str) -> str:
    """ASL placeholder for a Lambda function's ARN: membership_validate -> MembershipValidateArn."""
    return "".join(part.capitalize() for part in function_name.split("_")) + "Arn"


def deployed_function_name(function_name: str, stage: str) -> str:
    """The Lambda function name chalice deploys: <app>-<stage>-<name>."""
    return f"{APP_NAME}-{stage}-{function_name}"


def state_machine_files() -> list[Path]:
    return sorted(STATE_MACHINE_DIR.glob("*.asl.json"))


def state_machine_name(path: Path) -> str:
    """membership-application.asl.json -> membership-application"""
    return path.name.removesuffix(".asl.json")


def state_machine_env_var(name: str) -> str:
    """membership-application -> MEMBERSHIP_APPLICATION_STATE_MACHINE_ARN (read by Settings)."""
    return name.upper().replace("-", "_") + "_STATE_MACHINE_ARN"
