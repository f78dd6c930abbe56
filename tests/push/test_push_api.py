"""The push reminders API over HTTP: the rules of every input, and JSON errors."""

import base64
import hashlib
import os
import socket
import sqlite3
import stat
import threading

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from webapp import create_app, prepare
from webapp.core.services import service
from webapp.push.vapid import VapidKeys

FCM = "https://fcm.googleapis.com/fcm/send/abc123"


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def browser_keys() -> dict:
    point = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    )
    return {"p256dh": b64url(point), "auth": b64url(os.urandom(16))}


@pytest.fixture
def api(tmp_path):
    app = create_app({"TESTING": True, "API_RATE_LIMIT": "1000 per minute"}, str(tmp_path))
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def subscribe(api, endpoint=FCM, lang="en", keys=None, headers=None):
    body = {"subscription": {"endpoint": endpoint, "keys": keys or browser_keys()}, "lang": lang}
    return api.post("/api/push/subscriptions", json=body, headers=headers)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def token_of(api, endpoint=FCM, **options) -> str:
    response = subscribe(api, endpoint=endpoint, **options)
    assert response.status_code == 201, response.get_json()
    return response.get_json()["token"]


def remind(api, token, step="ur-wait-reply", delay=86400):
    return api.post("/api/reminders", json={"step": step, "delay": delay}, headers=bearer(token))


def listed(api, token) -> list[int]:
    response = api.get("/api/reminders", headers=bearer(token))
    assert response.status_code == 200, response.get_json()
    return [reminder["id"] for reminder in response.get_json()["reminders"]]


def test_the_public_key_is_an_uncompressed_p256_point(api):
    key = api.get("/api/push/key").get_json()["publicKey"]
    raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert len(raw) == 65 and raw[0] == 4
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)


def test_subscribing_returns_a_key_once_and_unsubscribing_removes_the_reminders(api):
    token = token_of(api)
    created = remind(api, token)
    assert created.status_code == 201
    body = created.get_json()
    assert body["due_at"].endswith("Z") and body["step"] == "ur-wait-reply"
    assert listed(api, token) == [body["id"]]
    assert api.delete("/api/push/subscription", headers=bearer(token)).status_code == 204
    gone = api.get("/api/reminders", headers=bearer(token))
    assert gone.status_code == 404 and "not known" in gone.get_json()["error"]


# ---------- the subscription's key ----------


def stored_subscription(tmp_path, endpoint=FCM) -> sqlite3.Row:
    db = sqlite3.connect(tmp_path / "guide.sqlite3")
    db.row_factory = sqlite3.Row
    return db.execute("SELECT * FROM subscriptions WHERE endpoint = ?", (endpoint,)).fetchone()


def test_the_key_carries_256_secret_bits_of_which_only_a_hash_is_kept(api, tmp_path):
    token = token_of(api)
    selector, secret = token.split(".")
    assert len(base64.urlsafe_b64decode(secret + "=")) == 32
    row = stored_subscription(tmp_path)
    assert row["token_selector"] == selector
    assert row["token_hash"] == hashlib.sha256(secret.encode()).hexdigest()
    raw = (tmp_path / "guide.sqlite3").read_bytes() + (tmp_path / "guide.sqlite3-wal").read_bytes()
    assert secret.encode() not in raw
    assert token_of(api, endpoint=FCM + "-other") != token  # a fresh key each time


def requests_needing_the_key(reminder_id=1):
    return [
        ("get", "/api/reminders", None),
        ("post", "/api/reminders", {"step": "ur-wait-reply", "delay": 86400}),
        ("delete", f"/api/reminders/{reminder_id}", None),
        ("delete", "/api/push/subscription", None),
        (
            "put",
            "/api/push/subscription",
            {"subscription": {"endpoint": FCM, "keys": browser_keys()}},
        ),
    ]


