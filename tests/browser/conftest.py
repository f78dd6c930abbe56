"""A real Chromium (Debian's, launched by path) driven by Playwright.

These tests fail, never skip, when the browser is missing: `make test` installs it.
"""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from ..conftest import ROOT

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


@pytest.fixture(scope="session")
def playwright():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is missing at {CHROMIUM}: run `make test` (or apt-get install chromium)"
        )
    with sync_playwright() as instance:
        yield instance


@pytest.fixture
def browser(request, playwright, tmp_path):
    """A persistent profile: installability is not reported in an incognito context."""
    # The server first, so that it stops after the browser has closed its connections.
    if "server" in request.fixturenames:
        request.getfixturevalue("server")
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=CHROMIUM_ARGS,
        service_workers="allow",
        locale="id-ID",
    )
    context.set_default_timeout(20_000)
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
