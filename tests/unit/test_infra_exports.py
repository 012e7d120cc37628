"""The export bucket in the packaged template: private, encrypted, TLS only, objects gone after a
day, named to every function, and writable and readable by the functions (for presigned links)."""

from __future__ import annotations

import json

import pytest

from infra import downloads
from infra.stage_config import CHALICE_CONFIG
from tests.unit.test_infra_package import STAGES, app_for, template_for


@pytest.fixture(params=STAGES)
def stage(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_the_bucket_is_private_encrypted_and_forgets_within_a_day(stage):
    resources = template_for(stage)["Resources"]
    props = resources[downloads.EXPORT_BUCKET]["Properties"]

    assert all(props["PublicAccessBlockConfiguration"].values())
    [encryption] = props["BucketEncryption"]["ServerSideEncryptionConfiguration"]
    assert encryption["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in {"AES256", "aws:kms"}
    [rule] = props["LifecycleConfiguration"]["Rules"]
    assert rule["Status"] == "Enabled" and rule["ExpirationInDays"] == 1 and "Prefix" not in rule
    [deny] = resources[f"{downloads.EXPORT_BUCKET}Policy"]["Properties"]["PolicyDocument"]["Statement"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}


def test_every_function_is_told_the_bucket(stage):
    resources = template_for(stage)["Resources"]
    for spec in app_for(stage).functions:
        variables = resources[spec.logical_id]["Properties"]["Environment"]["Variables"]
        assert variables["EXPORT_BUCKET"] == {"Ref": downloads.EXPORT_BUCKET}


def test_the_functions_may_put_and_get_objects_in_that_bucket_only(stage):
    policy = json.loads((CHALICE_CONFIG.parent / f"policy-{stage}.json").read_text())
    s3 = [s for s in policy["Statement"] if any(str(a).startswith("s3:") for a in s["Action"])]

    assert len(s3) == 1
    assert set(s3[0]["Action"]) == {"s3:PutObject", "s3:GetObject"}
    assert s3[0]["Resource"] == {"Fn::Sub": f"${{{downloads.EXPORT_BUCKET}.Arn}}/*"}