@pytest.mark.parametrize(("method", "path", "body"), requests_needing_the_key())
@pytest.mark.parametrize(
    "authorization",
    [None, "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer not-a-key", "Bearer " + "a" * 56],
)
def test_without_a_well_formed_key_every_request_about_a_subscription_is_401(
    api, tmp_path, method, path, body, authorization
):
    token_of(api)
    before = stored_subscription(tmp_path)
    headers = {"Authorization": authorization} if authorization is not None else {}
    response = getattr(api, method)(path, json=body, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"] and response.headers["WWW-Authenticate"].startswith(
        "Bearer"
    )
    assert dict(stored_subscription(tmp_path)) == dict(before)  # nothing changed


@pytest.mark.parametrize(("method", "path", "body"), requests_needing_the_key())
def test_a_wrong_secret_is_401_and_an_unknown_subscription_404(api, tmp_path, method, path, body):
    token = token_of(api)
    reminder_id = remind(api, token).get_json()["id"]
    selector, secret = token.split(".")
    path = path.replace("/1", f"/{reminder_id}")
    wrong_secret = f"{selector}.{'A' * 43}"
    response = getattr(api, method)(path, json=body, headers=bearer(wrong_secret))
    assert response.status_code == 401, response.get_json()
    unknown = f"{'B' * 12}.{secret}"
    response = getattr(api, method)(path, json=body, headers=bearer(unknown))
    assert response.status_code == 404, response.get_json()
    assert listed(api, token) == [reminder_id]  # nothing was cancelled or moved


def test_another_subscriptions_key_finds_none_of_my_reminders(api):
    mine = token_of(api)
    theirs = token_of(api, endpoint="https://updates.push.services.mozilla.com/wpush/v2/xyz")
    reminder_id = remind(api, mine).get_json()["id"]
    assert listed(api, theirs) == []
    refused = api.delete(f"/api/reminders/{reminder_id}", headers=bearer(theirs))
    assert refused.status_code == 404
    assert api.delete(f"/api/reminders/{reminder_id}", headers=bearer(mine)).status_code == 204
    assert api.delete(f"/api/reminders/{reminder_id}", headers=bearer(mine)).status_code == 404


def test_subscribing_again_with_other_keys_never_replaces_the_keys(api, tmp_path):
    token = token_of(api)
    before = stored_subscription(tmp_path)
    for headers in (None, bearer(f"{'C' * 12}.{'D' * 43}"), bearer(token)):
        again = subscribe(api, keys=browser_keys(), headers=headers)
        assert again.status_code == 409
        assert "already registered" in again.get_json()["error"]
        assert "token" not in again.get_json()
    assert dict(stored_subscription(tmp_path)) == dict(before)


def test_only_the_key_changes_the_endpoint_and_keys_and_the_reminders_follow(api, tmp_path):
    token = token_of(api, lang="id")
    reminder_id = remind(api, token).get_json()["id"]
    renewed = {"endpoint": FCM + "-renewed", "keys": browser_keys()}
    response = api.put(
        "/api/push/subscription", json={"subscription": renewed}, headers=bearer(token)
    )
    assert response.status_code == 200 and response.get_json() == {"lang": "id"}
    assert stored_subscription(tmp_path) is None
    row = stored_subscription(tmp_path, renewed["endpoint"])
    assert (row["p256dh"], row["auth"]) == (renewed["keys"]["p256dh"], renewed["keys"]["auth"])
    assert listed(api, token) == [reminder_id]


def test_changing_to_another_subscriptions_endpoint_is_refused(api, tmp_path):
    other = "https://updates.push.services.mozilla.com/wpush/v2/xyz"
    token = token_of(api)
    token_of(api, endpoint=other)
    before = stored_subscription(tmp_path, other)
    response = api.put(
        "/api/push/subscription",
        json={"subscription": {"endpoint": other, "keys": browser_keys()}},
        headers=bearer(token),
    )
    assert response.status_code == 409
    assert dict(stored_subscription(tmp_path, other)) == dict(before)


