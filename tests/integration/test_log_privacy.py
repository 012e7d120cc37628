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


def test_no_personal_data_reaches_the_logs(api, mailbox, workflows, sign_in, caplog, capsys):
    caplog.set_level(logging.INFO)  # production's level; the app's own logger at every level
    caplog.set_level(logging.DEBUG, logger="union-portal")
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
    app_records = [r for r in caplog.records if not r.name.startswith(LOCAL_STAND_INS)]
    logged = "\n".join(r.getMessage() + json.dumps(r.__dict__, default=str) for r in app_records)
    logged += capsys.readouterr().out
    assert "session opened" in logged, "the journey did log"
    leaks = [p for p in PERSONAL if p in logged]
    assert leaks == [], f"personal data in logs: {leaks}"
