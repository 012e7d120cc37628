"""What integration tests share: a seeded union on a fresh table, and signing in by mailed code."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from chalicelib.entrypoints.seed import ROLE_ACCOUNTS, demo_members, seed_demo_data
from devstack import environment
from tests.harness.tables import fresh_table

JSON = {"content-type": "application/json"}
SMALL_UNION = 10 + 24  # the role accounts and two dozen members spread over every workplace


@dataclass
class Session:
    email: str
    tokens: dict[str, Any]

    @property
    def headers(self) -> dict[str, str]:
        return {**JSON, "authorization": f"Bearer {self.tokens['access_token']}"}


def post(api: Any, path: str, body: dict[str, Any], headers: dict[str, str] | None = None) -> Any:
    return api.http.post(path, body=json.dumps(body), headers=headers or JSON)


def body(response: Any) -> Any:
    return json.loads(response.body)


@pytest.fixture(scope="session")
def seeded_items(dynamodb_client: Any, dynamodb_local: Any, mail_sink: Any, local_secrets: Any) -> list[dict]:
    """Seed the small union once, through the services, and keep its items to copy per test."""
    from chalicelib import bootstrap

    with fresh_table(dynamodb_client, "template") as name, pytest.MonkeyPatch.context() as patch:
        env = environment.stack_environment(
            table_name=name,
            dynamodb_endpoint=dynamodb_local.endpoint,
            smtp_port=mail_sink.port,
            local_secrets=local_secrets,
        )
        for key, value in env.items():
            patch.setenv(key, value)
        bootstrap.reset()
        seed_demo_data(demo_members()[:SMALL_UNION])
        bootstrap.reset()
        pages = dynamodb_client.get_paginator("scan").paginate(TableName=name, ConsistentRead=True)
        return [item for page in pages for item in page["Items"]]


@pytest.fixture
def union(app_env: dict[str, str], dynamodb_client: Any, seeded_items: list[dict]) -> list[str]:
    """The demo union with its role accounts and a few members, copied onto this test's table."""
    table = app_env["TABLE_NAME"]
    for start in range(0, len(seeded_items), 25):
        batch = [{"PutRequest": {"Item": item}} for item in seeded_items[start : start + 25]]
        dynamodb_client.batch_write_item(RequestItems={table: batch})
    return [m.email for m in demo_members()[:SMALL_UNION]]


@pytest.fixture
def sign_in(api: Any, mailbox: Any, union: list[str]) -> Callable[[str], Session]:
    """Sign in as the address with the code the sink received; returns the session."""

    def run(email: str) -> Session:
        seen = len(mailbox.messages(email))
        assert post(api, "/api/auth/code", {"email": email}).status_code == 202
        code = mailbox.wait_for_code(email, count=seen + 1)
        response = post(api, "/api/auth/token", {"email": email, "code": code})
        assert response.status_code == 200, response.body
        return Session(email, body(response))

    return run


ROLE_EMAILS = [f"{local}@example.org" for local, *_ in ROLE_ACCOUNTS]
