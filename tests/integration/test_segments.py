"""Saved segments: organizers name a rule once; changes are audited and guarded by a revision."""

from __future__ import annotations

import json

import pytest

from tests.integration.conftest import body, post

pytestmark = pytest.mark.integration


def test_an_organizer_saves_and_changes_a_segment_and_the_audit_log_says_so(api, sign_in):
    organizer = sign_in("organizer@example.org")
    rule = {
        "branch_ids": ["helsinki"],
        "categories": ["student", "working"],
        "member_since_until": "2025-12-31",
    }
    created = post(api, "/api/segments", {"name": "Helsinki workers", "rule": rule}, organizer.headers)
    assert created.status_code == 201, created.body
    segment = body(created)
    assert segment["rule"]["statuses"] == ["active"], "an unspecified status means active members"

    changed = api.http.patch(
        f"/api/segments/{segment['id']}",
        body=json.dumps({"rule": {"branch_ids": ["tampere"]}}),
        headers=organizer.headers,
    )
    assert changed.status_code == 200, changed.body
    assert body(changed)["rule"]["branch_ids"] == ["tampere"] and body(changed)["revision"] == 1

    listed = body(api.http.get("/api/segments", headers=organizer.headers))["items"]
    assert [s["name"] for s in listed] == ["Helsinki workers"]
    from chalicelib import bootstrap

    actions = [e.action for e in bootstrap.container().store.audit.about(f"segment:{segment['id']}")]
    assert actions == ["segment.created", "segment.changed"]


def test_bad_segments_are_refused_naming_each_field(api, sign_in):
    organizer = sign_in("organizer@example.org")
    response = post(
        api,
        "/api/segments",
        {"name": "", "rule": {"branch_ids": ["atlantis"], "categories": ["astronaut"]}},
        organizer.headers,
    )
    assert response.status_code == 400
    paths = sorted(f["path"] for f in body(response)["error"]["fields"])
    assert paths == ["name", "rule.categories.0"]
    unknown = post(
        api, "/api/segments", {"name": "x", "rule": {"branch_ids": ["atlantis"]}}, organizer.headers
    )
    assert unknown.status_code == 400
    assert body(unknown)["error"]["fields"] == [
        {"path": "rule.branch_ids", "message": "no branch has the id atlantis"}
    ]


def test_a_member_may_not_see_or_make_segments(api, sign_in):
    member = sign_in("member@example.org")
    assert api.http.get("/api/segments", headers=member.headers).status_code == 403
    assert post(api, "/api/segments", {"name": "mine"}, member.headers).status_code == 403
    officer = sign_in("officer@example.org")
    assert api.http.get("/api/segments", headers=officer.headers).status_code == 200
    assert post(api, "/api/segments", {"name": "theirs"}, officer.headers).status_code == 403


def test_an_event_for_a_saved_segment_is_open_only_to_its_members(api, sign_in):
    from tests.integration.events_support import call, created, headers_for

    organizer = sign_in("organizer@example.org")
    segment = body(
        post(
            api, "/api/segments", {"name": "Tampere", "rule": {"branch_ids": ["tampere"]}}, organizer.headers
        )
    )
    event = created(api, organizer.headers, audience={"segment_id": segment["id"]})
    assert event["audience"]["segment_id"] == segment["id"]
    assert event["audience"]["segment_rule"]["branch_ids"] == ["tampere"]

    helsinki, tampere = headers_for("demo-member"), headers_for("demo-member2")
    refused = call(api, "POST", f"/api/events/{event['id']}/registrations", helsinki, {"answers": {}})
    assert refused.status_code == 403
    accepted = call(api, "POST", f"/api/events/{event['id']}/registrations", tampere, {"answers": {}})
    assert accepted.status_code == 201, accepted.body
    assert event["id"] not in [e["id"] for e in body(api.http.get("/api/events", headers=helsinki))["items"]]

    unknown = call(
        api,
        "POST",
        "/api/events",
        organizer.headers,
        {**_event_fields(), "audience": {"segment_id": "no-such-segment"}},
    )
    assert unknown.status_code == 400
    assert body(unknown)["error"]["fields"][0]["path"] == "audience.segment_id"


def _event_fields() -> dict:
    from tests.integration.events_support import event_body

    return event_body()
