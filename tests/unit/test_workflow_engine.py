"""The Step Functions adapter turns a late callback into a clear domain answer."""

import boto3
import pytest
from botocore.stub import Stubber

from chalicelib.adapters.workflows import StepFunctionsEngine
from chalicelib.domain.errors import DecisionExpired, DependencyUnavailable


def engine_with(error_code: str | None):
    client = boto3.client(
        "stepfunctions", region_name="eu-north-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    stub = Stubber(client)
    if error_code:
        stub.add_client_error("send_task_success", service_error_code=error_code)
    else:
        stub.add_response("send_task_success", {})
    stub.activate()
    return StepFunctionsEngine(client), stub


@pytest.mark.parametrize("code", ["TaskTimedOut", "InvalidToken"])
def test_a_token_that_no_longer_waits_means_the_decision_expired(code):
    engine, _ = engine_with(code)
    with pytest.raises(DecisionExpired):
        engine.resume("token", {"decision": "approve"})


def test_a_waiting_token_resumes():
    engine, stub = engine_with(None)
    engine.resume("token", {"decision": "approve"})
    stub.assert_no_pending_responses()


def test_a_start_without_a_configured_workflow_is_refused():
    engine, _ = engine_with(None)
    with pytest.raises(DependencyUnavailable):
        engine.start("", "name", {})
