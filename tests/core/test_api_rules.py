"""One API, one set of rules: every /api/* route, wipe included, answers bodies that are too
large, bodies that are not JSON, requests from other sites and floods the same way
(webapp/core/api.py)."""

import http.client
import os
import stat
import tempfile
import time
from pathlib import Path

import pytest
import requests

from webapp import create_app

from ..helpers import LiveServer

RULES_APP = create_app({"TESTING": True, "API_RATE_LIMIT": "1000 per minute"}, tempfile.mkdtemp())
STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def api_requests(app, methods) -> list[tuple[str, str]]:
    """(method, path) for every API route, with 1 for any number in its path."""
    found = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/"):
            continue
        path = rule.rule
        for _argument in rule.arguments:
            path = path.split("<")[0] + "1" + path.split(">", 1)[1]
        found += [(method, path) for method in sorted(rule.methods & methods)]
    return found


CHANGING = api_requests(RULES_APP, STATE_CHANGING)


@pytest.fixture
def api(tmp_path):
    app = create_app({"TESTING": True, "API_RATE_LIMIT": "1000 per minute"}, str(tmp_path))
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_every_api_route_hangs_under_the_one_api_blueprint():
    routes = [rule for rule in RULES_APP.url_map.iter_rules() if rule.rule.startswith("/api")]
    assert {rule.rule for rule in routes} >= {"/api/wipe", "/api/reminders", "/api/push/key"}
    for rule in routes:
        assert rule.endpoint.startswith("api."), rule.rule
    assert ("POST", "/api/wipe") in CHANGING


@pytest.mark.parametrize(("method", "path"), CHANGING)
def test_a_body_over_the_cap_is_413(api, method, path):
    response = api.open(
        path, method=method, data='{"x": "' + "y" * 10_000 + '"}', content_type="application/json"
    )
    assert response.status_code == 413
    assert response.get_json() == {"error": "What was sent is too large.", "status": 413}


@pytest.mark.parametrize(("method", "path"), CHANGING)
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", None],
)
def test_a_body_that_is_not_json_is_415(api, method, path, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = api.open(path, method=method, data="{}", headers=headers)
    assert response.status_code == 415
    assert response.get_json() == {"error": "Send the request as JSON.", "status": 415}


@pytest.mark.parametrize(("method", "path"), CHANGING)
@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://localhost:8080"},  # another port is another origin
        {"Origin": "http://localhost", "Sec-Fetch-Site": "cross-site"},
    ],
)
def test_a_state_changing_request_from_another_site_is_403(api, method, path, headers):
    response = api.open(path, method=method, json={}, headers=headers)
    assert response.status_code == 403
    assert "another site" in response.get_json()["error"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "http://localhost"},
        {"Sec-Fetch-Site": "same-origin"},
        {"Sec-Fetch-Site": "none"},
    ],
)
def test_our_own_pages_pass_the_guard(api, headers):
    response = api.post("/api/wipe", json={}, headers=headers)
    assert response.status_code == 200


def test_reading_is_not_guarded_against_other_sites(api):
    response = api.get("/api/push/key", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 200


def test_a_cross_site_form_post_leaves_the_language_cookie(api):
    api.set_cookie("lang", "en")
    for content_type in ("application/x-www-form-urlencoded", "text/plain"):
        response = api.post(
            "/api/wipe",
            data="x=1",
            content_type=content_type,
            headers={"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        )
        assert response.status_code in (403, 415)
        assert "Set-Cookie" not in response.headers
    assert api.get_cookie("lang").value == "en"


def test_wipe_refuses_what_is_not_a_json_object(api):
    response = api.post("/api/wipe", data="[1]", content_type="application/json")
    assert response.status_code == 400 and response.get_json()["error"]
    empty = api.post("/api/wipe", content_type="application/json")
    assert empty.status_code == 200


def test_the_rate_limit_is_one_budget_for_the_whole_api_wipe_included(tmp_path):
    client = create_app(
        {"TESTING": True, "API_RATE_LIMIT": "3 per minute"}, str(tmp_path)
    ).test_client()
    assert client.post("/api/wipe", json={}).status_code == 200
    assert client.get("/api/push/key").status_code == 200
    assert client.post("/api/wipe", json={}).status_code == 200
    limited = client.post("/api/wipe", json={}, headers={"Accept-Language": "id"})
    assert limited.status_code == 429
    assert limited.get_json()["status"] == 429 and limited.get_json()["error"]
    assert "Retry-After" in limited.headers and "Set-Cookie" not in limited.headers
    assert client.get("/api/push/key").status_code == 429


# ---------- one limit for every worker, kept across restarts ----------


def owner_pid(connection: http.client.HTTPConnection, server_port: int, pids: list[int]) -> int:
    """The gunicorn worker holding the server side of this kept-alive connection."""
    client_port = connection.sock.getsockname()[1]
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        remote_port = int(fields[2].split(":")[1], 16)
        if (local_port, remote_port) == (server_port, client_port):
            inodes.add(fields[9])
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:[") and target[8:-1] in inodes:
                return pid
    raise AssertionError("no worker holds this connection")


def connections_on_two_workers(server: LiveServer) -> list[http.client.HTTPConnection]:
    """Kept-alive connections until two are served by different workers."""
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children")
    # The first worker may answer before the arbiter has forked the second one.
    deadline = time.monotonic() + 60
    while len(pids := [int(pid) for pid in children.read_text().split()]) < 2:
        assert time.monotonic() < deadline, "gunicorn never ran two workers"
        time.sleep(0.05)
    by_worker: dict[int, http.client.HTTPConnection] = {}
    opened = []
    for _ in range(200):
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        opened.append(connection)
        connection.request("GET", "/sitemap.xml")  # not the API: costs no budget
        connection.getresponse().read()
        by_worker.setdefault(owner_pid(connection, server.port, pids), connection)
        if len(by_worker) == 2:
            break
    for connection in opened:
        if connection not in by_worker.values():
            connection.close()
    assert len(by_worker) == 2, "the requests never reached a second worker"
    return list(by_worker.values())


def test_the_limit_is_shared_by_every_worker_and_survives_a_restart(tmp_path):
    env = {"WEB_WORKERS": "2", "API_RATE_LIMIT": "10 per hour"}
    server = LiveServer(tmp_path / "instance", env=env).start()
    try:
        first, second = connections_on_two_workers(server)
        statuses = []
        for n in range(30):  # alternately through each worker
            connection = (first, second)[n % 2]
            connection.request("GET", "/api/push/key")
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        assert statuses == [200] * 10 + [429] * 20
    finally:
        server.stop()
    counters = tmp_path / "instance" / "rate-limits.sqlite3"
    assert stat.S_IMODE(counters.stat().st_mode) == 0o600
    assert b"127.0.0.1" not in counters.read_bytes()  # addresses are not stored

    restarted = LiveServer(tmp_path / "instance", env=env).start()
    try:
        assert requests.get(restarted.url + "/api/push/key", timeout=5).status_code == 429
    finally:
        restarted.stop()
