"""The API keeps its own OpenAPI document: schemathesis fuzzes every operation of
GET /api/openapi.json over HTTP against the dev web server on this test's stack (DynamoDB Local
with the small seeded union, moto's workflows, the mail sink), signed in as the admin through
the mailed code, and checks that no answer is a 5xx and every answer matches the document.

Bounded for CI: a few generated cases per operation plus schemathesis' coverage cases, a fixed
seed (CONTRACT_SEED to vary it, CONTRACT_MAX_EXAMPLES to go deeper locally).
"""

from __future__ import annotations

import itertools
import os
import re
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from chalicelib.entrypoints.seed import BRANCHES, WORKPLACES, demo_members
from tests.integration.conftest import SMALL_UNION

pytestmark = pytest.mark.integration

ADMIN = "admin@example.org"
# These end the caller's session (a staff member's resignation ends every session of theirs), so
# each runs as a plain member signed in for it, not as the run's admin.
SESSION_ENDING = frozenset({"/api/auth/signout", "/api/me/resignation"})
MAX_EXAMPLES = int(os.environ.get("CONTRACT_MAX_EXAMPLES") or 4)
SEED = int(os.environ.get("CONTRACT_SEED") or 20261123)
CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
CHECKS = [
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
    content_type_conformance,
    ignored_auth,  # a protected operation answers 401 without the token, not data
]


@dataclass
class Principals:
    """Bearer tokens obtained the way a person gets them: a code by mail, then the exchange.

    Fuzzed sign-outs end the session they are sent with, so each gets a session of its own,
    from a different member each time (sign-in codes are rate limited per address)."""

    url: str
    admin: str = ""
    _members: Iterator[str] = field(default_factory=lambda: iter(()))

    def sign_in(self, email: str) -> str:
        seen = len(self._mail(email))
        answer = requests.post(f"{self.url}/api/auth/code", json={"email": email}, timeout=10)
        assert answer.status_code == 202, answer.text
        code = self._wait_for_code(email, seen + 1)
        answer = requests.post(f"{self.url}/api/auth/token", json={"email": email, "code": code}, timeout=10)
        assert answer.status_code == 200, answer.text
        return str(answer.json()["access_token"])

    def throwaway(self) -> str:
        return self.sign_in(next(self._members))

    def _mail(self, to: str) -> list[dict[str, Any]]:
        answer = requests.get(f"{self.url}/dev/mail", params={"to": to}, timeout=5)
        answer.raise_for_status()
        messages: list[dict[str, Any]] = answer.json()
        return messages

    def _wait_for_code(self, to: str, count: int, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while len(messages := self._mail(to)) < count:
            assert time.monotonic() < deadline, f"no sign-in code mailed to {to}"
            time.sleep(0.05)
        match = CODE.search(messages[0]["text"])
        assert match, messages[0]["text"]
        return match.group(1)


@pytest.fixture
def principals(dev_server: str, union: list[str], mailbox: Any) -> Principals:
    members = [m.email for m in demo_members()[:SMALL_UNION] if m.email != ADMIN and not m.grants]
    signed = Principals(dev_server, _members=itertools.cycle(members))
    signed.admin = signed.sign_in(ADMIN)
    return signed


@pytest.fixture
def api_schema(dev_server: str, principals: Principals) -> Any:
    config = SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": MAX_EXAMPLES, "database": "none", "deterministic": True},
        }
    )
    return schemathesis.openapi.from_url(f"{dev_server}/api/openapi.json", config=config)


schema = schemathesis.pytest.from_fixture("api_schema")


# The document types these as bare strings; the services then want a real address, branch,
# date… So in schema-valid cases e-mail addresses are made real, and two thirds of these values
# (chosen by a hash of the generated value, so the run stays deterministic) too: the fuzzing
# then also reaches the services behind the validation.
REAL_VALUES: dict[str, list[str]] = {
    "branch_id": [b.id for b in BRANCHES],
    "workplace_id": [w.id for w in WORKPLACES],
    # Not the admin's own id: a role change ends that member's sessions, and the run's with it.
    "member_id": [m.id for m in demo_members()[:SMALL_UNION] if m.email != ADMIN],
    "retirement_date": ["2031-05-31", "2027-01-01"],
    "phone": ["+358401234567", "+46701234567"],
    "iban": ["FI2112345600000785", "SE4550000000058398257466"],
    "country": ["FI", "SE"],
}


def plausible(case: Any) -> None:
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    for container in (case.body, case.path_parameters, case.query):
        if not isinstance(container, dict):
            continue
        for key, value in list(container.items()):
            if not isinstance(value, str):
                continue
            pick = zlib.crc32(f"{key}={value}".encode())
            if key == "email":
                container[key] = f"fuzz{pick % 100_000}@example.org"
            elif key in REAL_VALUES and pick % 3:
                container[key] = REAL_VALUES[key][pick % len(REAL_VALUES[key])]


@schema.parametrize()
def test_every_operation_keeps_the_documented_contract(case: Any, principals: Principals) -> None:
    plausible(case)
    token = principals.throwaway() if case.path in SESSION_ENDING else principals.admin
    response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS, timeout=30)
    if case.operation.definition.raw.get("security") and case.meta.generation.mode.is_positive:
        # The run is worth something only while its sessions hold: 401 here means one ended.
        assert response.status_code != 401, f"{case.method} {case.path}: {response.text}"
