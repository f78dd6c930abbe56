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

FUZZ_APP = create_app(
    {
        "TESTING": True,
        "API_RATE_LIMIT": "100000 per minute",
        "SUBSCRIBE_RATE_LIMIT": "100000 per hour",
    },
    tempfile.mkdtemp(),
)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", FUZZ_APP)
DOCUMENT = FUZZ_APP.test_client().get("/api/openapi.json").get_json()
CONFORMANCE = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
POSITIVE, NEGATIVE = schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE


def new_key() -> str:
    """The key of a fresh, real subscription."""
    body = {
        "subscription": {"endpoint": f"{FCM}-{uuid.uuid4().hex}", "keys": browser_keys()},
        "lang": "en",
    }
    return FUZZ_APP.test_client().post("/api/push/subscriptions", json=body).get_json()["token"]


def new_reminder(key: str) -> int:
    reminder = {"step": "ur-wait-reply", "delay": 86400}
    headers = {"Authorization": f"Bearer {key}"}
    return FUZZ_APP.test_client().post("/api/reminders", json=reminder, headers=headers).json["id"]


# What a case sends as its key, on operations that take one: mostly a real subscription's
# key, so the fuzzer reaches past the 401s; else none, a malformed one, a wrong secret
# (401), a well-formed key of no subscription (404), or whatever schemathesis generated.
CREDENTIALS = ["its key", "its key", "its key", "none", "malformed", "wrong secret",
               "unknown key", "as generated"]  # fmt: skip
BAD_CREDENTIALS = ("none", "malformed", "wrong secret", "unknown key")
RANDOM_KEY = "AAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"


def set_credential(case, credential: str) -> None:
    headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    if credential == "as generated":
        return
    key = new_key() if credential in ("its key", "wrong secret") else RANDOM_KEY
    if credential == "wrong secret":
        key = key.split(".")[0] + "." + RANDOM_KEY.split(".")[1]
    if credential == "malformed":
        key = "not-a-key"
    if credential != "none":
        headers["Authorization"] = f"Bearer {key}"
    case.headers = headers


# Bodies that pass every check the schema cannot express (an allowlisted push host, a real
# P-256 point), so the two subscription operations answer 2xx and those bodies are checked.
KEY_PAIRS = [browser_keys() for _ in range(4)]
PUSH_ENDPOINTS = st.builds(
    "{}{}".format,
    st.sampled_from([
        "https://fcm.googleapis.com/fcm/send/",
        "https://updates.push.services.mozilla.com/wpush/v2/",
        "https://wns2-par02p.notify.windows.com/w/?token=",
        "https://web.push.apple.com/",
    ]),
    st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", min_size=8),
)  # fmt: skip
SUBSCRIPTIONS = st.fixed_dictionaries(
    {"endpoint": PUSH_ENDPOINTS, "keys": st.sampled_from(KEY_PAIRS)},
    optional={"expirationTime": st.none()},
)
VALID_BODIES = {
    "POST /api/push/subscriptions": st.fixed_dictionaries(
        {"subscription": SUBSCRIPTIONS, "lang": st.sampled_from(["id", "en"])}
    ),
    "PUT /api/push/subscription": st.fixed_dictionaries(
        {"subscription": SUBSCRIPTIONS}, optional={"lang": st.sampled_from(["id", "en"])}
    ),
}


def documented(operation) -> dict:
    return DOCUMENT["paths"][operation.path][operation.method.lower()]


def a_new_subscription() -> dict:
    return {"endpoint": f"{FCM}-{uuid.uuid4().hex}", "keys": KEY_PAIRS[0]}


