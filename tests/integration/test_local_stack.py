"""The local stack itself: the harness fixtures, moto's engine running the app's Lambda
handlers, and the dev stack's pieces (web server, mail sink, supervisor)."""

from __future__ import annotations

import json
import os
import shutil
import smtplib
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from chalice import Chalice

from chalicelib.settings import Stage, load_settings
from devstack import lambda_routing
from devstack.mail_sink import MailSink
from devstack.moto_server import MotoStack
from devstack.workflows import UnresolvedPlaceholder, provision_workflows, render_definition
from infra import naming
from tests.harness.workflows import Workflows

pytestmark = pytest.mark.integration

# The tiny app registers only the membership tasks: provision only the workflow that uses them.
MEMBERSHIP_ASL = naming.STATE_MACHINE_DIR / "membership-application.asl.json"


# --- DynamoDB Local and the app's environment ------------------------------------------------
def test_each_test_gets_an_empty_active_table(dynamodb_client: Any, table: str) -> None:
    described = dynamodb_client.describe_table(TableName=table)["Table"]
    assert described["TableStatus"] == "ACTIVE"
    assert {i["IndexName"] for i in described["GlobalSecondaryIndexes"]} == {"gsi1", "gsi2"}
    ttl = dynamodb_client.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    assert ttl["AttributeName"] == "expires_at"
    assert dynamodb_client.scan(TableName=table)["Count"] == 0


def test_a_missing_node_modules_says_run_make_install(tmp_path: Path) -> None:
    from devstack.dynamodb_local import DynamoDBLocalError, find_distribution

    with pytest.raises(DynamoDBLocalError, match="run make install"):
        find_distribution(tmp_path)


def test_app_env_describes_the_local_stage(app_env: dict[str, str], table: str) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    settings = load_settings()
    assert settings.stage is Stage.LOCAL
    assert settings.table_name == table
    assert settings.dynamodb_endpoint == app_env["DYNAMODB_ENDPOINT"]
    assert (settings.mail_transport, settings.region) == ("smtp", "eu-north-1")
    key_pem = Path(settings.jwt_signing_key_ref.removeprefix("file:")).read_bytes()
    assert isinstance(load_pem_private_key(key_pem, password=None), Ed25519PrivateKey)
    pepper = Path(settings.signin_pepper_ref.removeprefix("file:")).read_text()
    assert len(bytes.fromhex(pepper)) == 32


# --- the SMTP sink ----------------------------------------------------------------------------
def _send(port: int, to: str, subject: str, text: str, html: str | None = None) -> None:
    message = EmailMessage()
    message["From"] = "Union Portal <no-reply@example.org>"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    with smtplib.SMTP("127.0.0.1", port, timeout=5) as client:
        client.send_message(message)


def test_mailbox_decodes_utf8_multipart_mail(mailbox: MailSink) -> None:
    _send(
        mailbox.port,
        "Åsa Ek <Asa@Example.org>",
        "Din inloggningskod: ÅÄÖ",
        "Koden är 042917.\n",
        "<p>Koden är <b>042917</b></p>",
    )

    [received] = mailbox.messages(to="asa@example.org")
    assert received["subject"] == "Din inloggningskod: ÅÄÖ"
    assert received["text"] == "Koden är 042917.\n"
    assert "042917" in received["html"]
    assert received["received_at"].endswith("+00:00")
    assert mailbox.wait_for_code("asa@example.org") == "042917"


def test_mailbox_filters_by_address_newest_first(mailbox: MailSink) -> None:
    for n in range(3):
        _send(mailbox.port, "member@example.org", f"mail {n}", "hello")
    _send(mailbox.port, "steward@example.org", "other", "hello")

    assert [m["subject"] for m in mailbox.messages(to="MEMBER@example.org")] == ["mail 2", "mail 1", "mail 0"]
    assert len(mailbox.messages()) == 4
    with pytest.raises(TimeoutError):
        mailbox.wait_for("nobody@example.org", timeout=0.2)


def test_mailbox_starts_empty_for_each_test(mailbox: MailSink) -> None:
    assert mailbox.messages() == []


