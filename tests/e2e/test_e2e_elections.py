"""Elections in a browser: the election officer defines a ranked (Scottish STV) election in the form and
opens it; a member ranks the candidates with the keyboard alone, reviews and casts the ballot, keeps the
tracking code (a receipt made in the browser) and finds it on the public board; the officer closes
voting, approves and publishes the count; anyone, signed in or not, reads the winners.

The role accounts' saved language is Finnish, so their pages are in Finnish; the steps go by names and
test ids, not by texts."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, ViewportSize, expect

from tests.e2e.conftest import Portal

pytestmark = pytest.mark.e2e

OFFICER = "election@example.org"
MEMBER = "member@example.org"
CANDIDATES = ["Anna Aalto", "Bertil Berg", "Cecilia Cedar"]
ANNA, BERTIL, CECILIA = "anna-aalto", "bertil-berg", "cecilia-cedar"
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
MANAGE_PATH = re.compile(r"/elections/([^/?#]+)/manage$")
CODE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$")
COUNT_TIMEOUT_MS = 45_000


def wall_time(hours_ahead: float) -> str:
    """A datetime-local value in Helsinki, `hours_ahead` hours from now."""
    moment = datetime.now(ZoneInfo("Europe/Helsinki")) + timedelta(hours=hours_ahead)
    return moment.strftime("%Y-%m-%dT%H:%M")


def expect_ranking(page: Page, expected: list[str]) -> None:
    """The ranking shows these candidates in this order (waiting for the page to re-render)."""
    items = page.locator("[data-testid='ranking'] > li")
    expect(items).to_have_count(len(expected))
    for n, candidate in enumerate(expected):
        expect(items.nth(n)).to_have_attribute("data-testid", f"ranked-{candidate}")


def create_election(portal: Portal, officer: Page) -> str:
    """The form, as the officer fills it: two seats among three candidates, every active member votes."""
    officer.goto("/elections/new")
    officer.fill("input[name='title.fi']", "Hallituksen vaali")
    officer.fill("input[name='title.en']", "Board election")
    officer.fill("textarea[name='description.fi']", "Valitaan kaksi jäsentä hallitukseen.")
    officer.select_option("select[name=kind]", "stv-scottish")
    for i, name in enumerate(CANDIDATES):
        officer.get_by_test_id("add-option").click()
        officer.fill(f"input[name='options.{i}.name']", name)
    expect(officer.locator("input[name='options.2.id']")).to_have_value(CECILIA)
    officer.fill("input[name=seats]", "2")
    # Opening later than now: the officer opens it by hand below (the clock would open it on time).
    officer.fill("input[name=opens_at]", wall_time(1))
    officer.fill("input[name=closes_at]", wall_time(48))
    officer.locator("[data-testid='ballot-preview-toggle'] summary").click()
    expect(officer.get_by_test_id("ballot-preview-form").get_by_test_id(f"rank-{ANNA}")).to_be_visible()
    portal.screenshot(officer, "elections-a-form")
    officer.get_by_test_id("save-election").click()
    expect(officer).to_have_url(MANAGE_PATH)
    match = MANAGE_PATH.search(officer.url)
    assert match, officer.url
    return match.group(1)


def edit_draft(officer: Page) -> None:
    """A draft can still change: the English title, sent with the revision the form was loaded at."""
    officer.get_by_test_id("edit-election").click()
    expect(officer.locator("input[name='options.1.name']")).to_have_value(CANDIDATES[1])
    officer.fill("input[name='title.en']", "Board election 2026")
    officer.get_by_test_id("save-election").click()
    expect(officer).to_have_url(MANAGE_PATH)
    expect(officer.get_by_test_id("notice-page")).to_have_attribute("role", "status")
    expect(officer.locator("h1")).to_contain_text("Hallituksen vaali")


def open_voting(officer: Page) -> None:
    expect(officer.get_by_test_id("manage-page")).to_have_attribute("data-status", "draft")
    officer.get_by_test_id("open-election").click()
    officer.get_by_test_id("confirm-open-election").click()
    expect(officer.get_by_test_id("manage-page")).to_have_attribute("data-status", "open")
    expect(officer.get_by_test_id("ballots-cast")).to_have_text("0")


def vote_with_the_keyboard(portal: Portal, member: Page, election_id: str) -> str:
    """Rank Cecilia, Anna, Bertil with keys alone; review; cast. Returns the tracking code shown."""
    member.get_by_test_id(f"vote-{election_id}").click()
    expect(member.get_by_test_id("ballot-page")).to_have_attribute("data-kind", "stv-scottish")
    # Enter on "add" ranks the candidate and moves the focus to the next one still unranked.
    member.get_by_test_id(f"rank-{ANNA}").focus()
    member.keyboard.press("Enter")
    expect(member.get_by_test_id(f"rank-{BERTIL}")).to_be_focused()
    member.keyboard.press("Enter")
    # Each key waits for the focus to have moved: a key pressed before the re-render is lost.
    expect(member.get_by_test_id(f"rank-{CECILIA}")).to_be_focused()
    member.keyboard.press("Enter")
    expect_ranking(member, [ANNA, BERTIL, CECILIA])
    # The focus is now on Cecilia's "up": twice Enter takes her to the top.
    expect(member.get_by_test_id(f"move-up-{CECILIA}")).to_be_focused()
    member.keyboard.press("Enter")
    expect(member.get_by_test_id("ranking-status")).to_contain_text("2")
    expect(member.get_by_test_id(f"move-up-{CECILIA}")).to_be_focused()
    member.keyboard.press("Enter")
    expect_ranking(member, [CECILIA, ANNA, BERTIL])
    # Alt+Arrow keys move the focused candidate too: Bertil up and back down.
    member.get_by_test_id(f"move-down-{BERTIL}").focus()
    member.keyboard.press("Alt+ArrowUp")
    expect_ranking(member, [CECILIA, BERTIL, ANNA])
    expect(member.get_by_test_id(f"move-up-{BERTIL}")).to_be_focused()  # the focus moved with him
    member.keyboard.press("Alt+ArrowDown")
    expect_ranking(member, [CECILIA, ANNA, BERTIL])
    member.set_viewport_size(PHONE)
    portal.screenshot(member, "elections-b-ballot-phone")
    member.set_viewport_size(DESKTOP)

    member.get_by_test_id("review-ballot").focus()
    member.keyboard.press("Enter")
    expect(member.get_by_test_id("review-choices").locator("li")).to_have_text(
        CANDIDATES[2:] + CANDIDATES[:2]
    )
    member.get_by_test_id("cast-ballot").focus()
    member.keyboard.press("Enter")
    code = member.get_by_test_id("tracking-code")
    expect(code).to_have_text(CODE)
    portal.screenshot(member, "elections-c-cast")
    return code.inner_text()


def check_receipt(member: Page, code: str) -> None:
    with member.expect_download() as download:
        member.get_by_test_id("download-receipt").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert code in text and "/board#code=" in text, text


def find_on_board(portal: Portal, member: Page, code: str) -> None:
    member.get_by_test_id("find-on-board").click()
    result = member.get_by_test_id("lookup-result")
    expect(result).to_be_visible()
    if result.get_attribute("data-sealed") == "true":
        expect(member.get_by_test_id("proof-verified")).to_be_visible()
    expect(member.get_by_test_id("code-found")).to_contain_text(code)
    member.set_viewport_size(PHONE)
    portal.screenshot(member, "elections-d-board-phone")
    member.set_viewport_size(DESKTOP)


def close_approve_publish(portal: Portal, officer: Page) -> None:
    officer.reload()
    expect(officer.get_by_test_id("ballots-cast")).to_have_text("1")
    portal.screenshot(officer, "elections-e-turnout")
    officer.get_by_test_id("close-election").click()
    officer.get_by_test_id("confirm-close-election").click()
    # The page follows the closing workflow by itself until the count is ready.
    expect(officer.get_by_test_id("publish-results")).to_be_visible(timeout=COUNT_TIMEOUT_MS)
    officer.get_by_test_id("see-count").click()
    expect(officer.get_by_test_id("results-unpublished")).to_be_visible()
    officer.go_back()
    officer.get_by_test_id("publish-results").click()
    officer.get_by_test_id("confirm-publish-results").click()
    expect(officer.get_by_test_id("published")).to_be_visible()
    portal.screenshot(officer, "elections-f-published")


def test_a_member_votes_in_a_ranked_election_and_everyone_sees_the_winners(portal: Portal) -> None:
    officer = portal.new_page()
    portal.sign_in(officer, OFFICER, next_path="/elections/new")
    election_id = create_election(portal, officer)
    edit_draft(officer)
    open_voting(officer)

    member = portal.new_page()
    portal.sign_in(member, MEMBER, next_path="/elections")
    code = vote_with_the_keyboard(portal, member, election_id)
    check_receipt(member, code)
    find_on_board(portal, member, code)
    member.goto(f"/elections/{election_id}")
    expect(member.get_by_test_id("my-vote")).to_have_attribute("data-voted", "true")
    expect(member.get_by_test_id("vote")).to_have_count(0)

    close_approve_publish(portal, officer)

    # Anyone, without signing in: the winners, the stages, the final head and the bundle.
    visitor = portal.new_page()
    visitor.goto(f"/elections/{election_id}/results")
    elected = visitor.get_by_test_id("results-elected").locator("li")
    expect(elected).to_have_count(2)
    expect(elected.first).to_have_text(CANDIDATES[2])
    expect(visitor.get_by_test_id("rounds-table")).to_be_visible()
    expect(visitor.get_by_test_id("results-ballots")).to_have_text("1")
    head = visitor.get_by_test_id("results-board-head").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", head), head
    expect(visitor.get_by_test_id("download-bundle")).to_have_attribute(
        "href", f"/api/elections/{election_id}/bundle"
    )
    portal.screenshot(visitor, "elections-g-results")
    visitor.set_viewport_size(PHONE)
    portal.screenshot(visitor, "elections-h-results-phone")

    # The member finds the code on the final board, sealed, the proof checked in the browser.
    member.goto(f"/elections/{election_id}/board")
    member.fill("input[name=tracking_code]", code.lower().replace("-", ""))
    member.get_by_test_id("find-code").click()
    expect(member.get_by_test_id("lookup-result")).to_have_attribute("data-sealed", "true")
    expect(member.get_by_test_id("proof-verified")).to_be_visible()
    expect(member.get_by_test_id("board-head")).to_have_text(head)
