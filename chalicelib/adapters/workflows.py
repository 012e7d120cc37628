"""Step Functions: start an approval, and hand a human decision back with its task token."""

from __future__ import annotations

import json
from typing import Any

from chalicelib.domain.errors import DecisionExpired, DependencyUnavailable
from chalicelib.settings import Settings


class StepFunctionsEngine:
    def __init__(self, client: Any) -> None:
        self._client = client

    @classmethod
    def connect(cls, settings: Settings) -> StepFunctionsEngine:
        import boto3

        client = boto3.client(
            "stepfunctions", region_name=settings.region, endpoint_url=settings.stepfunctions_endpoint
        )
        return cls(client)

    def start(self, state_machine_arn: str, name: str, payload: dict[str, Any]) -> None:
        """Start once: the execution is named after the case, so a repeated start changes nothing."""
        if not state_machine_arn:
            raise DependencyUnavailable("the approval workflow is not configured")
        try:
            self._client.start_execution(
                stateMachineArn=state_machine_arn, name=name, input=json.dumps(payload)
            )
        except self._client.exceptions.ExecutionAlreadyExists:
            return

    def resume(self, task_token: str, output: dict[str, Any]) -> None:
        try:
            self._client.send_task_success(taskToken=task_token, output=json.dumps(output))
        except (self._client.exceptions.TaskTimedOut, self._client.exceptions.InvalidToken) as exc:
            raise DecisionExpired(
                "the decision came too late: this case is no longer waiting for it"
            ) from exc
