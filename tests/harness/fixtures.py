"""pytest fixtures for the real local stack. Registered by tests/conftest.py.

Costs, measured on 2 cores: DynamoDB Local starts once per session (~5 s), a table is created
per test (~0.1 s), moto's server starts once (~0.6 s, plus ~1.6 s the first time a state
machine is touched), the SMTP sink once (~10 ms).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devstack import environment
from devstack.downloads import provision_export_bucket
from devstack.dynamodb_local import DynamoDBLocal, DynamoDBLocalError, find_distribution
from devstack.mail_sink import MailSink
from devstack.moto_server import MotoStack
from devstack.ports import free_port
from devstack.workflows import provision_workflows
from tests.harness.tables import fresh_table
from tests.harness.workflows import Workflows

STAGE = "local"
_START_ATTEMPTS = 3  # a free port can be taken between picking it and java binding it


def _reset_container() -> None:
    from chalicelib import bootstrap

    bootstrap.reset()


@pytest.fixture(scope="session")
def dynamodb_local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DynamoDBLocal]:
    """DynamoDB Local in memory on a free loopback port; `.endpoint`, `.client()`."""
    try:
        find_distribution()
    except DynamoDBLocalError as exc:
        pytest.fail(str(exc), pytrace=False)
    log_path = tmp_path_factory.mktemp("dynamodb") / "dynamodb-local.log"
    for attempt in range(_START_ATTEMPTS):
        server = DynamoDBLocal(free_port(), log_path=log_path)
        try:
            server.start()
            break
        except DynamoDBLocalError:
            if attempt == _START_ATTEMPTS - 1:
                raise
    yield server
    server.stop()


@pytest.fixture(scope="session")
def dynamodb_client(dynamodb_local: DynamoDBLocal) -> Any:
    """A low-level boto3 DynamoDB client on DynamoDB Local."""
    return dynamodb_local.client()


@pytest.fixture(scope="session")
def local_secrets(tmp_path_factory: pytest.TempPathFactory) -> environment.LocalSecrets:
    """A freshly generated Ed25519 signing key (PKCS8 PEM) and pepper, in files."""
    return environment.ensure_secrets(tmp_path_factory.mktemp("secrets"))


@pytest.fixture(scope="session")
def mail_sink() -> Iterator[MailSink]:
    """The SMTP sink for the whole session; tests want `mailbox`, which also clears it."""
    sink = MailSink()
    sink.start()
    yield sink
    sink.stop()


@pytest.fixture
def mailbox(mail_sink: MailSink) -> MailSink:
    """The SMTP sink, emptied: `.messages(to=)`, `.wait_for(to)`, `.wait_for_code(to)`."""
    mail_sink.clear()
    return mail_sink


@pytest.fixture
def table(dynamodb_client: Any) -> Iterator[str]:
    """A new, empty table for this test (override with scope="module" to share one)."""
    with fresh_table(dynamodb_client) as name:
        yield name


@pytest.fixture
def app_env(
    monkeypatch: pytest.MonkeyPatch,
    table: str,
    dynamodb_local: DynamoDBLocal,
    mail_sink: MailSink,
    local_secrets: environment.LocalSecrets,
) -> Iterator[dict[str, str]]:
    """The local-stage environment the app reads, on this test's table; the app's container
    is rebuilt from it (bootstrap.reset) before and after the test."""
    env = environment.stack_environment(
        table_name=table,
        dynamodb_endpoint=dynamodb_local.endpoint,
        smtp_port=mail_sink.port,
        local_secrets=local_secrets,
    )
    for name in environment.UNSET:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _reset_container()
    yield env
    _reset_container()


@pytest.fixture(scope="session")
def moto_server() -> Iterator[MotoStack]:
    """moto in server mode on a free loopback port, state machines executed, Lambda routed to
    the app's handlers; `.endpoint`, `.client(service)`."""
    stack = MotoStack()
    stack.start()
    yield stack
    stack.stop()


@pytest.fixture
def workflows(
    app_env: dict[str, str], moto_server: MotoStack, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workflows]:
    """Every state machine of infra/statemachines provisioned in moto, their ARNs and
    STEPFUNCTIONS_ENDPOINT set for the app; running executions are stopped afterwards."""
    sfn, lambda_client = moto_server.client("stepfunctions"), moto_server.client("lambda")
    arns = provision_workflows(sfn, lambda_client, STAGE)
    extra = {"STEPFUNCTIONS_ENDPOINT": moto_server.endpoint, **arns}
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    app_env.update(extra)
    _reset_container()
    flows = Workflows(sfn, lambda_client, arns)
    yield flows
    flows.stop_running()
    _reset_container()


@pytest.fixture
def export_bucket(app_env: dict[str, str], moto_server: MotoStack, monkeypatch: pytest.MonkeyPatch) -> str:
    """The export bucket in moto's S3, with EXPORT_BUCKET and S3_ENDPOINT set for the app; its name."""
    extra = provision_export_bucket(moto_server.client("s3"), moto_server.endpoint, STAGE)
    for name, value in extra.items():
        monkeypatch.setenv(name, value)
    app_env.update(extra)
    _reset_container()
    return extra["EXPORT_BUCKET"]


@pytest.fixture(scope="session")
def _empty_project_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # chalice.test.Client applies the stage's environment_variables from .chalice/config.json
    # over os.environ on every request; pointing it at an empty folder keeps app_env in charge.
    return tmp_path_factory.mktemp("chalice-project")


@contextlib.contextmanager
def _environment_left_alone(self: Any, environment_variables: dict[str, str]) -> Iterator[None]:
    # chalice's own version swaps os.environ for a copy and back around every request; with
    # requests on several threads a late swap-back leaves a stale copy as os.environ for good,
    # and botocore (which kept the real one) no longer sees what the fixtures set.
    assert not environment_variables, "the empty project folder gives the stage no variables"
    yield


@pytest.fixture
def api(app_env: dict[str, str], _empty_project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """chalice.test.Client on the app (in process, safe to call from several threads):
    `api.http.get("/api/health")`."""
    from chalice.test import BaseClient, Client

    import app as app_module

    assert os.environ["TABLE_NAME"] == app_env["TABLE_NAME"]
    monkeypatch.setattr(BaseClient, "_patched_env_vars", _environment_left_alone)
    return Client(app_module.app, stage_name=STAGE, project_dir=str(_empty_project_dir))


@pytest.fixture(scope="session")
def _dev_web_server(mail_sink: MailSink) -> Iterator[Any]:
    import app as app_module
    from devstack.dynamodb_local import ROOT
    from devstack.web import DevWebServer, Site, local_config
    from infra import naming

    site = Site(app_module.app, local_config(ROOT, naming.APP_NAME), mail_sink, ROOT / "frontend" / "dist")
    server = DevWebServer(site, port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def dev_server(
    workflows: Workflows, _dev_web_server: Any, app_env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> str:
    """The dev stack's web server (frontend/dist, /api, /dev/mail) on this test's stack, for a
    browser; its base URL, which is also PUBLIC_BASE_URL so links in mails point at it."""
    url = str(_dev_web_server.url)
    monkeypatch.setenv("PUBLIC_BASE_URL", url)
    app_env["PUBLIC_BASE_URL"] = url
    _reset_container()
    return url
