"""A real Chromium (Debian's, launched by path) driven by Playwright.

These tests fail, never skip, when the browser is missing: `make test` installs it.

One Chromium serves the whole run; each test gets a fresh context of its own in it (its own
cookies, storage, caches and service workers), which takes milliseconds where a new browser
took seconds. Tests marked `persistent_profile` get a browser with a profile on disk instead.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from ..conftest import ROOT

HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Generous, for a busy machine: every wait still ends as soon as what it waits for happens.
TIMEOUT_MS = 30_000


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by markers
def pytest_collection_modifyitems(items):
    """Everything in this folder runs a browser: `make test-fast` leaves it out by this marker."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def playwright():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `make test` (or apt-get install chromium)"
        )
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def chromium(playwright):
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def browser(request, playwright, tmp_path):
    """A fresh browser context: the session's Chromium, or a persistent profile for tests marked
    `persistent_profile` (installability is not reported in an incognito context)."""
    # The server first, so that it stops after the browser has closed its connections.
    if "server" in request.fixturenames:
        request.getfixturevalue("server")
    options = {"service_workers": "allow", "locale": "id-ID"}
    if request.node.get_closest_marker("persistent_profile"):
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            **options,
        )
    else:
        context = request.getfixturevalue("chromium").new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(browser):
    return browser.pages[0] if browser.pages else browser.new_page()


@pytest.fixture
def app_copy(tmp_path) -> Path:
    """A copy of the app's tree, for tests that deploy a changed or broken version."""
    target = tmp_path / "app"
    shutil.copytree(
        ROOT,
        target,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "instance", "__pycache__", ".*_cache", "tests"
        ),
    )
    return target


def wait_until_saved_offline(page) -> None:
    """The page says it is saved once the worker is active with its precache complete."""
    page.wait_for_selector("html[data-offline-ready='true']")
    page.wait_for_selector("#saved", state="visible")
