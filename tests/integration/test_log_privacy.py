"""Logs carry no personal data: run whole journeys and read every line they produced."""

from __future__ import annotations

import json
import logging

import pytest

from tests.integration.conftest import body, post
from tests.integration.test_membership_application import APPLICANT, decide, wait_pending

pytestmark = pytest.mark.integration

# The dev mailbox and moto are the local stand-ins for SES and AWS, not part of the deployed app.
LOCAL_STAND_INS = ("mail.log", "moto", "werkzeug", "devstack")
PERSONAL = ("@example.org", "+358401234567", "FI2112345600000785", "Uusi", "Jäsen", "Maria", "Olli")


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def service_log():
    """Every record of the app's own logger (Powertools does not propagate to the root logger)."""
    service = logging.getLogger("union-portal")
    kept, level = Kept(), service.level
    service.addHandler(kept)
    service.setLevel(logging.DEBUG)
    yield kept
    service.removeHandler(kept)
    service.setLevel(level)


def test_no_personal_data_reaches_the_logs(api, mailbox, workflows, sign_in, caplog, service_log):
    caplog.set_level(logging.INFO)  # production's level for everything else
    member = sign_in("member@example.org")
    changes = json.dumps({"phone": "+358401234567", "iban": "FI2112345600000785"})
    assert api.http.patch("/api/me", body=changes, headers=member.headers).status_code == 200
    assert (
        api.http.patch("/api/me", body=json.dumps({"iban": "FI00"}), headers=member.headers).status_code
        == 400
    )
    post(api, "/api/auth/token", {"email": "member@example.org", "code": "000000"})
    application_id = body(post(api, "/api/applications", APPLICANT))["id"]
    officer = sign_in("officer@example.org")
    wait_pending(api, officer)
    assert decide(api, officer, application_id, "approve").status_code == 200
    mailbox.wait_for(APPLICANT["email"], count=2)
    records = service_log.records + [r for r in caplog.records if not r.name.startswith(LOCAL_STAND_INS)]
    logged = "\n".join(r.getMessage() + json.dumps(r.__dict__, default=str) for r in records)
    assert "session opened" in logged, "the journey did log"
    leaks = [line[:300] for line in logged.splitlines() if any(p in line for p in PERSONAL)]
    assert leaks == [], "personal data in logs:\n" + "\n".join(leaks)
