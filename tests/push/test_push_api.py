"""The push reminders API over HTTP: the rules of every input, and JSON errors."""

import base64
import os
import socket
import stat
import threading

import pytest
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


def subscribe(api, endpoint=FCM, lang="en", keys=None):
    body = {"subscription": {"endpoint": endpoint, "keys": keys or browser_keys()}, "lang": lang}
    return api.post("/api/push/subscriptions", json=body)


def remind(api, endpoint=FCM, step="ur-wait-reply", delay=86400):
    return api.post("/api/reminders", json={"endpoint": endpoint, "step": step, "delay": delay})


def test_the_public_key_is_an_uncompressed_p256_point(api):
    key = api.get("/api/push/key").get_json()["publicKey"]
    raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert len(raw) == 65 and raw[0] == 4
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)


def test_subscribing_is_idempotent_and_unsubscribing_removes_the_reminders(api):
    assert subscribe(api).status_code == 201
    assert subscribe(api).status_code == 200
    created = remind(api)
    assert created.status_code == 201
    body = created.get_json()
    assert body["due_at"].endswith("Z") and body["step"] == "ur-wait-reply"
    listed = api.get("/api/reminders", query_string={"endpoint": FCM}).get_json()["reminders"]
    assert [r["id"] for r in listed] == [body["id"]]
    assert api.delete("/api/push/subscriptions", json={"endpoint": FCM}).status_code == 204
    assert api.get("/api/reminders", query_string={"endpoint": FCM}).status_code == 404


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
    subscribe(api)
    response = remind(api, step=step, delay=delay)
    assert response.status_code == 400
    assert response.get_json()["error"]


def test_a_reminder_for_an_unknown_subscription_is_404(api):
    response = remind(api, endpoint="https://fcm.googleapis.com/fcm/send/unknown")
    assert response.status_code == 404
    assert "not known" in response.get_json()["error"]


def test_at_most_twenty_pending_reminders_per_subscription(api):
    subscribe(api)
    for _ in range(20):
        assert remind(api).status_code == 201
    refused = remind(api)
    assert refused.status_code == 429
    assert "Cancel one first" in refused.get_json()["error"]


def test_only_the_owning_subscription_cancels_a_reminder(api):
    other = "https://updates.push.services.mozilla.com/wpush/v2/xyz"
    subscribe(api)
    subscribe(api, endpoint=other)
    reminder_id = remind(api).get_json()["id"]
    assert api.delete(f"/api/reminders/{reminder_id}", json={"endpoint": other}).status_code == 404
    assert api.delete(f"/api/reminders/{reminder_id}", json={"endpoint": FCM}).status_code == 204
    assert api.delete(f"/api/reminders/{reminder_id}", json={"endpoint": FCM}).status_code == 404


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
    malformed = api.post("/api/reminders", data="{oops", content_type="application/json")
    assert malformed.status_code == 400 and malformed.get_json()["error"]
    array = api.post("/api/reminders", json=[1, 2])
    assert array.status_code == 400
    not_json = api.post("/api/reminders", data="endpoint=x", content_type="text/plain")
    assert not_json.status_code == 415 and not_json.get_json()["error"]
    huge = api.post(
        "/api/reminders", data="{" + " " * 10_000 + "}", content_type="application/json"
    )
    assert huge.status_code == 413 and huge.get_json()["error"]


def test_errors_speak_the_persons_language(api):
    english = api.post("/api/reminders", json=[], headers={"Accept-Language": "en"})
    assert english.get_json()["error"] == "The request must be a JSON object."
    indonesian = api.post("/api/reminders", json=[], headers={"Accept-Language": "id-ID"})
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


def test_concurrent_reminders_are_all_kept_and_never_duplicated(tmp_path):
    app = create_app({"TESTING": True, "API_RATE_LIMIT": "1000 per minute"}, str(tmp_path))
    subscribe(app.test_client())
    statuses = []

    def add_five():
        client = app.test_client()
        for _ in range(5):
            statuses.append(remind(client).status_code)

    threads = [threading.Thread(target=add_five) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(201) == 20 and statuses.count(429) == 10
    listed = app.test_client().get("/api/reminders", query_string={"endpoint": FCM}).get_json()
    ids = [r["id"] for r in listed["reminders"]]
    assert len(ids) == len(set(ids)) == 20


def test_the_openapi_document_describes_every_route(api):
    document = api.get("/api/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {
        "/api/push/key",
        "/api/push/subscriptions",
        "/api/reminders",
        "/api/reminders/{id}",
        "/api/wipe",
    }


def test_wipe_forgets_the_subscription_and_its_reminders(api):
    subscribe(api)
    remind(api)
    response = api.post("/api/wipe", json={"endpoint": FCM})
    assert response.get_json()["removed"] == ["language", "reminders"]
    assert api.get("/api/reminders", query_string={"endpoint": FCM}).status_code == 404


# ---------- the VAPID key ----------


def test_the_key_is_made_once_readable_by_the_owner_only_and_reused(tmp_path):
    first = service(VapidKeys, create_app({"TESTING": True}, str(tmp_path))).public
    key_file = tmp_path / "vapid_private_key.pem"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = service(VapidKeys, create_app({"TESTING": True}, str(tmp_path))).public
    assert again == first


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