@pytest.mark.parametrize(
    ("step", "delay"),
    [
        ("no-such-step", 86400),
        ("ur-wait-reply", 60),  # below REMINDER_MIN_DELAY
        ("ur-wait-reply", 31 * 86400),  # above 30 days
        ("ur-wait-reply", True),
        ("ur-wait-reply", "86400"),
        ("ur-wait-reply", 86400.5),
        (None, 86400),
    ],
)
def test_a_reminder_needs_a_real_step_and_a_delay_within_bounds(api, step, delay):
    response = remind(api, token_of(api), step=step, delay=delay)
    assert response.status_code == 400
    assert response.get_json()["error"]


def test_a_delay_written_as_a_whole_float_is_the_whole_number(api):
    """The document says "integer", and JSON Schema counts 86400.0 as one."""
    response = remind(api, token_of(api), delay=86400.0)
    assert response.status_code == 201
    assert response.get_json()["step"] == "ur-wait-reply"


def test_at_most_twenty_pending_reminders_per_subscription(api):
    token = token_of(api)
    for _ in range(20):
        assert remind(api, token).status_code == 201
    refused = remind(api, token)
    assert refused.status_code == 429
    assert "Cancel one first" in refused.get_json()["error"]


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://fcm.googleapis.com/fcm/send/x",  # not https
        "https://fcm.googleapis.com:8443/fcm/send/x",  # another port
        "https://evilfcm.googleapis.com/x",  # look-alike
        "https://fcm.googleapis.com.evil.example/x",
        "https://fcm.googleapis.com@evil.example/x",  # userinfo trick
        "https://user:pass@fcm.googleapis.com/x",
        "https://127.0.0.1/x",
        "https://[::1]/x",
        "https://[::ffff:127.0.0.1]/x",
        "https://2130706433/x",  # 127.0.0.1 as a decimal
        "https://0x7f000001/x",
        "https://localhost/x",
        "https://10.0.0.1/x",
        "https://example.com/x",
        "javascript:alert(1)",
        "https://fcm.googleapis.com/x y",
        "",
        None,
        12,
        "https://" + "a" * 1100,
    ],
)
def test_endpoints_off_the_allowlist_are_refused_before_any_request(api, endpoint):
    response = subscribe(api, endpoint=endpoint)
    assert response.status_code == 400
    assert response.is_json and response.get_json()["error"]


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://fcm.googleapis.com/fcm/send/x",
        "https://updates.push.services.mozilla.com/wpush/v2/x",
        "https://db5p.notify.windows.com/w/?token=x",
        "https://web.push.apple.com/QGx",
    ],
)
def test_real_push_services_are_accepted(api, endpoint):
    assert subscribe(api, endpoint=endpoint).status_code == 201


def test_a_listener_on_a_host_we_did_not_choose_gets_no_connection(api):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        response = subscribe(api, endpoint=f"https://127.0.0.1:{port}/push/1")
        assert response.status_code == 400
        with pytest.raises(TimeoutError):
            listener.accept()


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"p256dh": b64url(b"\x04" + b"\x01" * 64), "auth": b64url(os.urandom(16))}, "P-256"),
        ({"p256dh": b64url(os.urandom(64)), "auth": b64url(os.urandom(16))}, "65 bytes"),
        ({**browser_keys(), "auth": b64url(os.urandom(12))}, "16 bytes"),
        ({**browser_keys(), "auth": "not base64!"}, "base64url"),
        ({"auth": b64url(os.urandom(16))}, "base64url"),
    ],
)
def test_keys_must_decode_to_a_p256_point_and_16_bytes(api, keys, message):
    response = subscribe(api, keys=keys)
    assert response.status_code == 400
    assert message in response.get_json()["error"]


def test_the_language_must_be_one_we_speak(api):
    assert subscribe(api, lang="fr").status_code == 400