def fuzz_once(operation, mode, data, credential: str | None = None, succeed=False) -> int:
    """One case: drawn, sent, and its answer checked against the document. `credential`
    forces the key sent; `succeed` a valid subscription body and the key's own reminder."""
    if credential is None:
        credential = data.draw(st.sampled_from(CREDENTIALS))
    if not documented(operation).get("security"):
        credential = "as generated"
    fixed = {}
    if mode is POSITIVE and operation.label in VALID_BODIES:
        if succeed:
            fixed["body"] = {"subscription": a_new_subscription(), "lang": "id"}
        elif data.draw(st.booleans()):
            fixed["body"] = data.draw(VALID_BODIES[operation.label])
    case = data.draw(operation.as_strategy(mode, **fixed))
    set_credential(case, credential)
    if operation.path_parameters and credential == "its key":
        if succeed or data.draw(st.booleans()):  # one of the key's own reminders
            key = case.headers["Authorization"].removeprefix("Bearer ")
            case.path_parameters = {**case.path_parameters, "reminder_id": new_reminder(key)}
    response = case.call()
    case.validate_response(response, checks=CONFORMANCE)
    if response.status_code >= 400:
        assert response.json()["error"]
    return response.status_code


def fuzz(operation, mode, examples: int, seeded=False, **forced) -> set[int]:
    """The statuses of `examples` cases; `seeded`: the same cases on every run."""
    statuses = set()

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=seeded,
        database=None if seeded else settings.default.database,
    )
    @given(data=st.data())
    def run(data):
        statuses.add(fuzz_once(operation, mode, data, **forced))

    run()
    return statuses


def fuzzable(operation, mode) -> bool:
    """Negative cases need something to make invalid: a body, a parameter or a key."""
    return mode is POSITIVE or bool(list(operation.body) or list(operation.iter_parameters()))


# One pytest item per operation and mode, with its own id: schemathesis's own parametrize
# gives every operation the same node id, which parallel runs (pytest-xdist) cannot tell
# apart; the ids are the operations' labels, the same in every process.
FUZZED = [
    pytest.param(operation, mode, id=f"{operation.label} {mode.value}")
    for operation in (result.ok() for result in schema.get_all_operations())
    for mode in (POSITIVE, NEGATIVE)
    if fuzzable(operation, mode)
]


@pytest.mark.parametrize(("operation", "mode"), FUZZED)
def test_every_answer_of_the_fuzzed_api_conforms_to_its_document(operation, mode):
    """Status, content type, headers and body schema, for every response: not only no 5xx.
    Every error is then JSON {"error", "status"}, since every documented error says so.

    Random cases first (valid ones in positive mode, invalid in negative), with every kind
    of key; then, in positive mode, a few seeded cases per kind of key, so that each
    operation's success, and its 401 and 404, are reached and checked on every run."""
    statuses = fuzz(operation, mode, examples=40)
    if mode is NEGATIVE:
        return
    security = documented(operation).get("security")
    for credential in ("its key", *(BAD_CREDENTIALS if security else ())):
        statuses |= fuzz(operation, mode, 2, seeded=True, credential=credential, succeed=True)
    assert any(200 <= status < 300 for status in statuses), statuses
    if security == [{"subscriptionKey": []}]:
        assert {401, 404} <= statuses, statuses
    elif security:  # the key is optional: one of no subscription is as good as none
        assert 401 in statuses, statuses


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


def test_deeply_nested_json_is_a_400_on_every_json_route_never_a_500(server):
    """4 KB of "[[[[..." overflows the JSON parser's recursion: refused like any non-object."""
    import requests

    nested = "[" * 2000 + "]" * 2000  # within API_MAX_BODY
    routes = [
        (method.upper(), path)
        for path, item in DOCUMENT["paths"].items()
        for method in item
        if method in ("post", "put") and "{" not in path
    ]
    assert len(routes) >= 4
    for method, path in routes:
        response = requests.request(
            method,
            server.url + path,
            data=nested,
            headers={
                "Content-Type": "application/json",
                "Origin": server.url,
                "Sec-Fetch-Site": "same-origin",
            },
            timeout=30,
        )
        assert response.status_code in (400, 401), (method, path, response.status_code)
        assert response.headers["Content-Type"] == "application/json"
