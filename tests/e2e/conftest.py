"""End-to-end fixtures: Debian's chromium (driven by Playwright) on the dev web server, which
serves frontend/dist, the real API on this test's DynamoDB Local table and the dev mailbox.

A test asks for `portal`: a fresh table with the small seeded union, the workflows in moto, the
mail sink emptied, and helpers that act as a person would (open a page, read the dev mailbox
over HTTP, sign in with the mailed code, take a screenshot).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

# The seeded small union (copied onto each test's table) is the integration suite's fixture.
from tests.integration.conftest import seeded_items, union  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ACTION_TIMEOUT_MS = 15_000
MAIL_TIMEOUT_SECONDS = 20.0
CODE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOT_DIR") or Path(tempfile.gettempdir()) / "union-portal-e2e")

expect.set_options(timeout=ACTION_TIMEOUT_MS)


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium", pytrace=False)
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    """One screenshot per journey, kept after the run (pytest's own tmp dirs rotate away)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


_TAKEN: list[Path] = []


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _TAKEN:
        names = ", ".join(p.name for p in _TAKEN)
        terminalreporter.write_line(f"e2e screenshots in {SCREENSHOTS}: {names}")


@dataclass
class Portal:
    """The running portal as a person meets it: pages in a browser and the dev mailbox."""

    url: str
    browser: Browser
    screenshots: Path
    contexts: list[BrowserContext] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def new_page(self, locale: str = "en-GB") -> Page:
        """A new browser profile (its own cookies and storage), as another person would have."""
        context = self.browser.new_context(
            base_url=self.url, locale=locale, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: self.page_errors.append(f"{page.url}: {error}"))
        return page

    # --- the dev mailbox, read over HTTP --------------------------------------------------------
    def mail(self, to: str) -> list[dict[str, Any]]:
        """Messages to `to`, newest first, from the web server's /dev/mail JSON."""
        query = urllib.parse.urlencode({"to": to})
        with urllib.request.urlopen(f"{self.url}/dev/mail?{query}", timeout=5) as response:
            messages: list[dict[str, Any]] = json.loads(response.read())
        return messages

    def wait_for_mail(self, to: str, count: int = 1, timeout: float = MAIL_TIMEOUT_SECONDS) -> dict[str, Any]:
        """The newest message to `to` once at least `count` have arrived."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.mail(to)
            if len(messages) >= count:
                return messages[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"{count} mail(s) to {to} expected, {len(messages)} arrived")
            time.sleep(0.1)

    # --- journeys' common steps ---------------------------------------------------------------
    def sign_in(self, page: Page, email: str, next_path: str = "/me") -> None:
        """Sign in on the sign-in page with the code that arrives in the dev mailbox."""
        page.goto(f"/sign-in?next={urllib.parse.quote(next_path)}")
        page.fill("input[name=email]", email)
        seen = len(self.mail(email))
        page.get_by_test_id("request-code").click()
        expect(page.locator("input[name=code]")).to_be_visible()
        letter = self.wait_for_mail(email, count=seen + 1)
        match = CODE.search(letter["text"])
        assert match, f"no sign-in code in the mail to {email}: {letter['text']!r}"
        page.fill("input[name=code]", match.group(1))
        page.get_by_test_id("submit-code").click()
        expect(page).to_have_url(re.compile(re.escape(next_path) + r"$"))
        expect(page.get_by_test_id("sign-out")).to_be_visible()

    def screenshot(self, page: Page, name: str) -> Path:
        path = self.screenshots / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        _TAKEN.append(path)
        return path

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def portal(
    dev_server: str,
    union: list[str],  # noqa: F811 - the fixture imported above
    mailbox: Any,
    browser: Browser,
    screenshot_dir: Path,
) -> Iterator[Portal]:
    """The seeded union served to a browser; fails the test if a page threw an uncaught error."""
    site = Portal(dev_server, browser, screenshot_dir)
    try:
        yield site
    finally:
        site.close()
    if site.page_errors:
        pytest.fail("uncaught errors in the page:\n" + "\n".join(site.page_errors), pytrace=False)
