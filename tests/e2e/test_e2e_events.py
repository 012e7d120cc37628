"""Events and trainings in a browser: an organizer builds an event with questions and a training
that needs approval; a member registers with answers and enrols; the organizer exports the
participants (the member's answer is in the CSV); the branch officer approves the enrolment; the
organizer marks the training completed; the member downloads the certificate PDF.

The role accounts' saved language is Finnish, so their pages are in Finnish; the steps go by
names and test ids, not by texts."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Locator, Page, ViewportSize, expect

from tests.e2e.conftest import Portal

pytestmark = pytest.mark.e2e

ORGANIZER = "organizer@example.org"
MEMBER = "member@example.org"  # demo-member, of the Helsinki branch
MEMBER_ID = "demo-member"
OFFICER = "officer@example.org"  # branch officer of Helsinki
DIET = "Gluteeniton, ei sieniä"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
ID_IN_PATH = re.compile(r"/(?:events|trainings)/([^/?#]+)$")


def wall_time(days_ahead: int, hour: int) -> str:
    """A datetime-local value in Helsinki, `days_ahead` days from now."""
    day = datetime.now(ZoneInfo("Europe/Helsinki")) + timedelta(days=days_ahead)
    return day.replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def saved_id(page: Page) -> str:
    """After saving, the form goes to the new event's page: its id is in the address."""
    expect(page.get_by_test_id("event-detail")).to_be_visible()
    match = ID_IN_PATH.search(page.url)
    assert match, page.url
    return match.group(1)


def create_event(portal: Portal, page: Page) -> str:
    page.goto("/events/new")
    page.fill("input[name='title.fi']", "Jäsenten kesäjuhla")
    page.fill("input[name='title.en']", "Members' summer party")
    page.fill("input[name=starts_at]", wall_time(14, 17))
    page.fill("input[name=ends_at]", wall_time(14, 21))
    page.fill("input[name=place]", "Hakaniemi union house")
    page.fill("input[name=capacity]", "30")
    page.get_by_test_id("add-question").click()
    page.fill("input[name='questions.0.title.fi']", "Erityisruokavalio")
    page.fill("input[name='questions.0.title.en']", "Special diet")
    page.fill("input[name='questions.0.key']", "diet")
    page.check("input[name='questions.0.required']")
    page.get_by_test_id("add-question").click()
    page.select_option("select[name='questions.1.type']", "choice")
    page.fill("input[name='questions.1.title.en']", "T-shirt size")
    page.fill("input[name='questions.1.key']", "shirt")
    for i, size in enumerate(["S", "M", "L"]):
        if i >= 2:
            page.get_by_test_id("add-option-1").click()
        page.fill(f"input[name='questions.1.options.{i}']", size)
    portal.screenshot(page, "events-a-event-form")
    page.get_by_test_id("save-event").click()
    return saved_id(page)


def create_training(page: Page) -> str:
    page.goto("/trainings/new")
    page.fill("input[name='title.fi']", "Ensiapu 1")
    page.fill("input[name='title.en']", "First aid 1")
    page.fill("input[name=starts_at]", wall_time(7, 9))
    page.fill("input[name=ends_at]", wall_time(7, 16))
    page.fill("input[name=capacity]", "12")
    page.fill("input[name=hours]", "6")
    page.check("input[name=requires_approval]")
    page.get_by_test_id("save-event").click()
    return saved_id(page)


def enrolment_card(page: Page, card_id: str, timeout: float = 20.0) -> Locator:
    """The enrolment's card, refreshing as an officer would until the workflow has put it there."""
    card = page.get_by_test_id(f"enrolment-{card_id}")
    deadline = time.monotonic() + timeout
    while card.count() == 0:
        assert time.monotonic() < deadline, "the enrolment never reached the branch officer"
        page.wait_for_timeout(300)
        page.get_by_test_id("refresh-enrolments").click()
    return card


