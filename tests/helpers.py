"""What the tests share besides fixtures: the app's languages, real gunicorn on a free
port, and how Chromium is launched. Tests import these; the fixtures that use them are
in conftest.py."""

import os
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import requests

from webapp.core.config import Config

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = Config.LANGUAGES
# The tests talk to a shared server from one address, far more often than a person would;
# a test of the limits starts a server of its own. The About page states the subscribe
# limit, so an app whose pages are compared with such a server's uses these too.
ONE_ADDRESS_LIMITS = {
    "API_RATE_LIMIT": "100000 per minute",
    "SUBSCRIBE_RATE_LIMIT": "100000 per hour",
}
STOP_QUICKLY = ["--graceful-timeout", "1"]  # see LiveServer
SITEMAP_NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "x": "http://www.w3.org/1999/xhtml",
}


def sitemap_locations(client) -> list[str]:
    """The sitemap's URLs, as the app's test client gets them."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)  # noqa: S314 (our own document)
    return [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


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


def as_exported(url: str, response) -> bytes:
    """The file the export writes for a URL, from the app's answer to it (a Flask test
    response or a `requests` one): the same bytes, but that a page (not the worker's saved
    variant) also carries its CSP in a <meta>, for hosts that send no headers."""
    from webapp.export import with_policy_in_page

    body = response.get_data() if hasattr(response, "get_data") else response.content
    if response.headers.get("Content-Type", "").startswith("text/html") and not url.startswith(
        "/precache/"
    ):
        return with_policy_in_page(body, response.headers.get("Content-Security-Policy"))
    return body
