"""The merge template `make package` hands to `chalice package`: built here without chalice's
slow part (no zip, no wheels), so these run in well under a second."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from infra import bundle, cdn, naming, parameters, workflows
from infra.app_functions import AppResources, LambdaSpec, discover, lambda_spec
from infra.stage_config import (
    CHALICE_CONFIG,
    PROJECT_DIR,
    PackagingError,
    StageConfig,
    load_stage_config,
    load_table_definition,
)
from infra.template import build_merge_template

STAGES = ("dev", "prod")
ASL_FILES = naming.state_machine_files()
PSEUDO_PARAMETERS = {"AWS::AccountId", "AWS::Partition", "AWS::Region", "AWS::URLSuffix", "AWS::NoValue"}
SECRET_VALUE_MARKERS = ("-----BEGIN", "PRIVATE KEY", "sk_live_", "sk_test_", "rk_live_", "whsec_")


def function_name_for(key: str) -> str:
    """Inverse of naming.substitution_key: MembershipAwaitDecisionArn -> membership_await_decision."""
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", key.removesuffix("Arn")).lower()
    assert naming.substitution_key(name) == key
    return name


def app_for(stage: str, extra: tuple[str, ...] = ()) -> AppResources:
    """The app as the ASL files expect it: an API handler and one function per placeholder."""
    keys = set().union(*(workflows.placeholders(p.read_text()) for p in ASL_FILES))
    names = ["api_handler", *sorted(function_name_for(k) for k in keys), *extra]
    functions = tuple(lambda_spec(name, stage) for name in names)
    log_groups = {f.log_group_logical_id for f in functions if f.log_group_logical_id}
    ids = {f.logical_id for f in functions} | log_groups | {"RestAPI"}
    return AppResources(functions, has_rest_api=True, logical_ids=frozenset(ids))


def template_for(stage: str, app: AppResources | None = None) -> dict[str, Any]:
    return build_merge_template(
        load_stage_config(stage), app or app_for(stage), load_table_definition(), ASL_FILES
    )


@pytest.fixture(params=STAGES)
def stage(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_there_are_state_machines_to_check() -> None:
    assert ASL_FILES, "infra/statemachines/*.asl.json"


@pytest.mark.parametrize("path", ASL_FILES, ids=lambda p: p.name)
def test_every_asl_file_gets_a_state_machine_covering_its_placeholders(path: Path, stage: str) -> None:
    template = template_for(stage)
    name = naming.state_machine_name(path)
    machine = template["Resources"][workflows.logical_id(name)]["Properties"]
    functions = {spec.logical_id for spec in app_for(stage).functions}

    assert machine["Definition"] == json.loads(path.read_text())
    assert set(machine["DefinitionSubstitutions"]) == workflows.placeholders(path.read_text())
    for key, value in machine["DefinitionSubstitutions"].items():
        assert value == {"Fn::GetAtt": [lambda_spec(function_name_for(key), stage).logical_id, "Arn"]}
        assert value["Fn::GetAtt"][0] in functions
    assert machine["StateMachineName"] == f"union-portal-{stage}-{name}"


@pytest.mark.parametrize("path", ASL_FILES, ids=lambda p: p.name)
def test_a_state_machine_role_may_invoke_exactly_its_tasks(path: Path) -> None:
    resources = template_for("prod")["Resources"]
    base = workflows.logical_id(naming.state_machine_name(path))
    invoke = resources[f"{base}Role"]["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]
    tasks = {v["Fn::GetAtt"][0] for v in resources[base]["Properties"]["DefinitionSubstitutions"].values()}

    assert invoke["Action"] == ["lambda:InvokeFunction"]
    assert {r["Fn::GetAtt"][0] for r in invoke["Resource"] if "Fn::GetAtt" in r} == tasks
    assert resources[f"{base}LogGroup"]["Type"] == "AWS::Logs::LogGroup"


def test_a_placeholder_no_function_answers_is_refused() -> None:
    app = app_for("prod")
    lonely = AppResources(app.functions[:2], True, app.logical_ids)
    with pytest.raises(PackagingError, match="no lambda_function"):
        template_for("prod", lonely)


def test_the_real_app_answers_every_placeholder() -> None:
    app = discover(PROJECT_DIR, "prod")
    template = template_for("prod", app)
    api = template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    for path in ASL_FILES:
        assert naming.state_machine_env_var(naming.state_machine_name(path)) in api


def test_the_table_is_table_json_with_recovery_and_ttl(stage: str) -> None:
    definition = load_table_definition()
    table = template_for(stage)["Resources"]["Table"]
    props = table["Properties"]

    for key in ("KeySchema", "AttributeDefinitions", "GlobalSecondaryIndexes", "BillingMode"):
        assert props[key] == definition[key]
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["TableName"] == load_stage_config(stage).env("TABLE_NAME") == f"union-portal-{stage}"
    assert table["DeletionPolicy"] == ("Retain" if stage == "prod" else "Delete")


def test_every_function_gets_runtime_name_and_wired_environment(stage: str) -> None:
    resources = template_for(stage)["Resources"]
    for spec in app_for(stage).functions:
        props = resources[spec.logical_id]["Properties"]
        variables = props["Environment"]["Variables"]
        assert props["Runtime"] == bundle.LAMBDA_RUNTIME
        assert props["FunctionName"] == spec.function_name
        assert variables["TABLE_NAME"] == {"Ref": "Table"}
        for path in ASL_FILES:
            name = naming.state_machine_name(path)
            assert variables[naming.state_machine_env_var(name)] == workflows.arn(name, stage)
        log_group = resources[str(spec.log_group_logical_id)]["Properties"]
        assert log_group["LogGroupName"] == f"/aws/lambda/{spec.function_name}"


def test_deployed_names_match_infra_naming() -> None:
    assert lambda_spec("membership_validate", "prod").function_name == naming.deployed_function_name(
        "membership_validate", "prod"
    )
    assert lambda_spec("membership_validate", "prod").logical_id == "MembershipValidate"
    assert lambda_spec("api_handler", "prod").logical_id == "APIHandler"
    assert lambda_spec("api_handler", "prod").log_group_logical_id == "ApiHandlerLogGroup"


def test_a_clash_with_chalice_logical_ids_is_refused() -> None:
    app = app_for("prod", extra=("table",))
    with pytest.raises(PackagingError, match="Table"):
        template_for("prod", app)


def test_api_paths_go_uncached_to_the_api_stage(stage: str) -> None:
    config = load_stage_config(stage)
    distribution = template_for(stage)["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    origins = {o["Id"]: o for o in distribution["Origins"]}
    (api,) = distribution["CacheBehaviors"]

    assert api["PathPattern"] == "/api/*"
    assert origins[api["TargetOriginId"]]["OriginPath"] == f"/{config.api_gateway_stage}"
    assert api["CachePolicyId"] == cdn.CACHING_DISABLED
    assert api["OriginRequestPolicyId"] == cdn.ALL_VIEWER_EXCEPT_HOST_HEADER
    assert set(api["AllowedMethods"]) == {"GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"}
    assert origins[distribution["DefaultCacheBehavior"]["TargetOriginId"]]["OriginAccessControlId"]


def test_no_secret_values_in_template_or_config(stage: str) -> None:
    template = template_for(stage)
    text = json.dumps(template) + CHALICE_CONFIG.read_text()
    assert not [marker for marker in SECRET_VALUE_MARKERS if marker in text]

    config = load_stage_config(stage)
    for slot in parameters.SECRET_SLOTS:
        assert config.environment[slot.env_var].startswith(f"{slot.scheme}:")
        default = template["Parameters"][slot.parameter]["Default"]
        assert re.fullmatch(template["Parameters"][slot.parameter]["AllowedPattern"], default)
        for spec in app_for(stage).functions:
            value = template["Resources"][spec.logical_id]["Properties"]["Environment"]["Variables"]
            assert isinstance(value[slot.env_var], dict), "a reference built from the parameter"


def test_a_secret_reference_with_another_scheme_is_refused() -> None:
    config = load_stage_config("prod")
    env = {**config.environment, "JWT_SIGNING_KEY_REF": "env:JWT_SIGNING_KEY"}
    with pytest.raises(PackagingError, match="ssm:"):
        parameters.parameters(StageConfig("prod", "api", 30, env))


def references(node: Any) -> set[str]:
    """Names a policy document takes from the template: ${X} in Fn::Sub, Fn::GetAtt and Ref."""
    found: set[str] = set()
    if isinstance(node, dict):
        if "Fn::Sub" in node:
            found |= {name.split(".")[0] for name in re.findall(r"\$\{([^}]+)\}", node["Fn::Sub"])}
        if "Fn::GetAtt" in node:
            found.add(node["Fn::GetAtt"][0])
        if "Ref" in node:
            found.add(node["Ref"])
        for value in node.values():
            found |= references(value)
    elif isinstance(node, list):
        for value in node:
            found |= references(value)
    return found


def test_policy_files_name_only_what_the_template_defines(stage: str) -> None:
    policy = json.loads((CHALICE_CONFIG.parent / f"policy-{stage}.json").read_text())
    template = template_for(stage)
    known = set(template["Parameters"]) | set(template["Resources"]) | PSEUDO_PARAMETERS

    assert references(policy) <= known
    actions = {
        a
        for s in policy["Statement"]
        for a in ([s["Action"]] if isinstance(s["Action"], str) else s["Action"])
    }
    for needed in ("states:StartExecution", "states:SendTaskSuccess", "ses:SendEmail", "ssm:GetParameter"):
        assert needed in actions
    scoped = json.dumps(policy)
    assert f"union-portal-{stage}-*" in scoped
    assert ("prod" in scoped) == (stage == "prod")


def test_the_lambda_requirements_are_the_pinned_runtime_closure() -> None:
    lines = bundle.runtime_requirements(PROJECT_DIR / "pyproject.toml", PROJECT_DIR / "requirements-lock.txt")
    names = {line.split("==")[0] for line in lines}

    assert all(re.fullmatch(r"[a-z0-9-]+==\S+", line) for line in lines)
    assert "chalice" not in names
    assert {"boto3", "pynamodb", "pyjwt", "cryptography", "stripe", "aws-lambda-powertools"} <= names
    assert "aws-xray-sdk" in names, "aws-lambda-powertools[tracer] brings the X-Ray SDK"
    assert not {"moto", "pytest", "cfn-lint", "ruff"} & names


def test_every_stage_names_its_policy_file() -> None:
    config = json.loads(CHALICE_CONFIG.read_text())
    assert config["autogen_policy"] is False
    assert set(config["stages"]) == {"local", "dev", "prod"}
    for stage in STAGES:
        assert config["stages"][stage]["iam_policy_file"] == f"policy-{stage}.json"
        assert (CHALICE_CONFIG.parent / f"policy-{stage}.json").exists()


def test_spec_substitution_key_is_naming_substitution_key() -> None:
    assert LambdaSpec("membership_validate", "MembershipValidate", "x").substitution_key == (
        "MembershipValidateArn"
    )
