"""The Lambda functions `chalice package` will emit for a stage, and the logical ids it gives them.

The merge template patches those resources and points state machines at them, so it asks chalice's
own application graph rather than guessing: the same builder `chalice package` runs, without the
slow build stage (no dependency download, no zip).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chalice.utils import to_cfn_resource_name

from infra import naming
from infra.stage_config import PackagingError

# chalice renames the REST API's handler and adds these resources itself (chalice/package.py).
API_HANDLER_RESOURCE_NAME = "api_handler"
API_HANDLER_LOGICAL_ID = "APIHandler"
REST_API_LOGICAL_ID = "RestAPI"
CHALICE_FIXED_IDS = frozenset({API_HANDLER_LOGICAL_ID, REST_API_LOGICAL_ID, "APIHandlerInvokePermission"})


@dataclass(frozen=True)
class LambdaSpec:
    name: str  # chalice's name: `@bp.lambda_function(name=...)`, or "api_handler"
    logical_id: str  # the AWS::Serverless::Function resource in out/sam.json
    function_name: str  # the deployed name: union-portal-<stage>[-<name>]
    log_group_logical_id: str | None = None  # with log_retention_in_days in config.json

    @property
    def substitution_key(self) -> str:
        return naming.substitution_key(self.name)


@dataclass(frozen=True)
class AppResources:
    functions: tuple[LambdaSpec, ...]
    has_rest_api: bool
    logical_ids: frozenset[str]  # every id chalice will put in the template


def lambda_spec(name: str, stage: str, with_log_group: bool = True) -> LambdaSpec:
    """How chalice names a function's resources (the API handler is renamed APIHandler, its log
    group is not)."""
    log_group = to_cfn_resource_name(f"{name}-log-group") if with_log_group else None
    if name == API_HANDLER_RESOURCE_NAME:
        return LambdaSpec(name, API_HANDLER_LOGICAL_ID, f"{naming.APP_NAME}-{stage}", log_group)
    return LambdaSpec(name, to_cfn_resource_name(name), naming.deployed_function_name(name, stage), log_group)


def discover(project_dir: Path, stage: str) -> AppResources:
    """Load app.py through chalice and list what `chalice package --stage <stage>` will generate."""
    from chalice.cli.factory import CLIFactory
    from chalice.deploy import models
    from chalice.deploy.appgraph import ApplicationGraphBuilder, DependencyBuilder

    if not (project_dir / "app.py").exists():
        raise PackagingError(f"{project_dir / 'app.py'} does not exist")
    config = CLIFactory(project_dir=str(project_dir)).create_config_obj(chalice_stage_name=stage)
    if config.app_name != naming.APP_NAME:
        raise PackagingError(f"app_name is {config.app_name!r}, infra.naming expects {naming.APP_NAME!r}")
    saved_path = list(sys.path)
    try:
        graph = ApplicationGraphBuilder().build(config, stage)  # imports app.py
    finally:
        sys.path[:] = saved_path  # chalice put the project folder and its vendor/ on it
    resources = DependencyBuilder().build_dependencies(graph)
    functions = tuple(_checked_spec(r, stage) for r in resources if isinstance(r, models.LambdaFunction))
    named = {to_cfn_resource_name(r.resource_name) for r in resources if hasattr(r, "resource_name")}
    return AppResources(
        functions=functions,
        has_rest_api=any(isinstance(r, models.RestAPI) for r in resources),
        logical_ids=frozenset(named | CHALICE_FIXED_IDS),
    )


def _checked_spec(function: Any, stage: str) -> LambdaSpec:
    """lambda_spec, checked against chalice's own model of the function."""
    log_group = function.log_group
    spec = lambda_spec(function.resource_name, stage, with_log_group=log_group is not None)
    chalice_names = (function.function_name, log_group and to_cfn_resource_name(log_group.resource_name))
    if (spec.function_name, spec.log_group_logical_id) != chalice_names:
        raise PackagingError(f"chalice names {function.resource_name!r} {chalice_names}, not {spec}")
    return spec
