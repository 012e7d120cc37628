"""Staff see the register within their scope: branch officers their branch, stewards their workplaces."""

from __future__ import annotations

import pytest

from tests.integration.conftest import body

pytestmark = pytest.mark.integration


def listing(api, session, query=""):
    response = api.http.get(f"/api/members{query}", headers=session.headers)
    assert response.status_code == 200, response.body
    return body(response)


def all_pages(api, session, query="?limit=7"):
    page, found = listing(api, session, query), []
    found += page["items"]
    while page["next"]:
        page = listing(api, session, f"{query}&cursor={page['next']}")
        found += page["items"]
    return found


def test_a_branch_officer_sees_only_own_branch(api, sign_in):
    officer = sign_in("officer@example.org")
    members = all_pages(api, officer)
    assert members and {m["branch_id"] for m in members} == {"helsinki"}
    assert len({m["id"] for m in members}) == len(members)
    assert listing(api, officer, "?branch_id=tampere")["items"] == []
    assert listing(api, officer, "?q=member2@example.org")["items"] == [], "an address outside the scope"
    assert api.http.get("/api/members/demo-member2", headers=officer.headers).status_code == 404


def test_a_shop_steward_sees_only_own_workplace(api, sign_in):
    steward = sign_in("steward@example.org")
    members = all_pages(api, steward)
    assert members and {m["workplace_id"] for m in members} == {"helsinki-mill"}
    assert listing(api, steward, "?workplace_id=helsinki-care")["items"] == []
    assert api.http.get("/api/members/demo-officer", headers=steward.headers).status_code == 404
    assert api.http.get("/api/members/demo-member", headers=steward.headers).status_code == 200


def test_an_admin_pages_through_the_whole_union_without_repeats(api, sign_in, union):
    admin = sign_in("admin@example.org")
    members = all_pages(api, admin)
    assert sorted(m["email"] for m in members) == sorted(union)


def test_search_and_filters_narrow_the_list(api, sign_in):
    admin = sign_in("admin@example.org")
    found = listing(api, admin, "?q=Offi")["items"]
    assert [m["email"] for m in found] == ["officer@example.org"]
    by_address = listing(api, admin, "?q=Member2@Example.org")["items"]
    assert [m["id"] for m in by_address] == ["demo-member2"]
    retired = listing(api, admin, "?category=retired&limit=200")["items"]
    assert retired and all(m["category"] == "retired" for m in retired)


def test_bad_query_values_are_named(api, sign_in):
    admin = sign_in("admin@example.org")
    for query, field in (("?limit=0", "limit"), ("?status=boss", "status"), ("?cursor=zzz", "cursor")):
        response = api.http.get(f"/api/members{query}", headers=admin.headers)
        assert response.status_code == 400
        assert body(response)["error"]["fields"][0]["path"] == field


def test_plain_members_and_organizers_cannot_list(api, sign_in):
    for email in ("member@example.org", "organizer@example.org"):
        assert api.http.get("/api/members", headers=sign_in(email).headers).status_code == 403


def forged(position, start_key):
    import base64
    import json

    raw = json.dumps({"p": position, "k": start_key}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_a_forged_cursor_is_refused_not_followed(api, sign_in):
    officer = sign_in("officer@example.org")
    other_branch = {
        "pk": {"S": "MEMBER#demo-member2"},
        "sk": {"S": "PROFILE"},
        "gsi1pk": {"S": "BRANCH#tampere"},
        "gsi1sk": {"S": "member#mikko#demo-member2"},
    }
    for cursor in (forged(0, other_branch), forged(5, None), forged(0, {"pk": "x"}), forged(0, [1, 2])):
        response = api.http.get(f"/api/members?cursor={cursor}", headers=officer.headers)
        assert response.status_code == 400, response.body
        assert body(response)["error"]["fields"][0]["path"] == "cursor"
