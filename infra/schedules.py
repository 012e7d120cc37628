"""Scheduled functions (infra/schedules.json): one EventBridge Scheduler schedule each, with a role
that may invoke exactly that function. The dev stack reads the same file (devstack/scheduler.py).

Each entry: {"function": <lambda_function name>, "schedule": "cron(...)" | "rate(...)",
"timezone": <IANA zone the cron fields are read in>, "description": <why it runs>}.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from chalice.utils import to_cfn_resource_name

from infra import naming
from infra.app_functions import LambdaSpec
from infra.stage_config import PackagingError

Json = dict[str, Any]

SCHEDULES_FILE = Path(__file__).resolve().parent / "schedules.json"
FIELDS = ("function", "schedule", "timezone", "description")
MAX_NAME_LENGTH = 64  # EventBridge Scheduler's limit on a schedule's name


@dataclass(frozen=True)
class Schedule:
    function: str
    schedule: str  # an EventBridge Scheduler expression: cron(...) or rate(...)
    timezone: str
    description: str


def load(path: Path = SCHEDULES_FILE) -> list[Schedule]:
    """The entries of schedules.json, checked; raises PackagingError naming the entry at fault."""
    entries = json.loads(path.read_text())
    if not isinstance(entries, list):
        raise PackagingError(f"{path.name}: a list of schedules, please")
    return [_checked(entry, f"{path.name}[{n}]") for n, entry in enumerate(entries)]


def _checked(entry: Any, where: str) -> Schedule:
    if not isinstance(entry, dict) or set(entry) != set(FIELDS):
        raise PackagingError(f"{where}: exactly the keys {list(FIELDS)}")
    if not all(isinstance(entry[key], str) and entry[key] for key in FIELDS):
        raise PackagingError(f"{where}: every value is a non-empty string")
    if not entry["schedule"].startswith(("cron(", "rate(")) or not entry["schedule"].endswith(")"):
        raise PackagingError(f"{where}: schedule must be cron(...) or rate(...)")
    try:
        ZoneInfo(entry["timezone"])
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise PackagingError(f"{where}: unknown timezone {entry['timezone']!r}") from exc
    return Schedule(**entry)


def logical_id(schedule: Schedule) -> str:
    """event_reminders -> EventRemindersSchedule"""
    return to_cfn_resource_name(schedule.function) + "Schedule"


def schedule_resources(schedule: Schedule, stage: str, functions: Sequence[LambdaSpec]) -> Json:
    """The schedule and its invoking role, keyed by logical id; raises if no function answers."""
    spec = _function(schedule, functions)
    base = logical_id(schedule)
    name = naming.deployed_function_name(schedule.function, stage)
    if len(name) > MAX_NAME_LENGTH:
        raise PackagingError(f"schedule name {name!r} is longer than {MAX_NAME_LENGTH} characters")
    return {
        base: {
            "Type": "AWS::Scheduler::Schedule",
            "Properties": {
                "Name": name,
                "Description": schedule.description,
                "ScheduleExpression": schedule.schedule,
                "ScheduleExpressionTimezone": schedule.timezone,
                "FlexibleTimeWindow": {"Mode": "OFF"},
                "State": "ENABLED",
                "Target": {
                    "Arn": {"Fn::GetAtt": [spec.logical_id, "Arn"]},
                    "RoleArn": {"Fn::GetAtt": [f"{base}Role", "Arn"]},
                    "Input": json.dumps({"schedule": name}),
                    # A missed run is better late than twice: retry briefly, then give up.
                    "RetryPolicy": {"MaximumRetryAttempts": 2, "MaximumEventAgeInSeconds": 3600},
                },
            },
        },
        f"{base}Role": _role(spec),
    }


def _function(schedule: Schedule, functions: Sequence[LambdaSpec]) -> LambdaSpec:
    for spec in functions:
        if spec.name == schedule.function:
            return spec
    raise PackagingError(
        f"schedules.json: no lambda_function named {schedule.function!r} in the app "
        "(@bp.lambda_function(name=...), registered in app.py)"
    )


def _role(spec: LambdaSpec) -> Json:
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "scheduler.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
                    }
                ],
            },
            "Policies": [
                {
                    "PolicyName": "InvokeItsFunction",
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Action": ["lambda:InvokeFunction"],
                                "Resource": [
                                    {"Fn::GetAtt": [spec.logical_id, "Arn"]},
                                    {"Fn::Sub": f"${{{spec.logical_id}.Arn}}:*"},
                                ],
                            }
                        ],
                    },
                }
            ],
        },
    }
