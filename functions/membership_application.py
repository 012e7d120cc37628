"""Step Functions tasks of the membership application workflow (infra/statemachines/membership-application)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.bootstrap import container

tasks = Blueprint(__name__)


@tasks.lambda_function(name="membership_validate")
def validate(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().applications.check(event["application_id"])


@tasks.lambda_function(name="membership_await_decision")
def await_decision(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().applications.await_decision(event["application_id"], event["task_token"])
    return {"waiting": True}


@tasks.lambda_function(name="membership_activate")
def activate(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().applications.admit(event["application_id"])


@tasks.lambda_function(name="membership_reject")
def reject(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().applications.refuse(event["application_id"], event.get("decision") or {})
    return {"rejected": True}


@tasks.lambda_function(name="membership_expire")
def expire(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().applications.expire(event["application_id"])
    return {"expired": True}
