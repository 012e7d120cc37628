"""A member's own details and membership, and nobody else's."""

from __future__ import annotations

import json

import pytest

from tests.integration.conftest import body, post

pytestmark = pytest.mark.integration


def patch(api, session, changes):
    return api.http.patch("/api/me", body=json.dumps(changes), headers=session.headers)


def test_a_member_edits_own_details(api, sign_in):
    me = sign_in("member@example.org")
    changed = patch(
        api,
        me,
        {
            "phone": "+358 40 123 4567",
            "iban": "FI21 1234 5600 0007 85",
            "postal_code": "00100",
            "city": "Helsinki",
            "language": "sv",
        },
    )
    assert changed.status_code == 200, changed.body
    profile = body(api.http.get("/api/me", headers=me.headers))
    assert (profile["phone"], profile["iban"], profile["language"]) == (
        "+358401234567",
        "FI2112345600000785",
        "sv",
    )


def test_bad_details_are_named_and_nothing_is_saved(api, sign_in):
    me = sign_in("member@example.org")
    response = patch(api, me, {"phone": "040", "iban": "FI00", "postal_code": "1", "city": "Espoo"})
    assert response.status_code == 400
    fields = {f["path"] for f in body(response)["error"]["fields"]}
    assert fields == {"phone", "iban", "postal_code"}
    assert body(api.http.get("/api/me", headers=me.headers))["city"] is None


def test_unknown_and_protected_fields_are_refused(api, sign_in):
    me = sign_in("member@example.org")
    for changes in ({"status": "active"}, {"roles": ["admin"]}, {"branch_id": "tampere"}):
        response = patch(api, me, changes)
        assert response.status_code == 400
        assert body(response)["error"]["fields"][0]["message"] == "is not a known field"


def test_an_address_of_another_member_cannot_be_taken(api, sign_in):
    me = sign_in("member@example.org")
    response = patch(api, me, {"email": "member2@example.org"})
    assert response.status_code == 409
    assert body(response)["error"]["fields"] == [{"path": "email", "message": "is already in use"}]


def test_a_new_address_moves_with_the_member(api, mailbox, sign_in):
    me = sign_in("member@example.org")
    assert patch(api, me, {"email": "maria.new@example.org"}).status_code == 200
    assert sign_in("maria.new@example.org").email == "maria.new@example.org"
    post(api, "/api/auth/code", {"email": "member@example.org"})
    assert (
        mailbox.messages("member@example.org")[0]["subject"] != ""
        and len(mailbox.messages("member@example.org")) == 1
    )


def test_member_a_cannot_read_or_change_member_b(api, sign_in):
    a = sign_in("member@example.org")
    assert api.http.get("/api/members/demo-member2", headers=a.headers).status_code == 403
    assert api.http.get("/api/members", headers=a.headers).status_code == 403
    assert (
        api.http.put(
            "/api/members/demo-member2/roles", body=json.dumps({"grants": []}), headers=a.headers
        ).status_code
        == 403
    )
    assert body(api.http.get("/api/me", headers=a.headers))["id"] == "demo-member"


def test_a_transfer_request_is_recorded_as_pending(api, sign_in):
    me = sign_in("member@example.org")
    response = post(
        api, "/api/me/transfer-requests", {"workplace_id": "tampere-port", "reason": "moved"}, me.headers
    )
    assert response.status_code == 202
    pending = body(api.http.get("/api/me", headers=me.headers))["pending_requests"]
    assert pending[0]["details"]["branch_id"] == "tampere" and pending[0]["status"] == "pending"
    wrong = post(api, "/api/me/transfer-requests", {"branch_id": "oulu"}, me.headers)
    assert wrong.status_code == 400 and body(wrong)["error"]["fields"][0]["path"] == "branch_id"


def test_retirement_changes_the_category_with_history(api, sign_in):
    me = sign_in("member@example.org")
    response = post(api, "/api/me/retirement", {"retirement_date": "2027-02-01"}, me.headers)
    assert response.status_code == 200
    profile = body(response)
    assert profile["category"] == "retired"
    assert profile["status_history"][-1]["reason"] == "retirement from 2027-02-01"
    assert post(api, "/api/me/retirement", {"retirement_date": "2027-02-30"}, me.headers).status_code == 400


def test_resignation_shows_what_is_lost_and_needs_confirmation(api, sign_in):
    me = sign_in("member@example.org")
    terms = body(api.http.get("/api/me/resignation", headers=me.headers))
    assert {"code": "strike_allowance"} in terms["consequences"]
    refused = post(api, "/api/me/resignation", {"confirm": False}, me.headers)
    assert refused.status_code == 400 and body(refused)["error"]["fields"][0]["path"] == "confirm"
    done = post(api, "/api/me/resignation", {"confirm": True, "reason": "moving abroad"}, me.headers)
    assert done.status_code == 200 and body(done)["status"] == "resigned"
    again = post(api, "/api/me/resignation", {"confirm": True}, me.headers)
    assert again.status_code == 409


def test_the_export_holds_all_own_data_and_no_secrets(api, sign_in):
    me = sign_in("member@example.org")
    patch(api, me, {"city": "Helsinki"})
    export = api.http.get("/api/me/export", headers=me.headers)
    assert export.status_code == 200
    data = body(export)
    assert data["member"]["email"] == "member@example.org"
    assert any(e["action"] == "member.details_changed" for e in data["audit"])
    dumped = json.dumps(data)
    assert "refresh_digest" not in dumped and "demo-member2" not in dumped


def test_a_resigning_officer_loses_the_powers_of_the_role_at_once(api, sign_in):
    officer = sign_in("officer@example.org")
    assert api.http.get("/api/applications?status=pending", headers=officer.headers).status_code == 200
    done = post(api, "/api/me/resignation", {"confirm": True}, officer.headers)
    assert done.status_code == 200 and body(done)["grants"] == []
    assert api.http.get("/api/applications?status=pending", headers=officer.headers).status_code == 401
    again = sign_in("officer@example.org")
    assert body(api.http.get("/api/me", headers=again.headers))["status"] == "resigned"
    assert api.http.get("/api/applications?status=pending", headers=again.headers).status_code == 403
    assert api.http.get("/api/me/export", headers=again.headers).status_code == 200