# --- moto's Step Functions engine running the handlers ----------------------------------------
class TinyApp:
    """A stand-in for app.py: the handlers the membership state machine names, scripted."""

    def __init__(self) -> None:
        self.app = Chalice("tiny")
        self.valid = True
        self.tokens: list[str] = []
        self.calls: dict[str, list[dict[str, Any]]] = {}
        self.failures: dict[str, Exception] = {}
        for name in (
            "membership_validate",
            "membership_await_decision",
            "membership_activate",
            "membership_reject",
            "membership_expire",
        ):
            self._register(name)

    def _register(self, name: str) -> None:
        def handler(event: dict[str, Any], context: Any) -> Any:
            self.calls.setdefault(name, []).append({**event, "_function": context.function_name})
            if name in self.failures:
                raise self.failures[name]
            return self.result(name, event)

        handler.__name__ = name
        self.app.lambda_function(name=name)(handler)

    def result(self, name: str, event: dict[str, Any]) -> Any:
        if name == "membership_validate":
            return {"valid": self.valid, "reason": None if self.valid else "unknown workplace"}
        if name == "membership_await_decision":
            self.tokens.append(event["task_token"])
        return {"member_id": "m-1"} if name == "membership_activate" else {}

    @property
    def function_names(self) -> list[str]:
        return [fn.name for fn in self.app.pure_lambda_functions]


@pytest.fixture
def tiny(monkeypatch: pytest.MonkeyPatch) -> TinyApp:
    tiny = TinyApp()
    monkeypatch.setattr(lambda_routing, "resolve_app", lambda: tiny.app)
    return tiny


@pytest.fixture
def membership_flow(tiny: TinyApp, moto_server: MotoStack) -> Iterator[Workflows]:
    """The real membership-application ASL, its tasks routed to the tiny app (stage "harness")."""
    sfn, lambda_client = moto_server.client("stepfunctions"), moto_server.client("lambda")
    arns = provision_workflows(
        sfn, lambda_client, "harness", function_names=tiny.function_names, files=[MEMBERSHIP_ASL]
    )
    flows = Workflows(sfn, lambda_client, arns)
    yield flows
    flows.stop_running()


def _wait_for_token(tiny: TinyApp, flows: Workflows, execution_arn: str) -> str:
    flows.wait_for_state(execution_arn, "AwaitOfficerDecision")
    flows.wait(execution_arn, "RUNNING")
    for _ in range(100):
        if tiny.tokens:
            return tiny.tokens[-1]
        time.sleep(0.02)
    raise AssertionError("the await-decision task never ran")


def test_lambda_invoke_and_task_token_approve_path(tiny: TinyApp, membership_flow: Workflows) -> None:
    execution = membership_flow.start("membership-application", {"application_id": "app-1"})
    token = _wait_for_token(tiny, membership_flow, execution)

    membership_flow.sfn.send_task_success(
        taskToken=token, output=json.dumps({"decision": "approve", "decided_by": "officer"})
    )

    output = membership_flow.output(execution)
    assert output["validation"] == {"valid": True, "reason": None}
    assert output["activation"] == {"member_id": "m-1"}
    [validate_call] = tiny.calls["membership_validate"]
    assert validate_call == {
        "application_id": "app-1",
        "_function": "union-portal-harness-membership_validate",
    }
    assert tiny.calls["membership_activate"][0]["decision"]["decision"] == "approve"


def test_invalid_application_is_rejected_without_waiting(tiny: TinyApp, membership_flow: Workflows) -> None:
    tiny.valid = False
    execution = membership_flow.start("membership-application", {"application_id": "app-2"})

    membership_flow.wait(execution)
    [reject] = tiny.calls["membership_reject"]
    assert reject["decision"] == {"decision": "reject", "reason": "unknown workplace", "decided_by": "system"}
    assert "membership_await_decision" not in tiny.calls


def test_send_task_failure_fails_the_execution(tiny: TinyApp, membership_flow: Workflows) -> None:
    execution = membership_flow.start("membership-application", {"application_id": "app-3"})
    token = _wait_for_token(tiny, membership_flow, execution)

    membership_flow.sfn.send_task_failure(taskToken=token, error="Officer.Gone", cause="left")

    assert membership_flow.wait(execution, "FAILED")["error"] == "Officer.Gone"


