"""Load, faults and recovery, against real gunicorn and SQLite: nothing lost, nothing doubled."""

import http.client
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from webapp import create_app

from ..helpers import ROOT, LiveServer
from ..push.test_push_api import FCM, browser_keys

LOAD_PATHS = ["/id/", "/en/factory-reset", "/id/faq", "/sw.js", "/api/push/key", "/sitemap.xml"]


def worker_pids(server: LiveServer) -> list[int]:
    children = Path(f"/proc/{server.process.pid}/task/{server.process.pid}/children").read_text()
    return [int(pid) for pid in children.split()]


def rss_kib(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


def hammer(port: int, requests_per_connection: int, connections: int) -> list[int]:
    """Keep-alive connections, each sending its share of requests; returns every status."""
    statuses: list[int] = []
    lock = threading.Lock()

    def one_connection(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        seen = []
        for i in range(requests_per_connection):
            path = LOAD_PATHS[(offset + i) % len(LOAD_PATHS)]
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "br"})
                response = connection.getresponse()
                response.read()
                seen.append(response.status)
            except (OSError, http.client.HTTPException):
                seen.append(0)
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.close()
        with lock:
            statuses.extend(seen)

    threads = [threading.Thread(target=one_connection, args=(n,)) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.fixture
def loaded_server(tmp_path):
    server = LiveServer(tmp_path, env={"API_RATE_LIMIT": "1000000 per minute"}).start()
    yield server
    server.stop()


def test_a_burst_of_20000_requests_over_50_connections_has_no_errors_and_flat_memory(loaded_server):
    hammer(loaded_server.port, 40, 50)  # warm every worker and cache
    before = rss_kib(worker_pids(loaded_server))
    statuses = hammer(loaded_server.port, 400, 50)
    after = rss_kib(worker_pids(loaded_server))
    assert len(statuses) == 20_000
    assert {status for status in statuses} == {200}
    assert after - before < 30 * 1024, f"workers grew from {before} to {after} KiB"


def test_a_crashed_worker_is_replaced_and_requests_keep_succeeding(loaded_server):
    victim = worker_pids(loaded_server)[0]
    os.kill(victim, signal.SIGKILL)
    statuses = hammer(loaded_server.port, 50, 5)
    assert statuses.count(200) >= len(statuses) - 1  # at most the one in flight
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        pids = worker_pids(loaded_server)
        if len(pids) == 2 and victim not in pids:
            break
        time.sleep(0.2)
    assert len(worker_pids(loaded_server)) == 2 and victim not in worker_pids(loaded_server)


def test_gunicorn_killed_mid_writes_keeps_every_acknowledged_reminder(tmp_path):
    server = LiveServer(tmp_path, env={"API_RATE_LIMIT": "1000000 per minute"}).start()
    body = {"subscription": {"endpoint": FCM, "keys": browser_keys()}, "lang": "id"}
    subscribed = requests.post(server.url + "/api/push/subscriptions", json=body, timeout=5)
    assert subscribed.status_code == 201
    key = {"Authorization": f"Bearer {subscribed.json()['token']}"}
    acknowledged, stop = [], threading.Event()

    def write():
        session = requests.Session()
        while not stop.is_set():
            try:
                response = session.post(
                    server.url + "/api/reminders",
                    json={"step": "ur-wait-reply", "delay": 86400},
                    headers=key,
                    timeout=5,
                )
            except requests.RequestException:
                return
            if response.status_code == 201:
                acknowledged.append(response.json()["id"])

    writers = [threading.Thread(target=write) for _ in range(4)]
    for writer in writers:
        writer.start()
    deadline = time.monotonic() + 30  # kill it mid-writes: once some are acknowledged
    while len(acknowledged) < 5:
        assert time.monotonic() < deadline, "no reminder was acknowledged"
        time.sleep(0.01)
    workers = worker_pids(server)
    server.process.kill()  # SIGKILL: no graceful shutdown, mid-write
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    stop.set()
    for writer in writers:
        writer.join()
    server.process.wait()

    with sqlite3.connect(tmp_path / "guide.sqlite3") as db:
        stored = [row[0] for row in db.execute("SELECT id FROM reminders")]
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert set(acknowledged) <= set(stored)
    assert len(stored) == len(set(stored)) <= 20

    restarted = LiveServer(tmp_path).start()
    try:
        listed = requests.get(restarted.url + "/api/reminders", headers=key, timeout=5)
        assert {r["id"] for r in listed.json()["reminders"]} == set(stored)
    finally:
        restarted.stop()


def test_a_database_locked_by_another_writer_makes_the_request_wait_not_fail(tmp_path):
    app = create_app({"TESTING": True}, str(tmp_path))
    client = app.test_client()
    body = {"subscription": {"endpoint": FCM, "keys": browser_keys()}, "lang": "en"}
    subscribed = client.post("/api/push/subscriptions", json=body)
    assert subscribed.status_code == 201
    key = {"Authorization": f"Bearer {subscribed.get_json()['token']}"}

    locker = sqlite3.connect(
        tmp_path / "guide.sqlite3", isolation_level=None, check_same_thread=False
    )
    locker.execute("BEGIN EXCLUSIVE")
    threading.Timer(2.0, lambda: locker.execute("COMMIT")).start()
    started = time.monotonic()
    response = client.post(
        "/api/reminders", json={"step": "ur-wait-reply", "delay": 86400}, headers=key
    )
    assert response.status_code == 201
    assert time.monotonic() - started >= 1.5  # it waited for the lock, then wrote


def start_app_with(**env) -> subprocess.CompletedProcess:
    """Start the app in a process of its own, as gunicorn would, with these settings."""
    return subprocess.run(
        [sys.executable, "-c", "from webapp import create_app, prepare; prepare(create_app())"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "instance",
    ["/proc/guide-instance", "/dev/null/instance"],  # read-only, and not a folder at all
)
def test_an_unwritable_instance_folder_stops_the_start_with_a_clear_message(instance):
    result = start_app_with(INSTANCE_PATH=instance)
    assert result.returncode != 0
    assert "Cannot create the instance folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_full_disk_stops_the_start_with_a_clear_message(tmp_path):
    device_mode = os.stat("/dev/full").st_mode
    result = start_app_with(INSTANCE_PATH=str(tmp_path), DATABASE_PATH="/dev/full")
    assert result.returncode != 0
    assert "Cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr
    assert os.stat("/dev/full").st_mode == device_mode  # a device is never chmodded


def test_a_lock_held_past_the_busy_timeout_is_a_503_with_a_message_and_nothing_half_written(
    tmp_path,
):
    app = create_app({"TESTING": True, "DATABASE_BUSY_SECONDS": 1}, str(tmp_path))
    client = app.test_client()
    body = {"subscription": {"endpoint": FCM, "keys": browser_keys()}, "lang": "en"}
    subscribed = client.post("/api/push/subscriptions", json=body)
    assert subscribed.status_code == 201
    locker = sqlite3.connect(tmp_path / "guide.sqlite3", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post(
            "/api/reminders",
            json={"step": "ur-wait-reply", "delay": 86400},
            headers={
                "Accept-Language": "en",
                "Authorization": f"Bearer {subscribed.get_json()['token']}",
            },
        )
    finally:
        locker.execute("ROLLBACK")
    assert response.status_code == 503
    assert "Nothing was lost" in response.get_json()["error"]
    assert response.headers["Retry-After"] == "5"
    assert locker.execute("SELECT COUNT(*) FROM reminders").fetchone()[0] == 0


# ---------- data loss refused loudly, a full disk explained ----------


def subscribe_once(instance: Path) -> None:
    client = create_app({"TESTING": True}, str(instance)).test_client()
    body = {"subscription": {"endpoint": FCM, "keys": browser_keys()}, "lang": "en"}
    assert client.post("/api/push/subscriptions", json=body).status_code == 201


def test_the_marker_is_written_with_the_first_subscription_only(tmp_path):
    result = start_app_with(INSTANCE_PATH=str(tmp_path))
    assert result.returncode == 0, result.stderr
    marker = tmp_path / "subscriptions-were-stored"
    assert not marker.exists()
    (tmp_path / "guide.sqlite3").write_bytes(b"")  # no subscription yet: a fresh start is fine
    assert start_app_with(INSTANCE_PATH=str(tmp_path)).returncode == 0
    subscribe_once(tmp_path)
    assert marker.exists() and oct(marker.stat().st_mode & 0o777) == "0o600"
    assert str(tmp_path / "guide.sqlite3") in marker.read_text()


def test_a_database_from_before_the_marker_gets_it_on_start_so_its_loss_is_refused(tmp_path):
    subscribe_once(tmp_path)
    marker = tmp_path / "subscriptions-were-stored"
    marker.unlink()  # as an older version left it: subscriptions, and no marker
    assert start_app_with(INSTANCE_PATH=str(tmp_path)).returncode == 0
    assert marker.exists() and oct(marker.stat().st_mode & 0o777) == "0o600"
    for name in ("guide.sqlite3-wal", "guide.sqlite3-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    (tmp_path / "guide.sqlite3").write_bytes(b"")
    result = start_app_with(INSTANCE_PATH=str(tmp_path))
    assert result.returncode != 0 and "empty or missing its tables" in result.stderr


@pytest.mark.parametrize("loss", ["truncated", "deleted", "tables dropped"])
def test_a_lost_database_stops_the_start_with_one_clear_line(tmp_path, loss):
    subscribe_once(tmp_path)
    database = tmp_path / "guide.sqlite3"
    if loss == "tables dropped":
        with sqlite3.connect(database) as db:
            db.executescript("DROP TABLE reminders; DROP TABLE subscriptions;")
    else:
        for name in ("guide.sqlite3-wal", "guide.sqlite3-shm"):
            (tmp_path / name).unlink(missing_ok=True)
        if loss == "truncated":
            database.write_bytes(b"")
        else:
            database.unlink()
    result = start_app_with(INSTANCE_PATH=str(tmp_path))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "empty or missing its tables" in line and "restore the database" in line
    assert not database.exists() or database.stat().st_size == 0 or loss == "tables dropped"


def test_all_subscriptions_gone_on_purpose_is_not_a_lost_database(tmp_path):
    subscribe_once(tmp_path)
    with sqlite3.connect(tmp_path / "guide.sqlite3") as db:
        db.execute("DELETE FROM subscriptions")
    result = start_app_with(INSTANCE_PATH=str(tmp_path))
    assert result.returncode == 0, result.stderr


def test_a_full_database_disk_is_a_503_with_a_message_and_nothing_half_written(
    tmp_path, monkeypatch
):
    from webapp.push import db as database

    app = create_app({"TESTING": True, "API_RATE_LIMIT": "1000 per minute"}, str(tmp_path))
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    body = {"subscription": {"endpoint": FCM, "keys": browser_keys()}, "lang": "en"}
    subscribed = client.post("/api/push/subscriptions", json=body).get_json()
    key = {"Authorization": f"Bearer {subscribed['token']}"}
    reminder = {"step": "ur-wait-reply", "delay": 86400}
    connect = database.connect

    def full(path):  # the database may not grow by a single page: SQLite's "disk is full"
        connection = connect(path)
        (pages,) = connection.execute("PRAGMA page_count").fetchone()
        connection.execute(f"PRAGMA max_page_count = {pages}")
        return connection

    monkeypatch.setattr(database, "connect", full)
    statuses = []
    for n in range(100):  # the last page fills up after a few subscriptions
        body = {"subscription": {"endpoint": f"{FCM}-{n}", "keys": browser_keys()}, "lang": "en"}
        response = client.post("/api/push/subscriptions", json=body)
        statuses.append(response.status_code)
        if response.status_code == 503:
            break
    assert statuses[-1] == 503 and set(statuses[:-1]) <= {201}, statuses
    assert response.get_json()["error"].startswith("The server has no room to save this")
    assert response.headers["Retry-After"]
    assert client.post("/api/reminders", json=reminder, headers=key).status_code in (201, 503)
    with sqlite3.connect(tmp_path / "guide.sqlite3") as db:
        (stored,) = db.execute("SELECT COUNT(*) FROM subscriptions").fetchone()
        assert stored == 1 + statuses.count(201)  # nothing half-written
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_full_disk_when_writing_the_marker_is_a_503_and_stores_nothing(tmp_path, monkeypatch):
    import errno

    from webapp.push import db as database

    real_open = os.open

    def no_room_for_the_marker(path, *args, **kwargs):
        if Path(path).name == database.MARKER_NAME:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_open(path, *args, **kwargs)

    client = create_app({"TESTING": True}, str(tmp_path)).test_client()
    monkeypatch.setattr(os, "open", no_room_for_the_marker)
    body = {"subscription": {"endpoint": FCM, "keys": browser_keys()}, "lang": "id"}
    response = client.post("/api/push/subscriptions", json=body)
    assert response.status_code == 503
    assert response.get_json()["error"] and response.get_json()["status"] == 503
    with sqlite3.connect(tmp_path / "guide.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM subscriptions").fetchone()[0] == 0
