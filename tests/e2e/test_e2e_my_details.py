"""A member signs in with the mailed code, keeps own details current, and changes the language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import Portal

pytestmark = pytest.mark.e2e

MEMBER = "member@example.org"  # Maria Member, Helsinki; her saved language is Finnish
PHONE = "+358401234567"
POSTAL_CODE = "00530"
IBAN = "FI21 1234 5600 0007 85"
IBAN_COMPACT = "FI2112345600000785"
BAD_IBAN = "FI21 1234 5600 0007 86"  # one digit off: the check digits fail
TITLES = {"fi": "Omat tiedot", "sv": "Mina uppgifter", "en": "My details"}
SAVE_LABELS = {"fi": "Tallenna tiedot", "sv": "Spara uppgifterna", "en": "Save details"}


def field_value(page: Page, name: str) -> str:
    return page.locator(f"form input[name={name}]").input_value()


def test_a_member_edits_own_details_and_switches_language(portal: Portal) -> None:
    page = portal.new_page(locale="en-GB")
    portal.sign_in(page, MEMBER)
    # The browser had no stored language: after signing in the UI follows her saved one.
    expect(page.locator("h1")).to_have_text(TITLES["fi"])
    expect(page.locator("html")).to_have_attribute("lang", "fi")
    expect(page.locator("input[name=email]")).to_have_value(MEMBER)

    page.fill("input[name=phone]", PHONE)
    page.fill("input[name=postal_code]", POSTAL_CODE)
    page.fill("input[name=iban]", IBAN)
    page.get_by_test_id("save-details").click()
    expect(page.get_by_test_id("notice-details")).to_have_attribute("role", "status")

    page.reload()
    expect(page.locator("h1")).to_have_text(TITLES["fi"])
    expect(page.locator("input[name=phone]")).to_have_value(PHONE)
    expect(page.locator("input[name=postal_code]")).to_have_value(POSTAL_CODE)
    expect(page.locator("input[name=iban]")).to_have_value(IBAN_COMPACT)

    # A wrong IBAN: the error sits right after that field, tied to it, and nothing is saved.
    page.fill("input[name=iban]", BAD_IBAN)
    page.get_by_test_id("save-details").click()
    error = page.get_by_test_id("error-iban")
    expect(error).to_be_visible()
    expect(error).to_contain_text("IBAN")
    iban_field = page.locator(".field", has=page.locator("input[name=iban]"))
    expect(iban_field.get_by_test_id("error-iban")).to_be_visible()
    iban_input = page.locator("input[name=iban]")
    expect(iban_input).to_have_attribute("aria-invalid", "true")
    error_id = error.get_attribute("id")
    assert error_id and error_id in (iban_input.get_attribute("aria-describedby") or "").split()
    expect(page.get_by_test_id("error-phone")).to_have_count(0)
    page.reload()
    expect(page.locator("input[name=iban]")).to_have_value(IBAN_COMPACT)
    expect(page.get_by_test_id("error-iban")).to_have_count(0)

    # Languages: the page's own words change, the member's data does not.
    for lang in ("sv", "en", "fi"):
        page.get_by_test_id("language").select_option(lang)
        expect(page.locator("h1")).to_have_text(TITLES[lang])
        expect(page.get_by_test_id("save-details")).to_have_text(SAVE_LABELS[lang])
        expect(page.locator("html")).to_have_attribute("lang", lang)
        expect(page.locator("input[name=phone]")).to_have_value(PHONE)
    page.get_by_test_id("language").select_option("sv")
    expect(page.locator("h1")).to_have_text(TITLES["sv"])
    page.reload()  # the choice is remembered
    expect(page.locator("h1")).to_have_text(TITLES["sv"])
    expect(page.get_by_test_id("language")).to_have_value("sv")
    portal.screenshot(page, "a-my-details-sv")