def test_a_raising_handler_is_a_task_failure_for_retry_and_catch(
    tiny: TinyApp, moto_server: MotoStack, tmp_path: Path
) -> None:
    asl = {
        "StartAt": "Boom",
        "States": {
            "Boom": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "${MembershipExpireArn}", "Payload.$": "$"},
                "Retry": [{"ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 1, "MaxAttempts": 1}],
                "Catch": [{"ErrorEquals": ["ValueError"], "ResultPath": "$.error", "Next": "Caught"}],
                "End": True,
            },
            "Caught": {"Type": "Pass", "End": True},
        },
    }
    (tmp_path / "harness-catch.asl.json").write_text(json.dumps(asl))
    tiny.failures["membership_expire"] = ValueError("no such application")
    sfn, lambda_client = moto_server.client("stepfunctions"), moto_server.client("lambda")
    arns = provision_workflows(
        sfn,
        lambda_client,
        "harness",
        function_names=tiny.function_names,
        files=[tmp_path / "harness-catch.asl.json"],
    )
    flows = Workflows(sfn, lambda_client, arns)

    output = flows.output(flows.start("harness-catch", {"application_id": "app-5"}))
    assert output["error"]["Error"] == "ValueError"  # the exception's class, as on AWS
    cause = json.loads(output["error"]["Cause"])
    assert (cause["errorType"], cause["errorMessage"]) == ("ValueError", "no such application")
    assert len(tiny.calls["membership_expire"]) == 2  # States.TaskFailed matched: one retry


def test_task_handlers_reach_dynamodb_local(
    tiny: TinyApp, membership_flow: Workflows, app_env: dict[str, str], dynamodb_client: Any
) -> None:
    def validate_and_record(event: dict[str, Any], context: Any) -> dict[str, Any]:
        import boto3

        from chalicelib.settings import load_settings

        settings = load_settings()  # what a real handler does, via the container
        client = boto3.client(
            "dynamodb", endpoint_url=settings.dynamodb_endpoint, region_name=settings.region
        )
        client.put_item(
            TableName=settings.table_name,
            Item={"pk": {"S": f"APP#{event['application_id']}"}, "sk": {"S": "SEEN"}},
        )
        return {"valid": False, "reason": "recorded"}

    tiny.app.handler_map["membership_validate"] = validate_and_record
    membership_flow.wait(membership_flow.start("membership-application", {"application_id": "a6"}))

    item = dynamodb_client.get_item(
        TableName=app_env["TABLE_NAME"], Key={"pk": {"S": "APP#a6"}, "sk": {"S": "SEEN"}}
    )
    assert "Item" in item


def test_a_stopped_execution_runs_no_further_task(tiny: TinyApp, membership_flow: Workflows) -> None:
    execution = membership_flow.start("membership-application", {"application_id": "app-7"})
    token = _wait_for_token(tiny, membership_flow, execution)

    membership_flow.stop_running()
    # moto quirk: a task-token wait is not interrupted; the stop lands when the wait ends.
    membership_flow.sfn.send_task_success(taskToken=token, output=json.dumps({"decision": "approve"}))

    assert membership_flow.wait(execution, "ABORTED")["status"] == "ABORTED"
    assert "membership_activate" not in tiny.calls


def test_direct_invocations_run_the_handler(tiny: TinyApp, membership_flow: Workflows) -> None:
    client = membership_flow.lambda_client
    name = naming.deployed_function_name("membership_activate", "harness")

    answer = client.invoke(FunctionName=name, Payload=json.dumps({"application_id": "a8"}))
    assert json.loads(answer["Payload"].read()) == {"member_id": "m-1"}
    assert "FunctionError" not in answer

    tiny.failures["membership_activate"] = KeyError("a8")
    failed = client.invoke(FunctionName=name, Payload=b"{}")
    assert failed["FunctionError"] == "Unhandled"
    assert json.loads(failed["Payload"].read())["errorType"] == "KeyError"

    client.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"n": 3}))
    for _ in range(100):
        if any(call.get("n") == 3 for call in tiny.calls["membership_activate"]):
            break
        time.sleep(0.02)
    else:
        raise AssertionError("the asynchronous invocation never ran")


