"""A poisoned subscription or a retired step cannot stop the dispatcher or repeat other
people's reminders: each such reminder ends as failed, the others are sent once, and
/healthz fails while reminders are overdue or the dispatcher keeps restarting."""

import time

import pytest
import requests

from webapp.push import liveness

from ..helpers import LiveServer
from .test_dispatcher import app, database, instance, service, settings
from .test_dispatcher_resilience import dispatcher_pids, wait_for

__all__ = ["app", "instance", "service"]  # fixtures, used by name

POISONED = "https://x..fcm.googleapis.com/fcm/send/p"  # an empty DNS label: IDNA refuses it


def subscribe(server: LiveServer, subscription: dict) -> requests.Response:
    return requests.post(
        server.url + "/api/push/subscriptions",
        json={"subscription": subscription, "lang": "en"},
        timeout=30,
    )


def remind(server: LiveServer, token: str) -> int:
    response = requests.post(
        server.url + "/api/reminders",
        json={"step": "ur-wait-reply", "delay": 1},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def states(instance) -> dict[int, str]:
    rows = database(instance).execute("SELECT id, state FROM reminders").fetchall()
    return {row["id"]: row["state"] for row in rows}


@pytest.mark.own_server
def test_a_poisoned_endpoint_and_a_retired_step_fail_alone_and_the_dispatcher_lives(
    service, tmp_path
):
    instance = tmp_path / "instance"
    env = {
        **settings(service),
        # The poisoned host is under an allowed service, as an attacker would pick it.
        "PUSH_SERVICE_HOSTS": f"{service.host_entry},fcm.googleapis.com",
        "START_DISPATCHER": "1",
        "DISPATCH_INTERVAL": "1",
        "REQUESTS_CA_BUNDLE": service.ca_bundle,
    }
    log = tmp_path / "gunicorn.log"
    server = LiveServer(instance, env, log=log).start()
    try:
        keys = requests.get(server.url + "/api/push/key", timeout=30).json()["publicKey"]
        service.expect_vapid_key(keys)

        # Refused at subscribe, and at change.
        poisoned = {**service.new_subscription(), "endpoint": POISONED}
        refused = subscribe(server, poisoned)
        assert refused.status_code == 400, refused.text
        good = subscribe(server, service.new_subscription()).json()["token"]
        changed = requests.put(
            server.url + "/api/push/subscription",
            json={"subscription": poisoned},
            headers={"Authorization": f"Bearer {good}"},
            timeout=30,
        )
        assert changed.status_code == 400, changed.text

        # A poisoned subscription stored before the check, and a step an upgrade retired.
        good_reminder = remind(server, good)
        retired_token = subscribe(server, service.new_subscription()).json()["token"]
        retired_reminder = remind(server, retired_token)
        db = database(instance)
        db.execute(
            "INSERT INTO subscriptions (endpoint, p256dh, auth, lang, created_at) "
            "VALUES (?, ?, ?, 'en', 0)",
            (POISONED, poisoned["keys"]["p256dh"], poisoned["keys"]["auth"]),
        )
        poisoned_id = db.execute("SELECT id FROM subscriptions WHERE endpoint = ?", (POISONED,))
        poisoned_reminder = db.execute(
            "INSERT INTO reminders (subscription_id, step, due_at) VALUES (?, 'ur-wait-reply', 0)",
            (poisoned_id.fetchone()["id"],),
        ).lastrowid
        db.execute("UPDATE reminders SET step = 'retired-step' WHERE id = ?", (retired_reminder,))
        [dispatcher] = wait_for(lambda: dispatcher_pids(server), "the dispatcher")
        db.execute("UPDATE reminders SET due_at = 0")  # all due at once: one round

        wait_for(
            lambda: (
                states(instance)
                == {good_reminder: "sent", retired_reminder: "failed", poisoned_reminder: "failed"}
            ),
            "the good reminder sent, the poisoned and retired ones failed",
        )
        # Another round completes after all are finished: nothing is sent again.
        finished = time.time()
        wait_for(
            lambda: (instance / liveness.HEARTBEAT_NAME).stat().st_mtime > finished + 1,
            "a round after the last outcome",
        )
        assert [delivery.status for delivery in service.deliveries] == [201]
        assert dispatcher_pids(server) == [dispatcher], "the dispatcher kept its process"
        assert "restarting" not in log.read_text()
        attempts = db.execute("SELECT attempts FROM reminders WHERE id = ?", (poisoned_reminder,))
        assert attempts.fetchone()["attempts"] == 1
        health = requests.get(server.url + "/healthz", timeout=30)
        assert health.status_code == 200, health.text
    finally:
        server.stop()
