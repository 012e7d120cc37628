"""Driving moto's Step Functions engine from a test: start, wait for a status or a state."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from infra import naming

TERMINAL = frozenset({"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"})
POLL_SECONDS = 0.05


def history(sfn: Any, execution_arn: str) -> list[dict[str, Any]]:
    pages = sfn.get_paginator("get_execution_history").paginate(executionArn=execution_arn)
    return [event for page in pages for event in page["events"]]


def _failure_summary(sfn: Any, execution_arn: str) -> str:
    failed = [
        {k: v for k, v in e.items() if k.endswith("EventDetails")}
        for e in history(sfn, execution_arn)
        if e["type"].endswith(("Failed", "TimedOut", "Aborted"))
    ]
    return json.dumps(failed, default=str)[:2000]


def wait_for_execution(
    sfn: Any, execution_arn: str, status: str = "SUCCEEDED", timeout: float = 10.0
) -> dict[str, Any]:
    """DescribeExecution once the execution has `status`; AssertionError if it ends otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        described: dict[str, Any] = sfn.describe_execution(executionArn=execution_arn)
        current = described["status"]
        if current == status:
            return described
        if current in TERMINAL or time.monotonic() > deadline:
            raise AssertionError(
                f"execution is {current}, expected {status}: {_failure_summary(sfn, execution_arn)}"
            )
        time.sleep(POLL_SECONDS)


def wait_for_state(sfn: Any, execution_arn: str, state_name: str, timeout: float = 10.0) -> dict[str, Any]:
    """The history event of the execution entering `state_name` (e.g. a waitForTaskToken task)."""
    deadline = time.monotonic() + timeout
    while True:
        for event in history(sfn, execution_arn):
            if event.get("stateEnteredEventDetails", {}).get("name") == state_name:
                return event
        if time.monotonic() > deadline:
            raise AssertionError(f"execution never entered {state_name}")
        time.sleep(POLL_SECONDS)


@dataclass
class Workflows:
    """What the `workflows` fixture gives: moto clients and the provisioned state machines."""

    sfn: Any
    lambda_client: Any
    arns: dict[str, str]  # env var (e.g. MEMBERSHIP_APPLICATION_STATE_MACHINE_ARN) -> ARN
    started: list[str] = field(default_factory=list)

    def arn(self, name: str) -> str:
        """membership-application -> its state machine ARN."""
        return self.arns[naming.state_machine_env_var(name)]

    def start(self, name: str, payload: dict[str, Any]) -> str:
        """Start an execution (always named: moto builds ARNs from names); its ARN."""
        execution_arn: str = self.sfn.start_execution(
            stateMachineArn=self.arn(name),
            name=f"test-{uuid.uuid4().hex}",
            input=json.dumps(payload),
        )["executionArn"]
        self.started.append(execution_arn)
        return execution_arn

    def wait(self, execution_arn: str, status: str = "SUCCEEDED", timeout: float = 10.0) -> dict[str, Any]:
        return wait_for_execution(self.sfn, execution_arn, status, timeout)

    def wait_for_state(self, execution_arn: str, state_name: str, timeout: float = 10.0) -> dict[str, Any]:
        return wait_for_state(self.sfn, execution_arn, state_name, timeout)

    def history(self, execution_arn: str) -> list[dict[str, Any]]:
        return history(self.sfn, execution_arn)

    def output(self, execution_arn: str) -> Any:
        return json.loads(self.wait(execution_arn).get("output") or "null")

    def impatient(self, name: str, state: str, seconds: int, folder: Path) -> str:
        """The same state machine file with `state` timing out after `seconds` instead of days,
        provisioned beside the real one; its ARN."""
        from devstack.workflows import provision_workflows

        definition = json.loads((naming.STATE_MACHINE_DIR / f"{name}.asl.json").read_text())
        definition["States"][state]["TimeoutSeconds"] = seconds
        quick = folder / f"{name}-impatient.asl.json"
        quick.write_text(json.dumps(definition))
        arns = provision_workflows(self.sfn, self.lambda_client, "local", files=[quick])
        return next(iter(arns.values()))

    def stop_running(self) -> None:
        """Stop what is still running, so no task of this test runs against the next one's table.

        moto does not interrupt a task-token wait: such an execution stays RUNNING until its
        token is answered (or times out), then ends ABORTED without running another state.
        """
        for machine_arn in self.arns.values():
            listed = self.sfn.list_executions(stateMachineArn=machine_arn, statusFilter="RUNNING")
            for execution in listed["executions"]:
                self.sfn.stop_execution(executionArn=execution["executionArn"])
