"""Shared fixtures: the app with its test client, the app served by real gunicorn, and a real
Chromium (Debian's, launched by path) driven by Playwright.

Browser tests fail, never skip, when the browser is missing: `make test` installs it. One
Chromium serves the whole run; each test gets a fresh context of its own in it (its own
cookies, storage, caches and service workers), which takes milliseconds where a new browser
took seconds. Tests marked `persistent_profile` get a browser with a profile on disk instead.
"""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from webapp import create_app

from .helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ONE_ADDRESS_LIMITS,
    ROOT,
    TIMEOUT_MS,
    LiveServer,
)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One app for the whole run: building one renders every page. Tests must not change it."""
    return create_app({"TESTING": True}, instance_path=str(tmp_path_factory.mktemp("instance")))


@pytest.fixture
def client(app):
    return app.test_client()


class SharedLiveServer(LiveServer):
    """The session's gunicorn: many tests use it, so none may stop it."""

    def stop(self) -> None:
        raise RuntimeError("this server is shared: mark a test that stops it with own_server")

    def stop_at_the_end(self) -> None:
        super().stop()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory):
    live = SharedLiveServer(tmp_path_factory.mktemp("shared-instance"), ONE_ADDRESS_LIMITS)
    live.start()
    yield live
    live.stop_at_the_end()


@pytest.fixture
def server(request, tmp_path):
    """Real gunicorn. By default the session's one, which tests only read from: starting one
    costs about a second. A test that stops it or changes its state (writes to its database)
    is marked `own_server` and gets one of its own, stopped after the test."""
    if not request.node.get_closest_marker("own_server"):
        yield request.getfixturevalue("shared_server")
        return
    live = LiveServer(tmp_path / "instance").start()
    yield live
    live.stop()


# ---------- the browser ----------


BROWSER_FIXTURES = {"playwright", "chromium", "browser", "page", "page_without_js"}


# Soak, resilience and whole-stack tests: seconds each (a 20,000-request burst, servers
# killed and restarted, two exports, the fuzzer, Caddy in front). `make test` runs them;
# `make test-fast` leaves them out by the marker `slow`. A file, or a test (without its
# parameters) in a file.
SLOW = {
    "tests/core/test_resilience.py",
    "tests/push/test_dispatcher_resilience.py",
    "tests/deploy/test_caddy.py",
    "tests/deploy/test_caddy_hostile.py",
    "tests/deploy/test_gunicorn_hostile.py",
    "tests/push/test_poisoned_reminders.py",
    "tests/push/test_instance_files.py",
    "tests/push/test_hostile.py::test_deeply_nested_json_is_a_400_on_every_json_route_never_a_500",
    "tests/push/test_hostile.py::test_every_answer_of_the_fuzzed_api_conforms_to_its_document",
    "tests/export/test_export.py::test_two_exports_are_byte_identical",
    # Two exports each, or one under a mount namespace, or real nginx over a whole export.
    "tests/export/test_export.py::test_a_new_export_switches_at_once_and_keeps_the_previous_release",
    "tests/export/test_export.py::test_the_export_runs_under_the_units_read_only_paths",
    "tests/export/test_export.py::test_a_new_origin_alone_makes_a_new_release",
    "tests/export/test_static_hosts.py::test_the_nginx_include_sends_the_apps_headers_and_only_canonical_urls",
    "tests/export/test_export.py::test_every_file_is_what_gunicorn_serves_for_its_url",
    "tests/export/test_export.py::test_pages_carry_what_a_meta_csp_can_for_hosts_that_send_no_headers",
    "tests/core/test_api_rules.py::test_the_limit_is_shared_by_every_worker_and_survives_a_restart",
    "tests/push/test_backup.py::test_a_backup_taken_during_writes_is_consistent",
    "tests/push/test_dispatcher.py::test_a_dispatcher_killed_mid_send_is_restarted_and_still_delivers",
    "tests/push/test_dispatcher.py::test_two_dispatchers_at_once_deliver_each_reminder_exactly_once",
}


def slow_key(item) -> set[str]:
    path = item.nodeid.split("::")[0]
    return {path, f"{path}::{item.originalname}"}


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by markers
def pytest_collection_modifyitems(items):
    """A test that uses a browser runs one: `make test-fast` leaves it out by this marker,
    and the tests in SLOW by theirs."""
    matched = set()
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
        if found := SLOW & slow_key(item):
            item.add_marker(pytest.mark.slow)
            matched |= found
    collected = {item.nodeid.split("::")[0] for item in items}
    stale = {entry for entry in SLOW - matched if entry.split("::")[0] in collected}
    if stale:
        raise pytest.UsageError(f"SLOW names tests that do not exist: {sorted(stale)}")


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
def page_without_js(request, chromium):
    """A page in a fresh context with JavaScript turned off, as some phones and browsers run."""
    if "server" in request.fixturenames:
        request.getfixturevalue("server")
    context = chromium.new_context(java_script_enabled=False, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


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
