"""The dispatcher delivering reminders to a real (local) push service over HTTPS."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tools.push_service import LocalPushService
from webapp import create_app
from webapp.core.services import service as get_service
from webapp.push.dispatcher import Dispatcher
from webapp.push.vapid import VapidKeys

from ..helpers import ROOT


@pytest.fixture
def service(tmp_path, monkeypatch):
    with LocalPushService(tmp_path / "push") as service:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", service.ca_bundle)
        yield service


@pytest.fixture
def instance(tmp_path):
    path = tmp_path / "instance"
    path.mkdir()
    return path


def settings(service) -> dict:
    return {
        "PUSH_SERVICE_HOSTS": service.host_entry,
        "REMINDER_MIN_DELAY": "1",
        "REMINDER_RETRY_BASE": "0",
        "PUSH_TIMEOUT": "1",
        "API_RATE_LIMIT": "1000 per minute",
    }


@pytest.fixture
def app(service, instance):
    config = {key: (int(v) if v.isdigit() else v) for key, v in settings(service).items()}
    app = create_app({"TESTING": True, **config}, str(instance))
    service.expect_vapid_key(get_service(VapidKeys, app).public)
    return app


def subscribe(app, service, lang="en") -> str:
    """The new subscription's key."""
    subscription = service.new_subscription()
    client = app.test_client()
    response = client.post(
        "/api/push/subscriptions", json={"subscription": subscription, "lang": lang}
    )
    assert response.status_code == 201
    return response.get_json()["token"]


