"""Someone applies on the public join page, the Helsinki branch officer approves, the applicant is
welcomed by mail and signs in as a member."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import Portal

pytestmark = pytest.mark.e2e

OFFICER = "officer@example.org"  # Olli Officer: branch officer of "helsinki"; saved language Finnish
APPLICANT = {
    "email": "aada.hakija@example.org",
    "first_name": "Aada",
    "last_name": "Hakija",
    "phone": "+358501112233",
}
URL = re.compile(r"https?://[^\s<>\"']+")


def pending_card(page: Page, email: str, timeout: float = 20.0) -> Locator:
    """The application's card, pressing Refresh as an officer would until it is listed (the
    workflow registers the application for a decision a moment after it is submitted)."""
    card = page.locator("[data-testid^='application-']", has_text=email)
    deadline = time.monotonic() + timeout
    while card.count() == 0:
        assert time.monotonic() < deadline, f"the application of {email} never reached the officer"
        page.wait_for_timeout(300)
        page.get_by_test_id("refresh-applications").click()
    return card


def test_an_applicant_is_approved_by_the_branch_officer_and_signs_in(portal: Portal) -> None:
    applicant = portal.new_page(locale="en-GB")
    applicant.goto("/")
    applicant.get_by_test_id("nav-join").click()
    expect(applicant.locator("h1")).to_have_text("Join the union")
    for name, value in APPLICANT.items():
        applicant.fill(f"form input[name={name}]", value)
    applicant.select_option("select[name=branch_id]", "helsinki")
    applicant.select_option("select[name=workplace_id]", "helsinki-care")
    applicant.select_option("select[name=category]", "working")
    applicant.get_by_test_id("submit-application").click()
    thanks = applicant.get_by_test_id("notice-join")
    expect(thanks).to_have_attribute("role", "status")
    expect(thanks).to_contain_text("We have received your application")
    received = portal.wait_for_mail(APPLICANT["email"])
    assert "Aada" in received["text"]

    officer = portal.new_page(locale="fi-FI")
    portal.sign_in(officer, OFFICER, next_path="/applications")
    expect(officer.locator("h1")).to_have_text("Odottavat hakemukset")
    card = pending_card(officer, APPLICANT["email"])
    expect(card).to_contain_text("Aada Hakija")
    expect(card).to_contain_text("Helsingin osasto")
    expect(card).to_contain_text("Kallio care home")
    portal.screenshot(officer, "b-pending-application")
    card.locator("[data-testid^='approve-']").click()
    done = officer.get_by_test_id("notice-applications")
    expect(done).to_have_attribute("role", "status")
    expect(done).to_contain_text("Aada Hakija")
    expect(card).to_have_count(0)
    expect(officer.get_by_test_id("applications-empty")).to_be_visible()

    welcome = portal.wait_for_mail(APPLICANT["email"], count=2)
    assert welcome["subject"] == "Welcome to the union, Aada!"  # in the language she applied in
    [link] = URL.findall(welcome["text"])
    assert link.startswith(portal.url), link

    applicant.goto(link)  # she follows the link in the mail and signs in
    portal.sign_in(applicant, APPLICANT["email"])
    expect(applicant.locator("h1")).to_have_text("My details")
    expect(applicant.get_by_test_id("me-status")).to_have_text("Active")
    expect(applicant.get_by_test_id("me-branch")).to_have_text("Helsingin osasto")
    expect(applicant.locator("form input[name=first_name]")).to_have_value("Aada")
    expect(applicant.locator("form input[name=phone]")).to_have_value(APPLICANT["phone"])
    expect(applicant.get_by_test_id("nav-applications")).to_have_count(0)  # a member, not an officer
