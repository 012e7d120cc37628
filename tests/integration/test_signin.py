"""Sign-in by mailed code against DynamoDB Local: limits, single use, revocation."""

from __future__ import annotations

import pytest

from chalicelib.domain import signin
from tests.integration.conftest import JSON, body, post

pytestmark = pytest.mark.integration


def test_a_member_signs_in_with_the_mailed_code(api, mailbox, union, sign_in):
    session = sign_in("member@example.org")
    assert session.tokens["token_type"] == "Bearer" and session.tokens["expires_in"] == 900
    me = api.http.get("/api/me", headers=session.headers)
    assert me.status_code == 200 and body(me)["email"] == "member@example.org"
    mail = mailbox.messages("member@example.org")[0]
    assert mail["subject"].startswith("Kirjautumiskoodisi")  # the member's language is Finnish


def test_the_code_request_answers_alike_for_unknown_addresses(api, mailbox, union):
    known = post(api, "/api/auth/code", {"email": "member@example.org"})
    unknown = post(api, "/api/auth/code", {"email": "nobody@example.org"})
    assert (known.status_code, body(known)) == (unknown.status_code, body(unknown)) == (202, body(known))
    mailbox.wait_for("member@example.org")
    assert mailbox.messages("nobody@example.org") == []


def test_a_bad_address_is_named(api, union):
    response = post(api, "/api/auth/code", {"email": "not an address"})
    assert response.status_code == 400
    assert body(response)["error"]["fields"] == [
        {"path": "email", "message": "is not a valid e-mail address"}
    ]


def test_a_code_works_once(api, mailbox, union):
    post(api, "/api/auth/code", {"email": "member@example.org"})
    code = mailbox.wait_for_code("member@example.org")
    assert post(api, "/api/auth/token", {"email": "member@example.org", "code": code}).status_code == 200
    again = post(api, "/api/auth/token", {"email": "member@example.org", "code": code})
    assert again.status_code == 401


def test_five_wrong_attempts_use_the_code_up(api, mailbox, union):
    post(api, "/api/auth/code", {"email": "member@example.org"})
    code = mailbox.wait_for_code("member@example.org")
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(signin.MAX_ATTEMPTS):
        assert post(api, "/api/auth/token", {"email": "member@example.org", "code": wrong}).status_code == 401
    assert post(api, "/api/auth/token", {"email": "member@example.org", "code": code}).status_code == 401


def test_code_requests_are_limited_per_address(api, mailbox, union):
    for _ in range(signin.REQUESTS_PER_WINDOW):
        assert post(api, "/api/auth/code", {"email": "member2@example.org"}).status_code == 202
    limited = post(api, "/api/auth/code", {"email": "member2@example.org"})
    assert limited.status_code == 429
    assert post(api, "/api/auth/code", {"email": "MEMBER2@example.org"}).status_code == 429
    assert post(api, "/api/auth/code", {"email": "member@example.org"}).status_code == 202


def test_an_expired_code_is_refused(api, mailbox, union, monkeypatch):
    post(api, "/api/auth/code", {"email": "member@example.org"})
    code = mailbox.wait_for_code("member@example.org")
    later = signin.CODE_TTL_SECONDS + 1
    import chalicelib.services.auth as auth

    real_now = auth.now_seconds
    monkeypatch.setattr(auth, "now_seconds", lambda: real_now() + later)
    assert post(api, "/api/auth/token", {"email": "member@example.org", "code": code}).status_code == 401


def test_codes_are_stored_hashed(api, mailbox, union, dynamodb_client, app_env):
    post(api, "/api/auth/code", {"email": "member@example.org"})
    code = mailbox.wait_for_code("member@example.org")
    items = dynamodb_client.scan(TableName=app_env["TABLE_NAME"])["Items"]
    dumped = repr(items)
    assert code not in dumped
    assert "SIGNIN#" in dumped and "member@example.org" not in repr(
        [i for i in items if "SIGNIN#" in i["pk"]["S"]]
    )


def test_refresh_rotates_and_a_reused_refresh_token_ends_the_session(api, sign_in):
    session = sign_in("member@example.org")
    first = post(api, "/api/auth/refresh", {"refresh_token": session.tokens["refresh_token"]})
    assert first.status_code == 200
    reused = post(api, "/api/auth/refresh", {"refresh_token": session.tokens["refresh_token"]})
    assert reused.status_code == 401
    rotated = post(api, "/api/auth/refresh", {"refresh_token": body(first)["refresh_token"]})
    assert rotated.status_code == 401, "a leaked token's session is closed for good"


def test_sign_out_revokes_the_access_token(api, sign_in):
    session = sign_in("member@example.org")
    assert post(api, "/api/auth/signout", {}, session.headers).status_code == 200
    assert api.http.get("/api/me", headers=session.headers).status_code == 401


def test_a_role_change_revokes_the_members_tokens(api, sign_in):
    admin = sign_in("admin@example.org")
    member = sign_in("member@example.org")
    grants = {"grants": [{"role": "shop_steward", "workplace_ids": ["helsinki-mill"]}]}
    changed = api.http.put(
        "/api/members/demo-member/roles", body=__import__("json").dumps(grants), headers=admin.headers
    )
    assert changed.status_code == 200, changed.body
    assert api.http.get("/api/me", headers=member.headers).status_code == 401
    again = sign_in("member@example.org")
    assert "shop_steward" in body(api.http.get("/api/me", headers=again.headers))["roles"]


def test_requests_without_a_token_are_refused(api, union):
    response = api.http.get("/api/me", headers=JSON)
    assert response.status_code == 401 and body(response)["error"]["code"] == "not_authenticated"
    assert api.http.get("/api/me", headers={**JSON, "authorization": "Bearer x.y.z"}).status_code == 401


def test_known_and_unknown_addresses_answer_after_the_same_floor(api, mailbox, union, app_env):
    import time

    from chalicelib import bootstrap

    floor = bootstrap.container().settings.signin_answer_floor_seconds
    assert floor >= 0.2
    for email in ("member@example.org", "nobody@example.org"):
        started = time.monotonic()
        assert post(api, "/api/auth/code", {"email": email}).status_code == 202
        assert time.monotonic() - started >= floor