# --- the routing and provisioning pieces, without the engine -----------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("union-portal-local-membership_validate", "membership_validate"),
        (
            "arn:aws:lambda:eu-north-1:123456789012:function:union-portal-dev-membership_validate",
            "membership_validate",
        ),
        ("arn:aws:lambda:eu-north-1:123456789012:function:x-prod-validate:$LATEST", "validate"),
        ("union-portal-local-unknown", None),
    ],
)
def test_function_names_resolve_to_the_longest_matching_handler(name: str, expected: str | None) -> None:
    handlers = {"validate": lambda e, c: "short", "membership_validate": lambda e, c: "long"}
    handler = lambda_routing.find_handler(name, handlers)
    assert (handler is None) if expected is None else (handler is handlers[expected])


def test_every_placeholder_of_the_real_state_machines_needs_a_function() -> None:
    [path] = [p for p in naming.state_machine_files() if p.name.startswith("membership-application")]
    with pytest.raises(UnresolvedPlaceholder, match="MembershipValidateArn"):
        render_definition(path.read_text(), {})
    keys = {naming.substitution_key(n) for n in TinyApp().function_names}
    rendered = json.loads(render_definition(path.read_text(), {k: f"arn:{k}" for k in keys}))
    assert rendered["States"]["ValidateApplication"]["Parameters"]["FunctionName"] == (
        "arn:MembershipValidateArn"
    )


def test_provisioning_is_idempotent(tiny: TinyApp, moto_server: MotoStack) -> None:
    sfn, lambda_client = moto_server.client("stepfunctions"), moto_server.client("lambda")
    first = provision_workflows(
        sfn, lambda_client, "harness", function_names=tiny.function_names, files=[MEMBERSHIP_ASL]
    )
    again = provision_workflows(
        sfn, lambda_client, "harness", function_names=tiny.function_names, files=[MEMBERSHIP_ASL]
    )
    assert (
        first
        == again
        == {
            "MEMBERSHIP_APPLICATION_STATE_MACHINE_ARN": "arn:aws:states:eu-north-1:123456789012:stateMachine:"
            "union-portal-harness-membership-application"
        }
    )


# --- the fixtures on the real app ----------------------------------------------------------------
def test_workflows_and_api_fixtures_wire_the_real_app(request: pytest.FixtureRequest) -> None:
    flows: Workflows = request.getfixturevalue("workflows")
    api = request.getfixturevalue("api")
    assert load_settings().membership_application_state_machine_arn == flows.arn("membership-application")
    assert api.http.get("/api/health").status_code == 200


# --- the dev stack: web server on one origin ----------------------------------------------------
@pytest.fixture
def dist(tmp_path: Path) -> Path:
    folder = tmp_path / "dist"
    (folder / "assets").mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html><title>shell</title>")
    (folder / "assets" / "app.js").write_text("console.log('hi')")
    (tmp_path / "secret.txt").write_text("outside dist")
    return folder


@pytest.fixture
def dev_site(dist: Path, mailbox: MailSink) -> Iterator[str]:
    """The dev web server on a free port with a one-route app, the mail sink and a temp dist."""
    from devstack.web import DevWebServer, Site, local_config

    mini = Chalice("mini")

    @mini.route("/api/ping", methods=["GET", "POST"])
    def ping() -> dict[str, Any]:
        request = mini.current_request
        assert request is not None
        return {"pong": True, "method": request.method}

    server = DevWebServer(Site(mini, local_config(dist, "mini"), mailbox, dist), port=0)
    server.start()
    yield server.url
    server.stop()