def remind(app, token, step="ur-wait-reply") -> int:
    response = app.test_client().post(
        "/api/reminders",
        json={"step": step, "delay": 1},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 201
    return response.get_json()["id"]


def database(instance) -> sqlite3.Connection:
    connection = sqlite3.connect(instance / "guide.sqlite3", isolation_level=None)
    connection.row_factory = sqlite3.Row
    return connection


def make_due(instance) -> None:
    database(instance).execute("UPDATE reminders SET due_at = 0 WHERE state = 'pending'")


def reminder_state(instance, reminder_id):
    row = (
        database(instance)
        .execute("SELECT state, attempts FROM reminders WHERE id = ?", (reminder_id,))
        .fetchone()
    )
    return (row["state"], row["attempts"]) if row else None


def dispatch_once(app) -> None:
    with app.app_context():
        Dispatcher(app).run(once=True)


@pytest.mark.parametrize(
    ("lang", "title", "body"),
    [
        ("en", "Reminder", "It is time to look at the next step you saved."),
        ("id", "Pengingat", "Saatnya melihat langkah berikutnya yang kamu simpan."),
    ],
)
def test_the_decrypted_reminder_is_neutral_text_in_the_subscribers_language(
    app, service, instance, lang, title, body
):
    reminder_id = remind(app, subscribe(app, service, lang))
    make_due(instance)
    dispatch_once(app)
    (delivery,) = service.successful()
    assert delivery.vapid_ok
    assert delivery.payload["title"] == title
    assert delivery.payload["body"] == body
    assert delivery.payload["url"] == f"/{lang}/unlock-request#ur-wait-reply"
    assert delivery.headers["content-encoding"] == "aes128gcm"
    assert delivery.headers["ttl"] == "86400"
    assert delivery.headers["urgency"] == "normal"
    assert delivery.headers["topic"] == f"reminder-{reminder_id}"
    assert reminder_state(instance, reminder_id) == ("sent", 1)


def test_a_reminder_not_yet_due_is_not_sent(app, service, instance):
    remind(app, subscribe(app, service))
    dispatch_once(app)
    assert service.deliveries == []


@pytest.mark.parametrize("gone", [404, 410])
def test_a_gone_subscription_is_deleted_with_its_reminders(app, service, instance, gone):
    token = subscribe(app, service)
    reminder_id = remind(app, token)
    remind(app, token, step="pw-google-wait")
    service.respond_with(gone)
    make_due(instance)
    dispatch_once(app)
    assert reminder_state(instance, reminder_id) is None
    assert database(instance).execute("SELECT COUNT(*) FROM subscriptions").fetchone()[0] == 0
    assert database(instance).execute("SELECT COUNT(*) FROM reminders").fetchone()[0] == 0


@pytest.mark.parametrize("answer", [(429, 1), 500, 503, "hang"])
def test_busy_failing_or_hanging_services_are_retried_until_they_accept(
    app, service, instance, answer
):
    reminder_id = remind(app, subscribe(app, service))
    service.respond_with(answer)
    make_due(instance)
    dispatch_once(app)
    assert reminder_state(instance, reminder_id) == ("pending", 1)
    service.release()
    make_due(instance)  # the backoff has passed
    dispatch_once(app)
    assert reminder_state(instance, reminder_id) == ("sent", 2)
    assert len(service.successful()) == 1


def test_retries_are_bounded_then_the_reminder_fails(app, service, instance):
    reminder_id = remind(app, subscribe(app, service))
    for _ in range(5):
        service.respond_with(500)
        make_due(instance)
        dispatch_once(app)
    assert reminder_state(instance, reminder_id) == ("failed", 5)


@pytest.mark.parametrize("answer", [400, 401, 403, 413])
def test_our_own_bugs_fail_loudly_and_delete_nothing(app, service, instance, answer, caplog):
    reminder_id = remind(app, subscribe(app, service))
    service.respond_with(answer)
    make_due(instance)
    dispatch_once(app)
    assert reminder_state(instance, reminder_id) == ("failed", 1)
    assert database(instance).execute("SELECT COUNT(*) FROM subscriptions").fetchone()[0] == 1
    assert any(record.levelname == "ERROR" for record in caplog.records)


def test_a_redirect_is_never_followed(app, service, instance):
    reminder_id = remind(app, subscribe(app, service))
    other = service.new_subscription()["endpoint"]
    service.respond_with(("redirect", other))
    make_due(instance)
    dispatch_once(app)
    assert len(service.deliveries) == 1  # the redirect target was never posted to
    assert reminder_state(instance, reminder_id) == ("failed", 1)


def test_the_allowlist_is_checked_again_at_send_time(app, service, instance):
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        reminder_id = remind(app, subscribe(app, service))
        moved = f"https://127.0.0.1:{listener.getsockname()[1]}/push/x"
        database(instance).execute("UPDATE subscriptions SET endpoint = ?", (moved,))
        make_due(instance)
        dispatch_once(app)
        with pytest.raises(TimeoutError):
            listener.accept()
    assert reminder_state(instance, reminder_id) == ("failed", 1)
    assert service.deliveries == []


def dispatcher_process(service, instance, *args, **env) -> subprocess.Popen:
    environment = {
        **os.environ,
        **settings(service),
        "INSTANCE_PATH": str(instance),
        "REQUESTS_CA_BUNDLE": service.ca_bundle,
        "DISPATCH_INTERVAL": "1",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "reminders", "run", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_two_dispatchers_at_once_deliver_each_reminder_exactly_once(app, service, instance):
    tokens = [subscribe(app, service) for _ in range(4)]
    ids = [
        remind(app, token, step) for token in tokens for step in ("ur-wait-reply", "pw-google-wait")
    ]
    make_due(instance)
    first, second = (dispatcher_process(service, instance, "--once") for _ in range(2))
    assert first.wait(timeout=60) == 0 and second.wait(timeout=60) == 0
    topics = [delivery.headers["topic"] for delivery in service.successful()]
    assert sorted(topics) == sorted(f"reminder-{reminder_id}" for reminder_id in ids)


def test_a_dispatcher_killed_mid_send_is_restarted_and_still_delivers(app, service, instance):
    reminder_id = remind(app, subscribe(app, service))
    service.respond_with("hang")
    make_due(instance)
    dispatcher = dispatcher_process(service, instance, REMINDER_LEASE="2", PUSH_TIMEOUT="30")
    try:
        service.wait_for_deliveries(1, timeout=30)  # the dispatcher is now mid-send
    finally:
        dispatcher.send_signal(signal.SIGKILL)
        dispatcher.wait(timeout=10)
    service.release()
    assert reminder_state(instance, reminder_id)[0] == "sending"

    restarted = dispatcher_process(service, instance, REMINDER_LEASE="2")
    try:
        deadline = time.monotonic() + 30
        while not service.successful() and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        restarted.terminate()
        assert restarted.wait(timeout=15) == 0
    assert len(service.successful()) == 1
    assert reminder_state(instance, reminder_id)[0] == "sent"


def test_the_schema_allows_exactly_the_lifecycle_states():
    from webapp.push.db import SCHEMA
    from webapp.push.reminders import STATE_CHECK

    assert f"CHECK ({STATE_CHECK})" in SCHEMA


def test_the_payload_is_built_without_a_request(app):
    from flask import has_request_context

    from webapp.push.sender import build_payload

    with app.app_context():
        assert not has_request_context()
        payload = build_payload("ur-wait-reply", "id")
    assert '"url":"/id/unlock-request#ur-wait-reply"' in payload
