"""Nothing kept longer than needed: finished reminders after 7 days, subscriptions with
nothing pending after 30 days of quiet; a cap on subscriptions in all."""

import logging
import sqlite3
import time

import pytest

from webapp import create_app

from .test_dispatcher import dispatch_once
from .test_push_api import FCM, bearer, browser_keys, remind, subscribe, token_of

DAY = 24 * 3600


@pytest.fixture
def app(tmp_path):
    return create_app({"TESTING": True, "API_RATE_LIMIT": "1000 per minute"}, str(tmp_path))


def db(tmp_path) -> sqlite3.Connection:
    connection = sqlite3.connect(tmp_path / "guide.sqlite3", isolation_level=None)
    connection.row_factory = sqlite3.Row
    return connection


def age_reminder(tmp_path, reminder_id, state, days_ago):
    finished = time.time() - days_ago * DAY
    db(tmp_path).execute(
        "UPDATE reminders SET state = ?, finished_at = ?, due_at = ? WHERE id = ?",
        (state, finished, finished, reminder_id),
    )


def quiet_for(tmp_path, endpoint, days):
    db(tmp_path).execute(
        "UPDATE subscriptions SET last_active_at = ?, created_at = ? WHERE endpoint = ?",
        (time.time() - days * DAY, time.time() - days * DAY, endpoint),
    )


def reminder_ids(tmp_path) -> set[int]:
    return {row["id"] for row in db(tmp_path).execute("SELECT id FROM reminders")}


def endpoints(tmp_path) -> set[str]:
    return {row["endpoint"] for row in db(tmp_path).execute("SELECT endpoint FROM subscriptions")}


def test_sent_and_failed_reminders_are_deleted_after_seven_days_pending_ones_never(app, tmp_path):
    client = app.test_client()
    token = token_of(client)
    old_sent, old_failed, young_sent, pending = (
        remind(client, token).get_json()["id"] for _ in range(4)
    )
    age_reminder(tmp_path, old_sent, "sent", 7.1)
    age_reminder(tmp_path, old_failed, "failed", 8)
    age_reminder(tmp_path, young_sent, "sent", 6.9)
    db(tmp_path).execute("UPDATE reminders SET due_at = 0 WHERE id = ?", (pending,))
    db(tmp_path).execute(
        "UPDATE reminders SET state = 'sending', lease_until = 9e12 WHERE id = ?", (pending,)
    )
    dispatch_once(app)
    assert reminder_ids(tmp_path) == {young_sent, pending}


def test_a_subscription_with_nothing_pending_goes_after_thirty_quiet_days(app, tmp_path):
    client = app.test_client()
    quiet, recent, waiting = (f"{FCM}-quiet", f"{FCM}-recent", f"{FCM}-waiting")
    quiet_token = token_of(client, endpoint=quiet)
    recent_token = token_of(client, endpoint=recent)
    waiting_token = token_of(client, endpoint=waiting)
    sent = remind(client, quiet_token).get_json()["id"]
    age_reminder(tmp_path, sent, "sent", 3)  # sent 3 days ago: kept 7 days, but ...
    age_reminder(tmp_path, remind(client, recent_token).get_json()["id"], "sent", 3)
    remind(client, waiting_token, delay=30 * DAY)  # pending: its subscription stays
    quiet_for(tmp_path, quiet, 30.1)  # ... its subscription has been quiet for 30 days
    quiet_for(tmp_path, recent, 29.9)
    quiet_for(tmp_path, waiting, 45)
    dispatch_once(app)
    assert endpoints(tmp_path) == {recent, waiting}
    assert sent not in reminder_ids(tmp_path)  # went with its subscription
    assert client.get("/api/reminders", headers=bearer(quiet_token)).status_code == 404


def test_activity_restarts_the_thirty_days(app, tmp_path):
    client = app.test_client()
    token = token_of(client)
    quiet_for(tmp_path, FCM, 40)
    reminder = remind(client, token).get_json()["id"]  # activity: now
    age_reminder(tmp_path, reminder, "sent", 0)
    dispatch_once(app)
    assert endpoints(tmp_path) == {FCM}


def test_the_periods_are_settings_and_the_purge_has_a_command(tmp_path):
    app = create_app(
        {"TESTING": True, "REMINDER_RETENTION": 60, "SUBSCRIPTION_RETENTION": 120}, str(tmp_path)
    )
    client = app.test_client()
    token = token_of(client)
    reminder = remind(client, token).get_json()["id"]
    age_reminder(tmp_path, reminder, "sent", 61 / DAY)
    result = app.test_cli_runner().invoke(args=["reminders", "purge"])
    assert result.exit_code == 0
    assert "deleted 1 finished reminders and 0 idle subscriptions" in result.output
    quiet_for(tmp_path, FCM, 121 / DAY)
    result = app.test_cli_runner().invoke(args=["reminders", "purge"])
    assert "deleted 0 finished reminders and 1 idle subscriptions" in result.output


