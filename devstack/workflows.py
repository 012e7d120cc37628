"""Every state machine of infra/statemachines, created in moto with Lambda tasks that run the app.

The ASL files name functions by `${<Key>}` placeholders (infra.naming.substitution_key); the
packaged template fills them with real ARNs, this fills them with moto Lambda ARNs.
"""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from devstack import lambda_routing
from infra import naming

ROLE_NAME = "union-portal-local-lambda"
ROLE_ARN = f"arn:aws:iam::123456789012:role/{ROLE_NAME}"
RUNTIME = "python3.11"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")
_TRUST_POLICY = (
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
    '"Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}'
)


class UnresolvedPlaceholder(ValueError):
    """An ASL file names a function the app does not register."""


def provision_workflows(
    sfn_client: Any,
    lambda_client: Any,
    stage: str,
    *,
    function_names: Iterable[str] | None = None,
    files: Iterable[Path] | None = None,
) -> dict[str, str]:
    """Create (or update) the Lambda stand-ins and state machines; env var -> state machine ARN.

    Idempotent, so it is safe to call after anything reset moto's backends.
    """
    names = lambda_routing.lambda_function_names() if function_names is None else function_names
    _ensure_role(_iam_beside(lambda_client))
    arns = {
        naming.substitution_key(name): _ensure_function(
            lambda_client, naming.deployed_function_name(name, stage)
        )
        for name in names
    }
    env: dict[str, str] = {}
    for path in naming.state_machine_files() if files is None else files:
        name = naming.state_machine_name(path)
        definition = render_definition(path.read_text(), arns)
        arn = _ensure_state_machine(sfn_client, f"{naming.APP_NAME}-{stage}-{name}", definition)
        env[naming.state_machine_env_var(name)] = arn
    return env


def render_definition(text: str, arns: Mapping[str, str]) -> str:
    """Replace every ${Key}; raises UnresolvedPlaceholder naming the keys nothing provides."""
    missing = sorted({key for key in _PLACEHOLDER.findall(text) if key not in arns})
    if missing:
        raise UnresolvedPlaceholder(
            f"no lambda function registered for {', '.join(missing)} "
            f"(known: {', '.join(sorted(arns)) or 'none'})"
        )
    return _PLACEHOLDER.sub(lambda m: arns[m.group(1)], text)


def _iam_beside(lambda_client: Any) -> Any:
    """An IAM client on the same moto: the server's endpoint, or AWS's name under mock_aws."""
    import boto3

    endpoint = lambda_client.meta.endpoint_url
    return boto3.client(
        "iam",
        region_name=lambda_client.meta.region_name,
        endpoint_url=None if endpoint.endswith(".amazonaws.com") else endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",  # noqa: S106 - moto accepts any key
    )


def _ensure_role(iam_client: Any) -> None:
    # moto checks that a function's role exists before it accepts the function.
    with contextlib.suppress(iam_client.exceptions.EntityAlreadyExistsException):
        iam_client.create_role(RoleName=ROLE_NAME, AssumeRolePolicyDocument=_TRUST_POLICY)


def _dummy_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


def _ensure_function(lambda_client: Any, function_name: str) -> str:
    try:
        return str(lambda_client.get_function(FunctionName=function_name)["Configuration"]["FunctionArn"])
    except lambda_client.exceptions.ResourceNotFoundException:
        created = lambda_client.create_function(
            FunctionName=function_name,
            Runtime=RUNTIME,
            Role=ROLE_ARN,
            Handler="handler.handler",
            Code={"ZipFile": _dummy_zip()},
        )
        return str(created["FunctionArn"])


def _ensure_state_machine(sfn_client: Any, name: str, definition: str) -> str:
    existing = _state_machine_arn(sfn_client, name)
    if existing is not None:
        sfn_client.update_state_machine(stateMachineArn=existing, definition=definition)
        return existing
    created = sfn_client.create_state_machine(name=name, definition=definition, roleArn=ROLE_ARN)
    return str(created["stateMachineArn"])


def _state_machine_arn(sfn_client: Any, name: str) -> str | None:
    for page in sfn_client.get_paginator("list_state_machines").paginate():
        for machine in page["stateMachines"]:
            if machine["name"] == name:
                return str(machine["stateMachineArn"])
    return None
