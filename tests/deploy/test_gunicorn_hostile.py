"""Attacks straight at gunicorn, over TCP and over its unix socket: headers that would move
the app's mount point or poison its page cache, and proxy headers from a caller that is
not the proxy."""

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from ..helpers import ROOT, STOP_QUICKLY, LiveServer

# A forged mount point, and a path under it: the page's links would point at evil.example.
POISON = {"SCRIPT_NAME": "//evil.example"}
POISONED_TARGET = "//evil.example/en/faq"


def poisoned_then_clean(get) -> bytes:
    """24 requests with a forged mount point (the red team's count), then a clean one."""
    for _ in range(24):
        get(POISONED_TARGET, POISON)
    return get("/en/faq", {})


@pytest.mark.own_server
def test_a_script_name_header_over_tcp_changes_no_page(tmp_path):
    server = LiveServer(tmp_path / "instance", {"PROXY_FIX_HOPS": "1"}).start()
    try:

        def get(target, headers):
            return requests.get(server.url + target, headers=headers, timeout=30).content

        assert b"evil.example" not in poisoned_then_clean(get)
    finally:
        server.stop()


def unix_get(path: Path, target: str, headers: dict) -> tuple[int, bytes]:
    lines = [f"GET {target} HTTP/1.1", "Host: 127.0.0.1", "Connection: close"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(30)
        sock.connect(str(path))
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


@pytest.fixture
def unix_gunicorn(tmp_path):
    path = tmp_path / "g.sock"
    env = {
        **os.environ,
        "BIND": f"unix:{path}",
        "PROXY_FIX_HOPS": "1",
        "WEB_WORKERS": "1",
        "START_DISPATCHER": "0",
        "INSTANCE_PATH": str(tmp_path / "instance"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", *STOP_QUICKLY, "app:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            if unix_get(path, "/sitemap.xml", {})[0] == 200:
                break
        except OSError:
            pass
        assert process.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
        time.sleep(0.2)
    yield path
    process.terminate()
    process.wait(timeout=60)


def test_the_unix_socket_only_our_group_may_open_and_script_name_over_it_changes_no_page(
    unix_gunicorn,
):
    mode = stat.S_IMODE(os.stat(unix_gunicorn).st_mode)
    assert mode == 0o660, oct(mode)

    def get(target, headers):
        return unix_get(unix_gunicorn, target, headers)[1]

    assert b"evil.example" not in poisoned_then_clean(get)


@pytest.mark.own_server
def test_proxy_headers_from_a_caller_not_named_in_forwarded_allow_ips_change_nothing(tmp_path):
    env = {
        "PROXY_FIX_HOPS": "1",
        "FORWARDED_ALLOW_IPS": "192.0.2.1",  # the proxy is elsewhere; we call from loopback
        "API_RATE_LIMIT": "5 per minute",
    }
    server = LiveServer(tmp_path / "instance", env).start()
    try:
        forged = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "127.0.0.1"}
        page = requests.get(server.url + "/en/faq", headers=forged, timeout=30)
        assert "Strict-Transport-Security" not in page.headers
        statuses = []
        for number in range(7):
            response = requests.post(
                server.url + "/api/language",
                json={"lang": "en"},
                headers={
                    **forged,
                    "X-Forwarded-For": f"203.0.113.{number}",
                    "Origin": server.url,
                    "Sec-Fetch-Site": "same-origin",
                },
                timeout=30,
            )
            statuses.append(response.status_code)
            if response.status_code == 204:
                assert "Secure" not in response.headers["Set-Cookie"]
        assert 204 in statuses and 429 in statuses, statuses  # one caller, one quota
    finally:
        server.stop()


@pytest.mark.own_server
def test_one_client_filling_the_subscription_cap_locks_nobody_out(tmp_path):
    from ..push.test_push_api import FCM, browser_keys

    server = LiveServer(tmp_path / "instance", {"MAX_SUBSCRIPTIONS": "5"}).start()
    try:

        def subscribe(name):
            return requests.post(
                server.url + "/api/push/subscriptions",
                json={"subscription": {"endpoint": f"{FCM}-{name}", "keys": browser_keys()},
                      "lang": "id"},
                timeout=30,
            ).status_code  # fmt: skip

        assert [subscribe(f"fill{number}") for number in range(10)] == [201] * 10
        assert subscribe("next-person") == 201
    finally:
        server.stop()
