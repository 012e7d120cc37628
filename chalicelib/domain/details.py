"""Checks of the contact and payment details a member keeps current: e-mail, phone, address, IBAN."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from chalicelib.domain.errors import FieldProblem, InvalidInput, Msg
from chalicelib.domain.members import Language

POSTAL_CODE_PATTERNS = {
    "FI": (re.compile(r"^\d{5}$"), Msg("must be five digits, e.g. 00100")),
    "SE": (re.compile(r"^\d{3} ?\d{2}$"), Msg("must be five digits, e.g. 113 51")),
    "AX": (re.compile(r"^22\d{3}$"), Msg("must be five digits starting with 22")),
    "NO": (re.compile(r"^\d{4}$"), Msg("must be four digits")),
    "DK": (re.compile(r"^\d{4}$"), Msg("must be four digits")),
    "EE": (re.compile(r"^\d{5}$"), Msg("must be five digits")),
}
_ANY_POSTAL_CODE = (re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$"), Msg("is not a postal code"))


DEFAULT_COUNTRY = "FI"


class DetailError(ValueError):
    pass


# The checking libraries are imported on first use: together they cost a tenth of a second of
# every cold start, and most requests check no details at all.


def normalise_email(value: str) -> str:
    from email_validator import EmailNotValidError, validate_email

    try:
        checked = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise DetailError("is not a valid e-mail address") from exc
    return checked.normalized.lower()


def normalise_phone(value: str) -> str:
    if not value.startswith("+"):
        raise DetailError("must be in international form, starting with + and the country code")
    import phonenumbers

    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException as exc:
        raise DetailError("is not a phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise DetailError("is not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_iban(value: str) -> str:
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    try:
        return IBAN(value).compact
    except SchwiftyException as exc:
        raise DetailError("is not a valid IBAN (check the digits)") from exc


def normalise_postal_code(value: str, country: str) -> str:
    pattern, message = POSTAL_CODE_PATTERNS.get(country, _ANY_POSTAL_CODE)
    value = value.strip()
    if not pattern.match(value):
        raise DetailError(message)
    return value


def normalise_name(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise DetailError("must not be empty")
    return value


def normalise_language(value: str) -> str:
    try:
        return Language(value).value
    except ValueError as exc:
        raise DetailError("must be one of fi, sv, en") from exc


def _optional(check: Callable[[str], str]) -> Callable[[str | None], str | None]:
    def run(value: str | None) -> str | None:
        return None if value is None or value == "" else check(value)

    return run


def _country(value: str | None) -> str:
    if value is None:
        return DEFAULT_COUNTRY
    if not re.fullmatch(r"[A-Za-z]{2}", value.strip()):
        raise DetailError("must be a two-letter country code, e.g. FI")
    return value.strip().upper()


CHECKS: dict[str, Callable] = {
    "email": normalise_email,
    "first_name": normalise_name,
    "last_name": normalise_name,
    "phone": _optional(normalise_phone),
    "iban": _optional(normalise_iban),
    "street_address": _optional(normalise_name),
    "city": _optional(normalise_name),
    "country": _country,
    "language": normalise_language,
}


def check_details(changes: Mapping[str, object], country: str = "FI") -> dict[str, object]:
    """Normalise every given detail; raises InvalidInput naming each bad field and why."""
    out: dict[str, object] = {}
    problems: list[FieldProblem] = []
    for name, value in changes.items():
        try:
            out[name] = _check_one(name, value, changes.get("country") or country)
        except DetailError as exc:
            problems.append(FieldProblem(name, str(exc)))
    if problems:
        raise InvalidInput(Msg("{count} detail(s) are not valid", count=len(problems)), problems)
    return out


def _check_one(name: str, value: object, country: object) -> object:
    if name == "postal_code":
        if value in (None, ""):
            return None
        return normalise_postal_code(str(value), str(country).upper())
    check = CHECKS.get(name)
    return check(value) if check else value
