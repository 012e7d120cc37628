"""The audit log on DynamoDB Local: linear under concurrent writers, tampering named by the verifier."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib import bootstrap
from chalicelib.adapters.dynamo import keys
from tests.integration.conftest import body

pytestmark = pytest.mark.integration


def entry_key(seq: int) -> dict:
    pk, sk = keys.audit_entry(seq)
    return {"pk": {"S": pk}, "sk": {"S": sk}}


def test_concurrent_changes_keep_one_linear_chain(api, sign_in, union):
    sessions = [
        sign_in(email)
        for email in (
            "member@example.org",
            "member2@example.org",
            "steward@example.org",
            "officer@example.org",
            "organizer@example.org",
            "trustee1@example.org",
        )
    ]
    before = bootstrap.container().store.audit.head().seq

    def edit(job: tuple[int, int]) -> int:
        who, n = job
        change = json.dumps({"city": f"City {n}"})
        return api.http.patch("/api/me", body=change, headers=sessions[who].headers).status_code

    jobs = [(i % len(sessions), i) for i in range(36)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(edit, jobs))
    assert statuses.count(200) + statuses.count(409) == len(jobs)
    report = bootstrap.container().audit.verify()
    assert report.intact, report.problem
    assert bootstrap.container().store.audit.head().seq == before + statuses.count(200)
    actions = [e.action for e in bootstrap.container().store.audit.entries()][before:]
    assert actions.count("member.details_changed") == statuses.count(200)


def test_an_altered_entry_is_named(union, app_env, dynamodb_client):
    assert bootstrap.container().audit.verify().intact
    dynamodb_client.update_item(
        TableName=app_env["TABLE_NAME"],
        Key=entry_key(5),
        UpdateExpression="SET #a = :v",
        ExpressionAttributeNames={"#a": "after"},
        ExpressionAttributeValues={":v": {"S": json.dumps({"status": "admin"})}},
    )
    report = bootstrap.container().audit.verify()
    assert report.first_broken_seq == 5 and "altered" in report.problem


def test_reordered_entries_are_caught(union, app_env, dynamodb_client):
    table = app_env["TABLE_NAME"]
    third = dynamodb_client.get_item(TableName=table, Key=entry_key(3))["Item"]
    fourth = dynamodb_client.get_item(TableName=table, Key=entry_key(4))["Item"]
    third_moved = {**third, "pk": fourth["pk"], "sk": fourth["sk"]}
    fourth_moved = {**fourth, "pk": third["pk"], "sk": third["sk"]}
    dynamodb_client.put_item(TableName=table, Item=third_moved)
    dynamodb_client.put_item(TableName=table, Item=fourth_moved)
    report = bootstrap.container().audit.verify()
    assert report.first_broken_seq == 4 and "out of order" in report.problem


def test_a_deleted_entry_is_caught(union, app_env, dynamodb_client):
    dynamodb_client.delete_item(TableName=app_env["TABLE_NAME"], Key=entry_key(7))
    report = bootstrap.container().audit.verify()
    assert not report.intact and report.first_broken_seq == 8


def run_verify(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "chalicelib.entrypoints.audit_verify"]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_the_verify_command_exits_nonzero_and_names_the_entry(union, app_env, dynamodb_client):
    env = {**os.environ, **app_env}
    ok = run_verify(env)
    assert ok.returncode == 0 and "intact" in ok.stdout
    dynamodb_client.update_item(
        TableName=app_env["TABLE_NAME"],
        Key=entry_key(2),
        UpdateExpression="SET actor = :v",
        ExpressionAttributeValues={":v": {"S": "someone-else"}},
    )
    broken = run_verify(env)
    assert broken.returncode == 1 and "entry 2" in broken.stderr


def test_privileged_actions_are_audited(api, sign_in):
    admin = sign_in("admin@example.org")
    officer = sign_in("officer@example.org")
    api.http.get("/api/me/export", headers=officer.headers)
    grants = json.dumps({"grants": [{"role": "organizer"}]})
    assert (
        api.http.put("/api/members/demo-member2/roles", body=grants, headers=admin.headers).status_code == 200
    )
    entries = list(bootstrap.container().store.audit.entries())
    exported = [e for e in entries if e.action == "member.data_exported"]
    roles = [e for e in entries if e.action == "member.roles_changed"]
    assert exported[-1].actor == "demo-officer"
    assert roles[-1].actor == "demo-admin" and roles[-1].after == {
        "grants": [{"role": "organizer", "branch_ids": [], "workplace_ids": []}]
    }
    assert body(api.http.get("/api/me", headers=admin.headers))["id"] == "demo-admin"
