"""API errors in the member's language: Accept-Language chosen at the edge, the domain stays English."""

from __future__ import annotations

import gettext

import pytest

from chalicelib.api.http_errors import error_response
from chalicelib.api.language import _translate, preferred_language
from chalicelib.api.routing import Call, validate
from chalicelib.domain.details import check_details
from chalicelib.domain.errors import FieldProblem, InvalidInput, Msg, NotAuthenticated, NotFound
from chalicelib.schemas import schema


@pytest.mark.parametrize(
    ("header", "language"),
    [
        (None, "en"),
        ("", "en"),
        ("fi", "fi"),
        ("sv-FI", "sv"),
        ("FI-fi", "fi"),
        ("fi-FI,fi;q=0.9,en-US;q=0.8,en;q=0.7", "fi"),
        ("en;q=0.9, sv", "sv"),
        ("fi;q=0.3, sv;q=0.7", "sv"),
        ("de-DE, nb;q=0.9, sv;q=0.5", "sv"),
        ("sv, fi", "sv"),  # a tie goes to the first listed
        ("fi;q=0, en;q=0.1", "en"),
        ("fi;q=0", "en"),
        ("de, nb, *", "en"),
        ("sv;q=high, fi;q=0.1", "fi"),
        ("sv;q=1.5", "en"),
        (" fi ; Q=0.5 , sv ; q=0.4 ", "fi"),
    ],
)
def test_the_language_follows_accept_language(header, language):
    assert preferred_language(header) == language


def test_a_view_reads_the_language_of_its_call():
    call = Call(None, {}, {}, {}, {"accept-language": "sv-SE, en;q=0.5"}, b"")
    assert call.language == "sv"


def bad_details(changes: dict) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        validate(schema("member_details_patch"), changes)
        check_details(changes)
    return caught.value


def test_an_invalid_patch_of_my_details_answers_in_finnish():
    error = bad_details({"phone": "040", "iban": "FI00", "postal_code": "1"})
    response = error_response(error, preferred_language("fi-FI,fi;q=0.9,en;q=0.8"))
    assert response.headers["Content-Language"] == "fi"
    assert response.body["error"] == {
        "code": "invalid_input",
        "message": "virheellisiä tietoja: 3",
        "fields": [
            {"path": "phone", "message": "on oltava kansainvälisessä muodossa: alkuun + ja maatunnus"},
            {"path": "iban", "message": "ei ole kelvollinen IBAN (tarkista numerot)"},
            {"path": "postal_code", "message": "on oltava viisi numeroa, esim. 00100"},
        ],
    }


def test_schema_problems_answer_in_swedish():
    error = bad_details({"nickname": "x", "language": "de", "first_name": "", "city": 5})
    body = error_response(error, "sv").body["error"]
    assert body["message"] == "begäran innehåller ogiltiga fält: 4"
    assert {f["path"]: f["message"] for f in body["fields"]} == {
        "city": "måste vara text",
        "first_name": "måste fyllas i",
        "language": "måste vara ett av följande: fi, sv, en",
        "nickname": "är inte ett känt fält",
    }


def test_english_is_the_domains_own_text():
    error = bad_details({"iban": "FI00"})
    response = error_response(error)
    assert response.headers["Content-Language"] == "en"
    assert response.body["error"]["message"] == error.message == "1 detail(s) are not valid"
    assert response.body["error"]["fields"] == [
        {"path": "iban", "message": "is not a valid IBAN (check the digits)"}
    ]


def test_values_are_filled_in_after_translation():
    problem = FieldProblem("email", Msg("appears already on row {row}", row=7))
    error = InvalidInput(Msg("row {row} is not valid", row=9), [problem])
    assert (error.message, problem.message) == ("row 9 is not valid", "appears already on row 7")
    body = error_response(error, "sv").body["error"]
    assert (body["message"], body["fields"][0]["message"]) == ("rad 9 är inte giltig", "finns redan på rad 7")


def test_a_message_of_one_field_translates_both_parts():
    error = InvalidInput.on("retirement_date", "is not a real date")
    assert error.message == "retirement_date: is not a real date"
    body = error_response(error, "fi").body["error"]
    assert body["message"] == "retirement_date: ei ole kelvollinen päivämäärä"
    assert body["fields"] == [{"path": "retirement_date", "message": "ei ole kelvollinen päivämäärä"}]


def test_the_sign_in_challenge_stays_with_a_translated_message():
    response = error_response(NotAuthenticated("sign in first"), "sv")
    assert response.status_code == 401 and response.headers["WWW-Authenticate"] == "Bearer"
    assert response.body["error"]["message"] == "logga in först"


def test_a_message_the_catalog_lacks_stays_english():
    assert error_response(NotFound("no such thing yet"), "fi").body["error"]["message"] == "no such thing yet"


def test_a_translation_with_broken_placeholders_falls_back_to_english():
    class Broken(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "rivi {rivi}"

    assert _translate(Msg("row {row} is not valid", row=2), Broken()) == "row 2 is not valid"


@pytest.mark.parametrize(
    ("schema_", "instance", "message"),
    [
        ({"type": "string"}, 5, "must be text"),
        ({"type": ["integer", "null"]}, "x", "must be a whole number"),
        ({"type": "boolean"}, "x", "must be true or false"),
        ({"enum": ["working", "retired"]}, "boss", "must be one of working, retired"),
        ({"maxLength": 3}, "abcd", "must be at most 3 character(s) long"),
        ({"minLength": 1}, "", "must not be empty"),
        ({"minLength": 3}, "ab", "must be at least 3 character(s) long"),
        ({"pattern": "^[0-9]+$"}, "x", "is not in the expected form"),
        ({"type": "object", "minProperties": 1}, {}, "must have at least 1 field(s)"),
        ({"type": "array", "maxItems": 1}, [1, 2], "must have at most 1 item(s)"),
        ({"const": 1}, 2, "is not valid"),
    ],
)
def test_schema_keywords_without_an_x_message_get_a_message_of_their_own(schema_, instance, message):
    wrapped = {"type": "object", "properties": {"field": schema_}}
    with pytest.raises(InvalidInput) as caught:
        validate(wrapped, {"field": instance})
    assert [(f.path, f.message) for f in caught.value.fields] == [("field", message)]
    assert error_response(caught.value, "fi").body["error"]["fields"][0]["message"] != message
