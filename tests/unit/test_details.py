import pytest

from chalicelib.domain.details import check_details
from chalicelib.domain.errors import InvalidInput


def test_details_are_normalised():
    out = check_details(
        {
            "email": " Anna@Example.ORG ",
            "phone": "+358 40 123 4567",
            "iban": "fi21 1234 5600 0007 85",
            "postal_code": "00100",
        }
    )
    assert out == {
        "email": "anna@example.org",
        "phone": "+358401234567",
        "iban": "FI2112345600000785",
        "postal_code": "00100",
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-address", "is not a valid e-mail address"),
        ("phone", "0401234567", "must be in international form, starting with + and the country code"),
        ("phone", "+35840", "is not a valid phone number"),
        ("iban", "FI2112345600000786", "is not a valid IBAN (check the digits)"),
        ("postal_code", "1234", "must be five digits, e.g. 00100"),
        ("language", "de", "must be one of fi, sv, en"),
        ("first_name", "   ", "must not be empty"),
    ],
)
def test_each_bad_detail_is_named_with_why(field, value, message):
    with pytest.raises(InvalidInput) as caught:
        check_details({field: value})
    assert [(f.path, f.message) for f in caught.value.fields] == [(field, message)]


def test_every_bad_field_is_reported_at_once():
    with pytest.raises(InvalidInput) as caught:
        check_details({"email": "x", "iban": "FI00", "phone": "1"})
    assert {f.path for f in caught.value.fields} == {"email", "iban", "phone"}


def test_postal_codes_follow_the_country():
    assert check_details({"postal_code": "113 51", "country": "SE"})["postal_code"] == "113 51"
    with pytest.raises(InvalidInput):
        check_details({"postal_code": "11351X", "country": "SE"})


def test_optional_details_can_be_cleared():
    assert check_details({"phone": None, "iban": ""}) == {"phone": None, "iban": None}