def test_registration_export_enrolment_approval_and_certificate(portal: Portal) -> None:
    organizer = portal.new_page()
    portal.sign_in(organizer, ORGANIZER, next_path="/events/new")
    event_id = create_event(portal, organizer)
    training_id = create_training(organizer)

    # A member registers for the event with answers, and enrols in the training.
    member = portal.new_page()
    portal.sign_in(member, MEMBER, next_path=f"/events/{event_id}")
    member.get_by_test_id("register").click()  # nothing answered: the form says what is missing
    expect(member.get_by_test_id("error-answers.diet")).to_be_visible()
    member.fill("input[name='answers.diet']", DIET)
    member.check("input[name='answers.shirt'][value=M]")
    member.get_by_test_id("register").click()
    expect(member.get_by_test_id("notice-registration")).to_have_attribute("role", "status")
    expect(member.get_by_test_id("my-status")).to_have_attribute("data-status", "confirmed")
    member.set_viewport_size(PHONE)
    portal.screenshot(member, "events-b-registered-phone")
    member.set_viewport_size(DESKTOP)

    member.goto(f"/trainings/{training_id}")
    member.get_by_test_id("register").click()
    expect(member.get_by_test_id("my-status")).to_have_attribute("data-status", "pending_approval")

    # The organizer exports the event's participants: the member's answer is in the file.
    organizer.goto(f"/events/{event_id}/participants")
    expect(organizer.get_by_test_id(f"answer-{MEMBER_ID}-diet")).to_have_text(DIET)
    with organizer.expect_download() as download:
        organizer.get_by_test_id("export-csv").click()
    csv_path = Path(download.value.path())
    content = csv_path.read_bytes()
    assert content.startswith(b"\xef\xbb\xbf"), content[:20]  # BOM, so that Excel reads UTF-8
    text = content.decode("utf-8-sig")
    assert DIET in text and "member@example.org" in text, text
    assert download.value.suggested_filename.endswith(".csv")
    portal.screenshot(organizer, "events-c-participants")

    # The branch officer approves the enrolment.
    officer = portal.new_page()
    portal.sign_in(officer, OFFICER, next_path="/enrolments")
    card = enrolment_card(officer, f"{training_id}-{MEMBER_ID}")
    card.get_by_test_id(f"approve-{training_id}-{MEMBER_ID}").click()
    expect(officer.get_by_test_id("notice-enrolments")).to_have_attribute("role", "status")
    expect(card).to_have_count(0)

    # The organizer sees the member confirmed and marks the training completed.
    organizer.goto(f"/trainings/{training_id}/participants")
    completed = organizer.get_by_test_id(f"completed-{MEMBER_ID}")
    completed.check()
    expect(organizer.get_by_test_id("notice-participants")).to_have_attribute("role", "status")
    expect(completed).to_be_checked()

    # Check-in at the door, on a phone.
    organizer.set_viewport_size(PHONE)
    organizer.goto(f"/events/{event_id}/checkin")
    organizer.fill("input[name=q]", "member")
    organizer.get_by_test_id(f"checkin-{MEMBER_ID}").click()
    expect(organizer.get_by_test_id(f"arrived-{MEMBER_ID}")).to_be_visible()
    portal.screenshot(organizer, "events-d-checkin-phone")

    # The member downloads the certificate: a PDF.
    member.goto("/me/certificates")
    # The demo union gave this member a certificate already: pick the one for this training.
    card = member.locator("li.card").filter(has=member.locator(f"a[href$='/trainings/{training_id}']"))
    button = card.locator("[data-testid^='download-certificate-']")
    expect(button).to_have_count(1)
    code = (button.get_attribute("data-testid") or "").removeprefix("download-certificate-")
    with member.expect_download() as download:
        button.click()
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF"), pdf[:20]
    portal.screenshot(member, "events-e-certificates")

    # Anyone may check the code, without signing in.
    stranger = portal.new_page()
    stranger.goto(f"/certificates/{code}")
    expect(stranger.get_by_test_id("certificate-genuine")).to_be_visible()
    expect(stranger.get_by_test_id("certificate-training")).to_have_text("First aid 1")
