"""Shared fixtures: the app with its test client, the app served by real gunicorn, and a real
Chromium (Debian's, launched by path) driven by Playwright.

Browser tests fail, never skip, when the browser is missing: `make test` installs it. One
Chromium serves the whole run; each test gets a fresh context of its own in it (its own
cookies, storage, caches and service workers), which takes milliseconds where a new browser
took seconds. Tests marked `persistent_profile` get a browser with a profile on disk instead.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from playwright.sync_api import sync_playwright

from webapp import create_app

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("id", "en")
STOP_QUICKLY = ["--graceful-timeout", "1"]  # see LiveServer


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """One app for the whole run: building one renders every page. Tests must not change it."""
    return create_app({"TESTING": True}, instance_path=str(tmp_path_factory.mktemp("instance")))


@pytest.fixture
def client(app):
    return app.test_client()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            requests.get(url, timeout=1)
            return
        # Not listening yet; or listening, with no worker to answer within the second yet
        # (a busy machine): ask again.
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.1)
    raise TimeoutError(f"{url} did not answer within {seconds}s")


class LiveServer:
    """gunicorn started the way `make run` starts it, on a free port; can be stopped and restarted.

    One difference: a graceful timeout of 1 s instead of 10. A stop waits for open connections
    until then, and a browser keeps idle ones open (kept-alive, or preconnected and never used),
    so with the configured timeout every stop took 2 to 5 s of doing nothing.
    """

    def __init__(
        self,
        instance_dir: Path,
        env: dict | None = None,
        root: Path = ROOT,
        log: Path | None = None,
    ):
        self.root = root
        self.log = log  # where gunicorn's access and error logs go; nowhere by default
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.instance_dir = instance_dir
        self.env = {
            **os.environ,
            "PORT": str(self.port),
            "WEB_WORKERS": "2",
            "START_DISPATCHER": "0",
            "INSTANCE_PATH": str(instance_dir),
            **(env or {}),
        }
        self.process = None

    def start(self) -> "LiveServer":
        output = self.log.open("ab") if self.log else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *STOP_QUICKLY, "app:app"],
            cwd=self.root,
            env=self.env,
            stdout=output,
            stderr=subprocess.STDOUT if self.log else subprocess.DEVNULL,
        )
        if self.log:
            output.close()  # the server holds its own copy
        wait_until_serving(self.url + "/sitemap.xml", self.process, seconds=60)
        return self

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                # Generous: gunicorn's own deadlines (the graceful timeout, on_exit waiting
                # for the dispatcher) come first; this only catches a hung server.
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class SharedLiveServer(LiveServer):
    """The session's gunicorn: many tests use it, so none may stop it."""

    def stop(self) -> None:
        raise RuntimeError("this server is shared: mark a test that stops it with own_server")

    def stop_at_the_end(self) -> None:
        super().stop()


@pytest.fixture(scope="session")
def shared_server(tmp_path_factory):
    # Every browser test talks to it from one address: the API's per-address limit is for
    # people, and a test of the limit starts a server of its own.
    env = {"API_RATE_LIMIT": "100000 per minute"}
    live = SharedLiveServer(tmp_path_factory.mktemp("shared-instance"), env).start()
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


BROWSER_FIXTURES = {"playwright", "chromium", "browser", "page", "page_without_js"}


@pytest.hookimpl(tryfirst=True)  # before `-m` selects by markers
def pytest_collection_modifyitems(items):
    """A test that uses a browser runs one: `make test-fast` leaves it out by this marker."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
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
