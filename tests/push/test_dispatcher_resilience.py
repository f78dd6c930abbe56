"""The dispatcher never stays dead: a locked database is waited out, a killed dispatcher is
started again by gunicorn, and /healthz says whether reminders are being sent."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from ..helpers import ROOT, LiveServer
from .test_dispatcher import app, database, instance, remind, service, settings, subscribe

__all__ = ["app", "instance", "service"]  # fixtures, used by name

WAIT = 60  # seconds: generous for a busy machine; every wait ends with its event


def wait_for(condition, what: str, seconds: float = WAIT):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"{what}: not within {seconds}s")


def logged_dispatcher(service, instance, log: Path, **env) -> subprocess.Popen:
    environment = {
        **os.environ,
        **settings(service),
        "INSTANCE_PATH": str(instance),
        "REQUESTS_CA_BUNDLE": service.ca_bundle,
        "DISPATCH_INTERVAL": "1",
        "DATABASE_BUSY_SECONDS": "1",
        **env,
    }
    with log.open("wb") as output:
        return subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "app", "reminders", "run"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def state(instance, reminder_id) -> str | None:
    row = database(instance).execute("SELECT state FROM reminders WHERE id = ?", (reminder_id,))
    found = row.fetchone()
    return found["state"] if found else None


def exclusive_lock(instance) -> sqlite3.Connection:
    holder = sqlite3.connect(instance / "guide.sqlite3", isolation_level=None, timeout=30)
    holder.execute("BEGIN EXCLUSIVE")
    return holder


def stop(process: subprocess.Popen) -> int:
    process.terminate()
    return process.wait(timeout=30)


def test_a_lock_held_past_the_busy_timeout_is_waited_out_and_the_reminder_sent_once(
    app, service, instance, tmp_path
):
    reminder_id = remind(app, subscribe(app, service))
    log = tmp_path / "dispatcher.log"
    dispatcher = logged_dispatcher(service, instance, log)
    try:
        wait_for(lambda: (instance / "dispatcher-heartbeat").exists(), "a first round")
        holder = exclusive_lock(instance)
        # Due while the lock is held: the dispatcher cannot claim it, or anything else.
        holder.execute("UPDATE reminders SET due_at = 0 WHERE id = ?", (reminder_id,))
        wait_for(lambda: "database is locked" in log.read_text(), "a round failing on the lock")
        wait_for(lambda: log.read_text().count("round failed") >= 2, "a second failed round")
        assert dispatcher.poll() is None, "the dispatcher must outlive the lock"
        holder.execute("COMMIT")
        holder.close()
        service.wait_for_deliveries(1, timeout=WAIT)
        wait_for(lambda: state(instance, reminder_id) == "sent", "the reminder recorded as sent")
        wait_for(lambda: "rounds succeed again" in log.read_text(), "the recovery logged")
    finally:
        assert stop(dispatcher) == 0
    assert len(service.deliveries) == 1


def test_an_outcome_the_locked_database_refuses_is_written_once_the_lock_goes(
    app, service, instance, tmp_path
):
    """Answered while another process holds the lock: the outcome is kept and written once
    the lock goes, and nothing is sent more often than its outcomes say."""
    reminder_id = remind(app, subscribe(app, service))
    service.respond_with("hang")
    database(instance).execute("UPDATE reminders SET due_at = 0")
    log = tmp_path / "dispatcher.log"
    dispatcher = logged_dispatcher(service, instance, log, PUSH_TIMEOUT="120")
    try:
        service.wait_for_deliveries(1, timeout=WAIT)  # mid-send
        holder = exclusive_lock(instance)
        service.release()  # the push service drops the request: a retry, to be written
        wait_for(lambda: "database is locked" in log.read_text(), "recording failing on the lock")
        assert dispatcher.poll() is None
        holder.execute("ROLLBACK")
        holder.close()
        wait_for(lambda: state(instance, reminder_id) == "sent", "the outcome written")
    finally:
        assert stop(dispatcher) == 0
    # The released request was dropped, not answered (the local service's "hang"): that
    # outcome, a retry, was written once the lock went; the retry was then sent once.
    text = log.read_text()
    assert text.index("database is locked") < text.index("retry 1")
    assert [delivery.status for delivery in service.deliveries] == [None, 201]


def dispatcher_pids(server: LiveServer) -> list[int]:
    """gunicorn's children running `flask ... reminders run` (started by any of its threads:
    the supervisor thread starts the replacements)."""
    children = []
    for task in Path(f"/proc/{server.process.pid}/task").iterdir():
        try:
            children += (task / "children").read_text().split()
        except OSError:
            continue
    found = []
    for child in children:
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"reminders" in command and b"run" in command:
            found.append(int(child))
    return found


def health(server: LiveServer) -> tuple[int, dict]:
    response = requests.get(server.url + "/healthz", timeout=30)
    return response.status_code, response.json()


@pytest.mark.own_server
def test_gunicorn_restarts_a_killed_dispatcher_and_healthz_follows(service, tmp_path):
    env = {
        **settings(service),
        "START_DISPATCHER": "1",
        "DISPATCH_INTERVAL": "1",
        "HEALTH_MAX_ROUND_AGE": "20",
        "REQUESTS_CA_BUNDLE": service.ca_bundle,
    }
    server = LiveServer(tmp_path / "instance", env, log=tmp_path / "gunicorn.log").start()
    try:
        status, report = health(server)  # the database exists from the start
        assert report["database"]["state"] == "ok"
        wait_for(lambda: health(server)[0] == 200, "/healthz 200 once a round completed")
        [first] = wait_for(lambda: dispatcher_pids(server), "the dispatcher")
        os.kill(first, signal.SIGKILL)
        [second] = wait_for(
            lambda: [pid for pid in dispatcher_pids(server) if pid != first], "a new dispatcher"
        )
        assert second != first
        text = (tmp_path / "gunicorn.log").read_text()
        assert f"reminder dispatcher (pid {first}) exited" in text
        assert "status 0" not in text  # reaped by gunicorn: the status is not known
        from webapp.push import liveness

        assert liveness.restarts_since(tmp_path / "instance", 0) == 1

        # The new one sends: a reminder made through the API, due at once.
        keys = requests.get(server.url + "/api/push/key", timeout=30).json()["publicKey"]
        service.expect_vapid_key(keys)
        subscribed = requests.post(
            server.url + "/api/push/subscriptions",
            json={"subscription": service.new_subscription(), "lang": "id"},
            timeout=30,
        )
        assert subscribed.status_code == 201
        reminder = requests.post(
            server.url + "/api/reminders",
            json={"step": "ur-wait-reply", "delay": 1},
            headers={"Authorization": f"Bearer {subscribed.json()['token']}"},
            timeout=30,
        )
        assert reminder.status_code == 201
        [delivery] = service.wait_for_deliveries(1, timeout=WAIT)
        assert delivery.headers["topic"] == f"reminder-{reminder.json()['id']}"
    finally:
        server.stop()


def test_healthz_is_503_when_the_database_is_missing_or_the_last_round_is_old(app, instance):
    client = app.test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["database"] == {"state": "missing"}
    assert response.json["dispatcher"]["state"] == "never ran"
    assert response.headers["Cache-Control"] == "no-store"

    with app.app_context():
        from webapp.core.services import service as get_service
        from webapp.push.db import Schema

        get_service(Schema, app).ensure(app)
    heartbeat = instance / "dispatcher-heartbeat"
    heartbeat.touch()
    response = client.get("/healthz")
    assert response.status_code == 200, response.json
    assert response.json["status"] == "ok"
    assert "pending_reminders" not in response.json["database"]  # public: no counts

    old = time.time() - 3600
    os.utime(heartbeat, (old, old))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["dispatcher"]["state"] == "late"


def healthy_instance(app, instance):
    with app.app_context():
        from webapp.core.services import service as get_service
        from webapp.push.db import Schema

        get_service(Schema, app).ensure(app)
    (instance / "dispatcher-heartbeat").touch()
    assert app.test_client().get("/healthz").status_code == 200


def test_healthz_fails_while_a_reminder_is_overdue_past_its_lease(app, instance, service):
    healthy_instance(app, instance)
    reminder_id = remind(app, subscribe(app, service))
    lease = app.config["REMINDER_LEASE"]
    # Overdue, but within its lease and a minute: still healthy.
    database(instance).execute(
        "UPDATE reminders SET due_at = ? WHERE id = ?", (time.time() - lease - 30, reminder_id)
    )
    assert app.test_client().get("/healthz").status_code == 200
    database(instance).execute(
        "UPDATE reminders SET due_at = ? WHERE id = ?", (time.time() - lease - 90, reminder_id)
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["reminders"] == {"state": "overdue"}


def test_healthz_fails_when_the_dispatcher_restarted_more_than_3_times_in_10_minutes(app, instance):
    from webapp.push import liveness

    healthy_instance(app, instance)
    liveness.record_restart(instance, time.time() - 700)  # older than 10 minutes
    for _ in range(3):
        liveness.record_restart(instance)
    assert app.test_client().get("/healthz").status_code == 200
    liveness.record_restart(instance)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["dispatcher"] == {"state": "restarting"}


def test_the_dispatcher_tells_systemd_it_is_ready_and_alive_after_each_round(
    app, service, instance, tmp_path
):
    import socket as sockets

    address = tmp_path / "notify"
    with sockets.socket(sockets.AF_UNIX, sockets.SOCK_DGRAM) as listener:
        listener.bind(str(address))
        listener.settimeout(WAIT)
        dispatcher = logged_dispatcher(
            service, instance, tmp_path / "dispatcher.log", NOTIFY_SOCKET=str(address)
        )
        try:
            messages = [listener.recv(100) for _ in range(3)]
        finally:
            assert stop(dispatcher) == 0
    assert messages == [b"READY=1", b"WATCHDOG=1", b"WATCHDOG=1"]


@pytest.mark.own_server
def test_a_hung_dispatcher_is_killed_and_started_again(service, tmp_path):
    env = {
        **settings(service),
        "START_DISPATCHER": "1",
        "DISPATCH_INTERVAL": "1",
        "HEALTH_MAX_ROUND_AGE": "4",
        "REQUESTS_CA_BUNDLE": service.ca_bundle,
    }
    server = LiveServer(tmp_path / "instance", env, log=tmp_path / "gunicorn.log").start()
    try:
        wait_for(lambda: health(server)[0] == 200, "/healthz 200 once a round completed")
        [first] = wait_for(lambda: dispatcher_pids(server), "the dispatcher")
        os.kill(first, signal.SIGSTOP)  # alive, but sends nothing
        [second] = wait_for(
            lambda: [pid for pid in dispatcher_pids(server) if pid != first], "a new dispatcher"
        )
        assert second != first
        assert f"(pid {first}) hung" in (tmp_path / "gunicorn.log").read_text()
        wait_for(lambda: health(server)[0] == 200, "/healthz 200 again")
    finally:
        server.stop()