def _get(url: str, method: str = "GET") -> tuple[int, str, str]:
    import urllib.error
    import urllib.request

    request = urllib.request.Request(
        url,
        method=method,
        data=b"{}" if method == "POST" else None,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_api_paths_reach_the_chalice_app(dev_site: str) -> None:
    status, kind, body = _get(f"{dev_site}/api/ping", "POST")
    assert (status, json.loads(body)) == (200, {"pong": True, "method": "POST"})
    assert kind == "application/json"


def test_the_spa_is_served_with_a_fallback_to_index(dev_site: str) -> None:
    assert _get(f"{dev_site}/")[2] == "<!doctype html><title>shell</title>"
    assert _get(f"{dev_site}/members/42/edit")[2] == "<!doctype html><title>shell</title>"
    status, kind, body = _get(f"{dev_site}/assets/app.js")
    assert (status, body) == (200, "console.log('hi')")
    assert kind.startswith(("text/javascript", "application/javascript"))
    assert _get(f"{dev_site}/assets/missing.js")[0] == 404


def test_static_files_cannot_escape_dist(dev_site: str) -> None:
    import http.client
    from urllib.parse import urlsplit

    host = urlsplit(dev_site)
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt"):
        connection = http.client.HTTPConnection(host.hostname or "", host.port, timeout=5)
        connection.request("GET", path)
        response = connection.getresponse()
        assert "outside dist" not in response.read().decode(), path
        connection.close()


def test_dev_mail_lists_json_newest_first_and_escapes_html(dev_site: str, mailbox: MailSink) -> None:
    _send(mailbox.port, "member@example.org", "first", "code 111111")
    _send(mailbox.port, "member@example.org", "<script>alert(1)</script>", "see https://x.test/a?b=1&c=2")
    _send(mailbox.port, "steward@example.org", "not for member", "hi")

    status, kind, body = _get(f"{dev_site}/dev/mail?to=member@example.org")
    assert (status, kind) == (200, "application/json")
    listed = json.loads(body)
    assert [m["subject"] for m in listed] == ["<script>alert(1)</script>", "first"]
    assert set(listed[0]) >= {"to", "subject", "text", "received_at"}

    page = _get(f"{dev_site}/dev/mail/")[2]
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://x.test/a?b=1&amp;c=2">' in page
    assert _get(f"{dev_site}/dev/mail", "POST")[0] == 405


def test_a_missing_front_end_build_says_what_to_run(dev_site: str, dist: Path) -> None:
    shutil.rmtree(dist)
    status, _, body = _get(f"{dev_site}/members")
    assert status == 503 and "make frontend-build" in body
    assert _get(f"{dev_site}/api/ping")[0] == 200


# --- the dev stack: `python -m devstack` start and stop -----------------------------------------
def _java_on(db_path: Path) -> list[str]:
    import subprocess

    found = subprocess.run(["pgrep", "-af", str(db_path)], capture_output=True, text=True, check=False)
    return [line for line in found.stdout.splitlines() if "java" in line]


def test_python_m_devstack_starts_serves_and_leaves_no_java_behind(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    from devstack.ports import free_port

    ports = {name: str(free_port()) for name in ("PORT", "DYNAMODB_PORT", "MOTO_PORT", "SMTP_PORT")}
    env = {**os.environ, **ports, "DEVSTACK_STATE_DIR": str(tmp_path), "DEVSTACK_SEED": "0"}
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "devstack"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = _read_until(process, "Union Portal is up at", timeout=60)
        web = f"http://127.0.0.1:{ports['PORT']}"
        assert _get(f"{web}/api/health")[0] == 200
        assert _get(f"{web}/dev/mail")[2] == "[]"
        assert any("member300@example.org" in line for line in lines)
        assert _java_on(tmp_path / "dynamodb")
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
    assert _java_on(tmp_path / "dynamodb") == []
    assert (tmp_path / "secrets" / "jwt-signing-key.pem").stat().st_mode & 0o077 == 0
    assert "TABLE_NAME=union-portal-local" in (tmp_path / "dev.env").read_text()


def _read_until(process: Any, marker: str, timeout: float) -> list[str]:
    import threading

    lines: list[str] = []
    seen = threading.Event()

    def pump() -> None:
        for line in process.stdout:
            lines.append(line)
            if marker in line:
                seen.set()

    threading.Thread(target=pump, daemon=True).start()
    if not seen.wait(timeout):
        raise AssertionError("the dev stack did not come up:\n" + "".join(lines[-30:]))
    time.sleep(0.2)  # the banner's remaining lines
    return lines


def test_dev_server_fixture_serves_the_real_app_and_the_mailbox(dev_server: str, mailbox: MailSink) -> None:
    assert _get(f"{dev_server}/api/health")[0] == 200
    assert os.environ["PUBLIC_BASE_URL"] == dev_server
    _send(mailbox.port, "member@example.org", "hello", "code 123456")
    assert json.loads(_get(f"{dev_server}/dev/mail?to=member@example.org")[2])[0]["subject"] == "hello"