def test_malformed_json_wrong_type_and_oversized_bodies_get_json_errors(api):
    key = bearer(token_of(api))
    malformed = api.post(
        "/api/reminders", data="{oops", content_type="application/json", headers=key
    )
    assert malformed.status_code == 400 and malformed.get_json()["error"]
    array = api.post("/api/reminders", json=[1, 2], headers=key)
    assert array.status_code == 400
    not_json = api.post("/api/reminders", data="step=x", content_type="text/plain", headers=key)
    assert not_json.status_code == 415 and not_json.get_json()["error"]
    huge = api.post(
        "/api/reminders",
        data="{" + " " * 10_000 + "}",
        content_type="application/json",
        headers=key,
    )
    assert huge.status_code == 413 and huge.get_json()["error"]


def test_errors_speak_the_persons_language(api):
    english = api.post("/api/push/subscriptions", json=[], headers={"Accept-Language": "en"})
    assert english.get_json()["error"] == "The request must be a JSON object."
    indonesian = api.post("/api/push/subscriptions", json=[], headers={"Accept-Language": "id-ID"})
    assert indonesian.get_json()["error"] != "The request must be a JSON object."


def test_too_many_requests_from_one_client_get_429(tmp_path):
    client = create_app(
        {"TESTING": True, "API_RATE_LIMIT": "5 per minute"}, str(tmp_path)
    ).test_client()
    statuses = [client.get("/api/push/key").status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    limited = client.get("/api/push/key")
    assert limited.get_json()["error"] and "Retry-After" in limited.headers


def test_a_refused_subscription_says_how_long_the_hourly_limit_lasts(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "API_RATE_LIMIT": "1000 per minute",
            "SUBSCRIBE_RATE_LIMIT": "2 per hour",
        },
        str(tmp_path),
    )
    client = app.test_client()
    for n in range(2):
        assert subscribe(client, endpoint=f"{FCM}{n}").status_code == 201
    english = subscribe(client, endpoint=f"{FCM}x", headers={"Accept-Language": "en"})
    assert english.status_code == 429
    assert english.headers["Retry-After"] == "3600"
    assert english.get_json()["error"] == (
        "Too many requests from this network. Please try again in 60 minutes."
    )
    indonesian = subscribe(client, endpoint=f"{FCM}y", headers={"Accept-Language": "id"})
    assert "60" in indonesian.get_json()["error"]
    assert indonesian.get_json()["error"] != english.get_json()["error"]
    # The API-wide limit is per minute, and still says so.
    assert client.get("/api/push/key").headers.get("Retry-After") is None


