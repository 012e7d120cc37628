"""Step Functions tasks of the training enrolment workflow (infra/statemachines/training-enrolment)."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint

from chalicelib.bootstrap import container

tasks = Blueprint(__name__)


@tasks.lambda_function(name="enrolment_validate")
def validate(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().trainings.check(event["enrolment_id"])


@tasks.lambda_function(name="enrolment_await_decision")
def await_decision(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().trainings.await_decision(event["enrolment_id"], event["task_token"])
    return {"waiting": True}


@tasks.lambda_function(name="enrolment_place")
def place(event: dict[str, Any], context: Any) -> dict[str, Any]:
    return container().trainings.place(event["enrolment_id"])


@tasks.lambda_function(name="enrolment_decline")
def decline(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().trainings.refuse(event["enrolment_id"], event.get("decision") or {})
    return {"declined": True}


@tasks.lambda_function(name="enrolment_expire")
def expire(event: dict[str, Any], context: Any) -> dict[str, Any]:
    container().trainings.expire(event["enrolment_id"])
    return {"expired": True}
