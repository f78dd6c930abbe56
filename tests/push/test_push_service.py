"""The local push service used by the push tests: it receives what pywebpush sends, for real."""

import json

import pytest
import pywebpush
import requests
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid02

from tools.push_service import LocalPushService, b64url_encode

MESSAGE = {"title": "t", "body": "b", "url": "/id/"}


def new_vapid() -> Vapid02:
    vapid = Vapid02()
    vapid.generate_keys()
    return vapid


def public_key_of(vapid: Vapid02) -> str:
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url_encode(raw)


@pytest.fixture(scope="module")
def vapid():
    return new_vapid()


@pytest.fixture
def service(tmp_path, vapid):
    with LocalPushService(tmp_path) as service:
        service.expect_vapid_key(public_key_of(vapid))
        yield service


@pytest.fixture
def session(service):
    with requests.Session() as session:
        session.verify = service.ca_bundle
        # Else a REQUESTS_CA_BUNDLE in the environment would win over session.verify.
        session.trust_env = False
        yield session


def send(subscription, vapid, session, timeout=5):
    return pywebpush.webpush(
        subscription_info=subscription,
        data=json.dumps(MESSAGE),
        vapid_private_key=vapid,
        vapid_claims={"sub": "mailto:test@example.org"},  # a fresh dict: pywebpush adds to it
        content_encoding="aes128gcm",
        ttl=60,
        timeout=timeout,
        requests_session=session,
    )


def test_a_message_is_received_checked_and_decrypted(service, vapid, session):
    subscription = service.new_subscription()
    assert subscription["endpoint"].startswith(service.origin + "/push/")
    assert service.host_entry == service.origin.removeprefix("https://")

    assert send(subscription, vapid, session).status_code == 201

    [delivery] = service.wait_for_deliveries(1)
    assert delivery.payload == MESSAGE
    assert delivery.vapid_ok is True
    assert delivery.status == 201
    assert delivery.endpoint_id == subscription["endpoint"].rsplit("/", 1)[1]
    assert delivery.headers["ttl"] == "60"
    assert delivery.headers["content-encoding"] == "aes128gcm"
    assert service.successful() == [delivery]


def test_scripted_answers_are_used_in_order_then_201(service, vapid, session):
    subscription = service.new_subscription()
    service.respond_with(410, (429, 2))

    with pytest.raises(pywebpush.WebPushException) as gone:
        send(subscription, vapid, session)
    assert gone.value.response.status_code == 410
    with pytest.raises(pywebpush.WebPushException) as busy:
        send(subscription, vapid, session)
    assert busy.value.response.status_code == 429
    assert busy.value.response.headers["Retry-After"] == "2"
    assert send(subscription, vapid, session).status_code == 201

    assert [d.status for d in service.wait_for_deliveries(3)] == [410, 429, 201]
    assert all(d.payload == MESSAGE for d in service.deliveries)


def test_a_redirect_is_followed_to_the_new_endpoint(service, vapid, session):
    old, new = service.new_subscription(), service.new_subscription()
    service.respond_with(("redirect", new["endpoint"]))

    # pywebpush encrypts for the old keys, so the new endpoint cannot decrypt it: 400.
    with pytest.raises(pywebpush.WebPushException):
        send(old, vapid, session)

    first, second = service.wait_for_deliveries(2)
    assert first.status == 307 and first.payload == MESSAGE
    assert second.status == 400 and second.payload is None


def test_a_wrong_vapid_key_is_refused(service, session):
    with pytest.raises(pywebpush.WebPushException) as refused:
        send(service.new_subscription(), new_vapid(), session)
    assert refused.value.response.status_code == 401

    [delivery] = service.deliveries
    assert delivery.status == 401
    assert delivery.vapid_ok is False
    assert service.successful() == []


def test_an_unknown_endpoint_is_404(service, vapid, session):
    subscription = service.new_subscription()
    subscription["endpoint"] += "-gone"
    with pytest.raises(pywebpush.WebPushException) as missing:
        send(subscription, vapid, session)
    assert missing.value.response.status_code == 404


def test_a_hanging_answer_times_out_until_released(service, vapid, session):
    subscription = service.new_subscription()
    service.respond_with("hang")

    with pytest.raises((requests.exceptions.Timeout, requests.exceptions.ConnectionError)):
        send(subscription, vapid, session, timeout=1)
    [hung] = service.wait_for_deliveries(1)
    assert hung.status is None and hung.payload == MESSAGE

    service.release()
    assert send(subscription, vapid, session).status_code == 201


def test_waiting_for_too_many_deliveries_fails_with_what_was_received(service):
    with pytest.raises(AssertionError, match="got 0"):
        service.wait_for_deliveries(1, timeout=0.1)


def test_the_certificate_is_trusted_only_through_the_bundle(service):
    response = requests.post(service.origin + "/push/x", timeout=5, verify=service.ca_bundle)
    assert response.status_code == 404
    with pytest.raises(requests.exceptions.SSLError):
        requests.post(service.origin + "/push/x", timeout=5)
