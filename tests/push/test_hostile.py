"""Hostile input: traversal, injection, redirects, fuzzing the API from its OpenAPI document."""

import socket
import tempfile
import uuid

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from webapp import create_app

from .test_dispatcher import database, dispatch_once, make_due
from .test_push_api import FCM, browser_keys

FUZZ_APP = create_app({"TESTING": True, "API_RATE_LIMIT": "100000 per minute"}, tempfile.mkdtemp())
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", FUZZ_APP)
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schema.auth(refresh_interval=None)  # a fresh subscription, and so a fresh key, per case
class SubscriptionKey:
    """The key of a real subscription, so the fuzzer reaches past the 401s."""

    def get(self, case, context):
        body = {
            "subscription": {"endpoint": f"{FCM}-{uuid.uuid4().hex}", "keys": browser_keys()},
            "lang": "en",
        }
        return FUZZ_APP.test_client().post("/api/push/subscriptions", json=body).get_json()["token"]

    def set(self, case, token, context):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {token}"}


# One pytest item per operation, with its own id: schemathesis's own parametrize gives every
# operation the same node id, which parallel runs (pytest-xdist) cannot tell apart.
OPERATIONS = [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_every_answer_of_the_fuzzed_api_conforms_to_its_document(operation, data):
    """Status, content type, headers and body schema, for every response: not only no 5xx.
    Every error is then JSON {"error", "status"}, since every documented error says so."""
    case = data.draw(operation.as_strategy())
    response = case.call()
    case.validate_response(response, checks=CONFORMANCE)
    if response.status_code >= 400:
        assert response.json()["error"]


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/assets/../app.py",
        "/assets/%2e%2e/app.py",
        "/assets/..%2f..%2fapp.py",
        "/assets/%252e%252e%252fapp.py",
        "/id/..%2f..%2fapp.py",
        "/..%2fapp.py",
        "/assets/....//app.py",
        "/translations/id/LC_MESSAGES/messages.po",
        "/instance/vapid_private_key.pem",
        "/.git/config",
    ],
)
def test_path_traversal_finds_nothing(client, path):
    response = client.get(path)
    assert response.status_code in (404, 308)
    body = response.get_data(as_text=True)
    assert "create_app" not in body and "PRIVATE KEY" not in body and "msgid" not in body


@pytest.mark.parametrize(
    "path",
    ["//evil.example/", "/?next=https://evil.example/", "/\\evil.example", "/%2F%2Fevil.example"],
)
def test_no_redirect_leaves_our_origin(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    location = response.headers.get("Location", "")
    same_origin = location.startswith("http://localhost/") or (
        location.startswith("/") and not location.startswith(("//", "/\\"))
    )
    assert not location or same_origin, location


@pytest.mark.parametrize(
    "accept_language",
    ["en, Set-Cookie: pwned=1", "<script>alert(1)</script>", "x" * 4000, "en;q=abc,,;;", "*"],
)
def test_hostile_accept_language_is_harmless(client, accept_language):
    response = client.get("/", headers={"Accept-Language": accept_language})
    assert response.status_code == 302
    assert response.headers["Location"] in ("/id/", "/en/")
    assert "pwned" not in str(response.headers)


MARKUP = '"><script>alert(1)</script>'


@pytest.mark.parametrize(
    "path",
    [
        f"/en/start?locked={MARKUP}",
        f"/en/{MARKUP}",
        f"/{MARKUP}/faq",
        f"/en/support?imei={MARKUP}",
        f"/sitemap.xml?x={MARKUP}",
    ],
)
def test_echoed_input_is_never_markup(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_pages_refuse_methods_they_do_not_take_with_a_page_in_the_users_language(client):
    response = client.post("/id/faq", data={"x": "y"})
    assert response.status_code == 405
    assert "Ada yang tidak beres" in response.get_data(as_text=True)


def test_an_oversized_form_body_is_refused(client):
    response = client.post("/api/wipe", data="x" * 40_000, content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]


@pytest.mark.parametrize(
    ("host", "address"),
    [("evil.push.test", "127.0.0.1"), ("evil.push.test", "10.1.2.3"), ("evil.push.test", "::1"),
     ("evil.push.test", "::ffff:127.0.0.1"), ("evil.push.test", "169.254.169.254")],
)  # fmt: skip
def test_a_push_host_that_resolves_to_a_private_address_gets_no_connection(
    tmp_path, monkeypatch, host, address
):
    """An allowed name whose DNS answer points inside: refused at send time, before connecting."""
    real_getaddrinfo = socket.getaddrinfo
    connections = []

    def fake_getaddrinfo(name, *args, **kwargs):
        if name == host:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (address, 443))]
        return real_getaddrinfo(name, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", lambda self, addr: connections.append(addr))
    app = create_app(
        {"TESTING": True, "PUSH_SERVICE_HOSTS": "push.test", "REMINDER_MIN_DELAY": 1}, str(tmp_path)
    )
    client = app.test_client()
    endpoint = f"https://{host}/push/1"
    body = {"subscription": {"endpoint": endpoint, "keys": browser_keys()}, "lang": "en"}
    subscribed = client.post("/api/push/subscriptions", json=body)
    assert subscribed.status_code == 201
    reminder = client.post(
        "/api/reminders",
        json={"step": "ur-wait-reply", "delay": 1},
        headers={"Authorization": f"Bearer {subscribed.get_json()['token']}"},
    )
    make_due(tmp_path)
    dispatch_once(app)
    assert connections == []
    state = database(tmp_path).execute(
        "SELECT state FROM reminders WHERE id = ?", (reminder.get_json()["id"],)
    )
    assert state.fetchone()[0] == "failed"
