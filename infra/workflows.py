"""One Step Functions state machine per infra/statemachines/*.asl.json, with its role and logs.

The ASL file goes in unchanged as `Definition`; its `${Key}` placeholders are filled by
`DefinitionSubstitutions` with the ARNs of the functions chalice generates, the same keys the local
stack substitutes (infra.naming.substitution_key), so one file serves production and local runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chalice.utils import to_cfn_resource_name

from infra import naming
from infra.app_functions import LambdaSpec
from infra.stage_config import PackagingError

Json = dict[str, Any]

PLACEHOLDER = re.compile(r"\$\{([^}]*)\}")


def placeholders(definition_text: str) -> set[str]:
    """The `${Key}` placeholders in an ASL document."""
    return set(PLACEHOLDER.findall(definition_text))


def logical_id(name: str) -> str:
    """membership-application -> MembershipApplicationStateMachine"""
    return to_cfn_resource_name(name) + "StateMachine"


def deployed_name(name: str, stage: str) -> str:
    return f"{naming.APP_NAME}-{stage}-{name}"


def arn(name: str, stage: str) -> Json:
    """Built from the name, not a Ref: a function that is one of its tasks can hold it without a
    dependency cycle, and the Lambda policy files grant the same `union-portal-<stage>-*` names."""
    return {
        "Fn::Sub": "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:"
        + deployed_name(name, stage)
    }


def task_functions(path: Path, functions: Sequence[LambdaSpec]) -> list[LambdaSpec]:
    """The functions an ASL file names, in placeholder order; raises for a placeholder no function
    of the app answers."""
    by_key = {spec.substitution_key: spec for spec in functions}
    keys = sorted(placeholders(path.read_text()))
    unknown = [key for key in keys if key not in by_key]
    if unknown:
        raise PackagingError(
            f"{path.name}: no lambda_function in the app for placeholder(s) {unknown}; "
            "each ${Key} must be infra.naming.substitution_key(<function name>)"
        )
    return [by_key[key] for key in keys]


def state_machine_resources(
    path: Path, stage: str, functions: Sequence[LambdaSpec], log_retention_days: int
) -> Json:
    """The state machine, its execution role and its log group, keyed by logical id."""
    name = naming.state_machine_name(path)
    tasks = task_functions(path, functions)
    base = logical_id(name)
    machine = {
        "Type": "AWS::StepFunctions::StateMachine",
        "Properties": {
            "StateMachineName": deployed_name(name, stage),
            "StateMachineType": "STANDARD",
            "RoleArn": {"Fn::GetAtt": [f"{base}Role", "Arn"]},
            "Definition": json.loads(path.read_text()),
            "DefinitionSubstitutions": {
                spec.substitution_key: {"Fn::GetAtt": [spec.logical_id, "Arn"]} for spec in tasks
            },
            # ERROR without execution data: the payloads carry applicants' personal data.
            "LoggingConfiguration": {
                "Level": "ERROR",
                "IncludeExecutionData": False,
                "Destinations": [
                    {"CloudWatchLogsLogGroup": {"LogGroupArn": {"Fn::GetAtt": [f"{base}LogGroup", "Arn"]}}}
                ],
            },
            "TracingConfiguration": {"Enabled": True},
        },
    }
    return {
        base: machine,
        f"{base}Role": _role(tasks),
        f"{base}LogGroup": _log_group(name, stage, log_retention_days),
    }


def _log_group(name: str, stage: str, retention_days: int) -> Json:
    # The /aws/vendedlogs/ prefix keeps CloudWatch's log resource policy short (AWS's advice).
    return {
        "Type": "AWS::Logs::LogGroup",
        "DeletionPolicy": "Delete",
        "UpdateReplacePolicy": "Delete",
        "Properties": {
            "LogGroupName": f"/aws/vendedlogs/states/{deployed_name(name, stage)}",
            "RetentionInDays": retention_days,
        },
    }


def _role(tasks: Sequence[LambdaSpec]) -> Json:
    invoke: list[Json] = [{"Fn::GetAtt": [spec.logical_id, "Arn"]} for spec in tasks]
    invoke += [{"Fn::Sub": f"${{{spec.logical_id}.Arn}}:*"} for spec in tasks]
    return {
        "Type": "AWS::IAM::Role",
        "Properties": {
            "AssumeRolePolicyDocument": {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "states.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}},
                    }
                ],
            },
            "Policies": [
                {
                    "PolicyName": "InvokeItsTasks",
                    "PolicyDocument": _policy(["lambda:InvokeFunction"], invoke),
                },
                {
                    # Log delivery and X-Ray take no resource ARNs (Step Functions' documented policy).
                    "PolicyName": "LogsAndTracing",
                    "PolicyDocument": _policy(LOG_DELIVERY_ACTIONS + TRACING_ACTIONS, "*"),
                },
            ],
        },
    }


LOG_DELIVERY_ACTIONS = [
    "logs:CreateLogDelivery",
    "logs:GetLogDelivery",
    "logs:UpdateLogDelivery",
    "logs:DeleteLogDelivery",
    "logs:ListLogDeliveries",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
]
TRACING_ACTIONS = [
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
]


def _policy(actions: list[str], resource: Any) -> Json:
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resource}],
    }