def test_concurrent_reminders_are_all_kept_and_never_duplicated(tmp_path):
    app = create_app({"TESTING": True, "API_RATE_LIMIT": "1000 per minute"}, str(tmp_path))
    token = token_of(app.test_client())
    statuses = []

    def add_five():
        client = app.test_client()
        for _ in range(5):
            statuses.append(remind(client, token).status_code)

    threads = [threading.Thread(target=add_five) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(201) == 20 and statuses.count(429) == 10
    ids = listed(app.test_client(), token)
    assert len(ids) == len(set(ids)) == 20


def test_wipe_forgets_the_subscription_and_its_reminders_given_its_key(api):
    token = token_of(api)
    remind(api, token)
    wrong = api.post("/api/wipe", json={}, headers=bearer(token.split(".")[0] + "." + "A" * 43))
    assert wrong.status_code == 401
    assert listed(api, token)
    response = api.post("/api/wipe", json={}, headers=bearer(token))
    assert response.get_json()["removed"] == ["language", "reminders"]
    assert api.get("/api/reminders", headers=bearer(token)).status_code == 404
    again = api.post("/api/wipe", json={}, headers=bearer(token))  # already gone: fine
    assert again.status_code == 200 and again.get_json()["removed"] == ["language"]


def forgets_the_language(response) -> bool:
    return any(c.startswith("lang=;") for c in response.headers.getlist("Set-Cookie"))


@pytest.mark.parametrize("key", ["wrong secret", "malformed", "unknown"])
def test_wipe_forgets_the_language_whatever_the_key_and_the_subscription_only_with_its_own(
    api, key
):
    token = token_of(api)
    remind(api, token)
    sent = {
        "wrong secret": token.split(".")[0] + "." + "A" * 43,
        "malformed": "not-a-key",
        "unknown": "A" * 12 + "." + "A" * 43,
    }[key]
    api.set_cookie("lang", "id")
    response = api.post("/api/wipe", json={}, headers=bearer(sent))
    assert response.status_code == (200 if key == "unknown" else 401)
    assert forgets_the_language(response)
    assert listed(api, token)  # the subscription needs its own key


def test_a_wipe_refused_before_it_is_read_forgets_nothing(api):
    api.set_cookie("lang", "id")
    refused = api.post("/api/wipe", json=[], headers={"Accept-Language": "en"})
    assert refused.status_code == 400 and not forgets_the_language(refused)


# ---------- the VAPID key ----------


def test_the_key_is_made_once_readable_by_the_owner_only_and_reused(tmp_path):
    first = service(VapidKeys, create_app({"TESTING": True}, str(tmp_path))).public
    key_file = tmp_path / "vapid_private_key.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = service(VapidKeys, create_app({"TESTING": True}, str(tmp_path))).public
    assert again == first


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_instance_folder_we_make_is_700_and_the_database_and_its_companions_600(tmp_path):
    instance = tmp_path / "new" / "instance"
    app = create_app({"TESTING": True}, str(instance))
    prepare(app)
    assert mode(instance) == 0o700
    assert mode(tmp_path / "new") == 0o700  # the parents it made too
    # Another process holds the database open (as the dispatcher does), so SQLite keeps
    # its -wal and -shm files while the app writes.
    holder = sqlite3.connect(instance / "guide.sqlite3")
    holder.execute("SELECT COUNT(*) FROM subscriptions").fetchone()
    try:
        token_of(app.test_client())
        files = ["guide.sqlite3", "guide.sqlite3-wal", "guide.sqlite3-shm", "vapid_private_key.pem"]
        assert {name: mode(instance / name) for name in files} == dict.fromkeys(files, 0o600)
    finally:
        holder.close()


def test_a_readable_database_left_by_an_older_version_is_closed_on_start(tmp_path):
    prepare(create_app({"TESTING": True}, str(tmp_path)))
    database = tmp_path / "guide.sqlite3"
    os.chmod(database, 0o644)
    os.chmod(tmp_path, 0o755)
    prepare(create_app({"TESTING": True}, str(tmp_path)))
    assert mode(database) == 0o600
    assert mode(tmp_path) == 0o755  # a folder someone else made is theirs to set


def test_an_instance_folder_open_to_others_is_said_once_at_start_and_left_alone(tmp_path, caplog):
    os.chmod(tmp_path, 0o750)
    with caplog.at_level("WARNING"):
        prepare(create_app({"TESTING": True}, str(tmp_path)))
    (warning,) = [record.getMessage() for record in caplog.records]
    assert str(tmp_path) in warning and "750" in warning and "\n" not in warning
    assert mode(tmp_path) == 0o750
    caplog.clear()
    os.chmod(tmp_path, 0o700)
    with caplog.at_level("WARNING"):
        prepare(create_app({"TESTING": True}, str(tmp_path)))
    assert caplog.records == []


def test_the_environment_key_overrides_the_file(tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    raw = b64url(key.private_numbers().private_value.to_bytes(32, "big"))
    expected = b64url(
        key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )
    for text in (pem, raw):
        app = create_app({"TESTING": True, "VAPID_PRIVATE_KEY": text}, str(tmp_path))
        assert service(VapidKeys, app).public == expected
    assert not (tmp_path / "vapid_private_key.pem").exists()


def test_a_lost_key_with_subscriptions_stops_the_start_loudly(tmp_path):
    subscribe(create_app({"TESTING": True}, str(tmp_path)).test_client())
    (tmp_path / "vapid_private_key.pem").unlink()
    with pytest.raises(SystemExit) as stopped:
        prepare(create_app({"TESTING": True}, str(tmp_path)))
    assert "would break every one of them" in str(stopped.value)
    assert not (tmp_path / "vapid_private_key.pem").exists()


# ---------- nothing secret in the logs ----------


def test_a_whole_api_session_leaves_no_endpoint_and_no_key_in_the_access_log(tmp_path):
    from ..helpers import LiveServer

    log = tmp_path / "gunicorn.log"
    server = LiveServer(tmp_path / "instance", log=log).start()
    renewed = FCM + "-renewed"
    try:
        session = requests.Session()
        url = server.url + "/api"
        assert session.get(url + "/push/key", timeout=5).status_code == 200
        body = {"subscription": {"endpoint": FCM, "keys": browser_keys()}, "lang": "en"}
        token = session.post(url + "/push/subscriptions", json=body, timeout=5).json()["token"]
        session.headers["Authorization"] = f"Bearer {token}"
        reminder = {"step": "ur-wait-reply", "delay": 86400}
        first = session.post(url + "/reminders", json=reminder, timeout=5).json()["id"]
        session.post(url + "/reminders", json=reminder, timeout=5)
        assert session.get(url + "/reminders", timeout=5).status_code == 200
        assert session.delete(f"{url}/reminders/{first}", timeout=5).status_code == 204
        change = {"subscription": {"endpoint": renewed, "keys": browser_keys()}}
        assert session.put(url + "/push/subscription", json=change, timeout=5).status_code == 200
        # An old page that still puts the endpoint in the query: not even that reaches the log.
        session.get(url + "/reminders", params={"endpoint": FCM}, timeout=5)
        assert session.post(url + "/wipe", json={}, timeout=5).json()["removed"] == [
            "language",
            "reminders",
        ]
    finally:
        server.stop()
    text = log.read_text()
    assert '"GET /api/reminders HTTP/1.1" 200' in text  # the access log was written
    selector, secret = token.split(".")
    for secret_text in (FCM, renewed, "fcm.googleapis.com", token, selector, secret):
        assert secret_text not in text


@pytest.mark.parametrize("reminder_id", ["9223372036854775808", "1" + "0" * 40, "0", "-1"])
def test_a_reminder_id_beyond_what_sqlite_holds_is_404_not_500(api, reminder_id):
    token = token_of(api)
    remind(api, token)
    response = api.delete(f"/api/reminders/{reminder_id}", headers=bearer(token))
    assert response.status_code == 404
    assert response.get_json()["error"]


def test_a_disk_io_error_when_setting_a_reminder_is_a_503_like_a_full_disk(api, monkeypatch):
    import sqlite3

    from webapp.push import reminders

    token = token_of(api)

    def failing(*_args):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(reminders, "schedule", failing)
    response = remind(api, token)
    assert response.status_code == 503
    assert response.get_json()["error"].startswith("The server has no room")
    assert response.headers["Retry-After"]


def test_the_rate_limit_journal_stays_small_under_many_clients(tmp_path):
    from webapp import create_app

    app = create_app({"TESTING": True, "API_RATE_LIMIT": "1000 per minute"}, str(tmp_path))
    client = app.test_client()
    for number in range(600):  # 600 clients, one counter each
        client.get(
            "/api/push/key", environ_base={"REMOTE_ADDR": f"198.51.{number // 250}.{number % 250}"}
        )
    journal = tmp_path / "rate-limits.sqlite3-wal"
    assert journal.stat().st_size <= 128 * 1024, journal.stat().st_size
