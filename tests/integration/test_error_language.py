"""Errors answer in the language the client asks for (Accept-Language), English by default."""

from __future__ import annotations

import base64
import json

import pytest

from tests.integration.conftest import body, post

pytestmark = pytest.mark.integration

BAD_DETAILS = {"phone": "040", "iban": "FI00", "postal_code": "1", "city": "Espoo"}


def patch_me(api, session, changes, language=None):
    headers = {**session.headers, **({"accept-language": language} if language else {})}
    return api.http.patch("/api/me", body=json.dumps(changes), headers=headers)


def test_an_invalid_patch_of_my_details_answers_in_finnish(api, sign_in):
    me = sign_in("member@example.org")
    response = patch_me(api, me, BAD_DETAILS, "fi-FI,fi;q=0.9,en;q=0.8")
    assert response.status_code == 400
    assert response.headers["Content-Language"] == "fi"
    error = body(response)["error"]
    assert error["message"] == "virheellisiä tietoja: 3"
    assert {f["path"]: f["message"] for f in error["fields"]} == {
        "phone": "on oltava kansainvälisessä muodossa: alkuun + ja maatunnus",
        "iban": "ei ole kelvollinen IBAN (tarkista numerot)",
        "postal_code": "on oltava viisi numeroa, esim. 00100",
    }


def test_schema_problems_answer_in_swedish(api, sign_in):
    me = sign_in("member@example.org")
    response = patch_me(api, me, {"status": "active", "language": "de"}, "en;q=0.5, sv")
    assert response.status_code == 400 and response.headers["Content-Language"] == "sv"
    assert body(response)["error"] == {
        "code": "invalid_input",
        "message": "begäran innehåller ogiltiga fält: 2",
        "fields": [
            {"path": "language", "message": "måste vara ett av följande: fi, sv, en"},
            {"path": "status", "message": "är inte ett känt fält"},
        ],
    }


def test_without_a_known_language_errors_stay_english(api, sign_in):
    me = sign_in("member@example.org")
    for language in (None, "de-DE, nb;q=0.9"):
        response = patch_me(api, me, {"iban": "FI00"}, language)
        assert response.headers["Content-Language"] == "en"
        assert body(response)["error"]["fields"] == [
            {"path": "iban", "message": "is not a valid IBAN (check the digits)"}
        ]


def test_a_refusal_before_sign_in_is_translated_too(api, union):
    response = api.http.get("/api/me", headers={"accept-language": "sv"})
    assert response.status_code == 401
    assert body(response)["error"]["message"] == "logga in först: detta kräver en åtkomsttoken"


def test_the_import_report_gives_its_reasons_in_the_admins_language(api, sign_in):
    admin = sign_in("admin@example.org")
    rows = ["email;first_name;last_name;branch_id;category;status;member_since"] + [
        "twice@example.org;Aino;Aalto;helsinki;working;active;2011-04-01"
    ] * 2
    content = base64.b64encode(("\n".join(rows) + "\n").encode()).decode()
    payload = {"filename": "register.csv", "content_base64": content, "dry_run": True}
    response = post(api, "/api/admin/imports", payload, {**admin.headers, "accept-language": "fi"})
    assert response.status_code == 200, response.body
    assert body(response)["rejected"] == [
        {"row": 3, "fields": [{"path": "email", "message": "on jo rivillä 2"}]}
    ]
