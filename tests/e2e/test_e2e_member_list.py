"""A branch officer's member list holds the members of that branch and nobody else."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from chalicelib.entrypoints.seed import BRANCHES, demo_members
from tests.e2e.conftest import Portal
from tests.integration.conftest import SMALL_UNION

pytestmark = pytest.mark.e2e

OFFICER = "officer@example.org"  # branch officer of "helsinki"; saved language Finnish
HELSINKI = next(b.name for b in BRANCHES if b.id == "helsinki")


def test_the_helsinki_officer_sees_only_helsinki_members(portal: Portal) -> None:
    seeded = demo_members()[:SMALL_UNION]
    helsinki = sorted(m.email for m in seeded if m.branch_id == "helsinki")
    elsewhere = {m.email for m in seeded if m.branch_id != "helsinki"}
    assert helsinki and elsewhere, "the small union spans several branches"

    page = portal.new_page(locale="fi-FI")
    portal.sign_in(page, OFFICER, next_path="/members")
    expect(page.locator("h1")).to_have_text("Jäsenet")
    rows = page.locator("[data-testid=members-table] tbody tr")
    expect(rows).to_have_count(len(helsinki))
    expect(page.get_by_test_id("members-count")).to_have_text(f"{len(helsinki)} jäsentä näytetään")
    emails = rows.locator("td:nth-of-type(1)").all_inner_texts()
    branches = rows.locator("td:nth-of-type(2)").all_inner_texts()
    assert sorted(emails) == helsinki
    assert set(branches) == {HELSINKI}
    assert not elsewhere & set(emails)
    expect(page.get_by_test_id("more-members")).to_have_count(0)
    portal.screenshot(page, "c-helsinki-members")

    # Asking for another branch in the address bar shows nobody from there.
    page.goto("/members?branch_id=tampere")
    expect(page.get_by_test_id("members-count")).to_have_text("Hakua vastaavia jäseniä ei löytynyt.")
    expect(page.get_by_test_id("members-table")).to_have_count(0)