def test_past_the_cap_with_a_reminder_waiting_everywhere_subscribing_is_a_503(tmp_path, caplog):
    app = create_app({"TESTING": True, "MAX_SUBSCRIPTIONS": 2}, str(tmp_path))
    client = app.test_client()
    first = token_of(client, endpoint=f"{FCM}-1")
    second = token_of(client, endpoint=f"{FCM}-2")
    for token in (first, second):
        assert remind(client, token).status_code == 201
    with caplog.at_level(logging.WARNING):
        refused = subscribe(client, endpoint=f"{FCM}-3", headers={"Accept-Language": "en"})
    assert refused.status_code == 503
    assert "too many people use them" in refused.get_json()["error"]
    assert refused.headers["Retry-After"]
    assert any("cap of 2 push subscriptions" in r.getMessage() for r in caplog.records)
    assert len(endpoints(tmp_path)) == 2
    # Room again: one removed by its owner.
    assert client.delete("/api/push/subscription", headers=bearer(first)).status_code == 204
    assert subscribe(client, endpoint=f"{FCM}-3").status_code == 201
    assert endpoints(tmp_path) == {f"{FCM}-2", f"{FCM}-3"}


def test_at_the_cap_the_longest_unused_subscription_with_nothing_waiting_makes_room(tmp_path):
    app = create_app({"TESTING": True, "MAX_SUBSCRIPTIONS": 3}, str(tmp_path))
    client = app.test_client()
    waiting = token_of(client, endpoint=f"{FCM}-waiting")
    assert remind(client, waiting).status_code == 201
    token_of(client, endpoint=f"{FCM}-old")
    token_of(client, endpoint=f"{FCM}-newer")
    quiet_for(tmp_path, f"{FCM}-waiting", 2)  # the oldest, but its reminder is waiting
    quiet_for(tmp_path, f"{FCM}-old", 1)
    assert subscribe(client, endpoint=f"{FCM}-new").status_code == 201
    assert endpoints(tmp_path) == {f"{FCM}-waiting", f"{FCM}-newer", f"{FCM}-new"}


def test_a_subscription_never_used_goes_after_six_hours(app, tmp_path):
    client = app.test_client()
    token_of(client, endpoint=f"{FCM}-unused")
    used = token_of(client, endpoint=f"{FCM}-used")
    reminder = remind(client, used).get_json()["id"]
    client.delete(f"/api/reminders/{reminder}", headers=bearer(used))  # set once, cancelled
    for endpoint in (f"{FCM}-unused", f"{FCM}-used"):
        db(tmp_path).execute(
            "UPDATE subscriptions SET created_at = created_at - ?, "
            "last_active_at = last_active_at - ? WHERE endpoint = ?",
            (5 * 3600, 5 * 3600, endpoint),
        )
    app.test_cli_runner().invoke(args=["reminders", "purge"])
    assert len(endpoints(tmp_path)) == 2  # five hours: both kept
    quiet_for(tmp_path, f"{FCM}-unused", 7 / 24)
    db(tmp_path).execute(
        "UPDATE subscriptions SET created_at = created_at - ? WHERE endpoint = ?",
        (2 * 3600, f"{FCM}-used"),
    )
    result = app.test_cli_runner().invoke(args=["reminders", "purge"])
    assert "1 idle subscriptions" in result.output
    assert endpoints(tmp_path) == {f"{FCM}-used"}  # once set, the 30 days apply


def test_one_client_cannot_fill_the_cap_and_lock_out_the_next_person(tmp_path):
    """Through gunicorn: the cap filled from one address, a newcomer still subscribes; one
    network's quota is shared by its IPv6 /64, another /64 has its own."""
    app = create_app({"TESTING": True, "MAX_SUBSCRIPTIONS": 5}, str(tmp_path / "app"))
    client = app.test_client()
    filler = {"REMOTE_ADDR": "2001:db8:1:2::10"}
    for number in range(5):
        response = client.post(
            "/api/push/subscriptions",
            json={"subscription": {"endpoint": f"{FCM}-fill{number}", "keys": browser_keys()},
                  "lang": "en"},
            environ_base={**filler, "REMOTE_ADDR": f"2001:db8:1:2::{number + 10}"},
        )  # fmt: skip
        assert response.status_code == 201
    newcomer = client.post(
        "/api/push/subscriptions",
        json={"subscription": {"endpoint": f"{FCM}-me", "keys": browser_keys()}, "lang": "id"},
        environ_base={"REMOTE_ADDR": "2001:db8:9:9::1"},
    )
    assert newcomer.status_code == 201
    assert len(endpoints(tmp_path / "app")) == 5


def test_one_network_may_subscribe_thirty_times_an_hour(tmp_path):
    app = create_app({"TESTING": True}, str(tmp_path))
    client = app.test_client()

    def attempt(address):
        return client.post(
            "/api/push/subscriptions", json={}, environ_base={"REMOTE_ADDR": address}
        ).status_code

    assert {attempt(f"2001:db8:1:2::{number}") for number in range(30)} == {400}
    assert attempt("2001:db8:1:2:ffff::1") == 429  # the same /64
    assert attempt("2001:db8:1:3::1") == 400  # another /64
    assert attempt("198.51.100.7") == 400


@pytest.mark.parametrize(("lang", "text"), [("en", "7 days after it was sent"), ("id", "7 hari")])
def test_the_about_page_states_the_periods(client, lang, text):
    page = client.get(f"/{lang}/about").get_data(as_text=True)
    assert text in page and "30" in page
    fair = {
        "en": ("deleted after 6 hours", "at most 30 times an hour", "never removed for someone"),
        "id": ("dihapus setelah 6 jam", "paling banyak 30 kali per jam", "tidak pernah dihapus"),
    }[lang]
    for rule in fair:
        assert rule in page
