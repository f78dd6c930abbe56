"""Caddy in front, over HTTPS with its own CA: the same bytes and headers as the app, the
API through the proxy, and what a proxy is for: caps, timeouts, trusted hosts."""

import http.client
import socket
import ssl
import threading
import time

import brotli
import pytest
import requests

from webapp import create_app
from webapp.export import collect

from ..helpers import ONE_ADDRESS_LIMITS, as_exported

# What differs by nature between two servers, or belongs to the connection.
CONNECTION_HEADERS = {
    "date",
    "server",
    "content-length",
    "etag",
    "last-modified",
    "accept-ranges",
    "alt-svc",
    "content-encoding",
    "connection",
    "keep-alive",
    "transfer-encoding",
}


@pytest.fixture(scope="module")
def https(stack):
    session = requests.Session()
    session.trust_env = False  # else REQUESTS_CA_BUNDLE in the environment beats `verify`
    session.verify = str(stack.root_certificate)
    return session


@pytest.fixture(scope="module")
def flask_app(stack, tmp_path_factory):
    """The app as gunicorn behind Caddy runs it: its SITE_URL is the stack's."""
    config = {"TESTING": True, "SITE_URL": stack.url, **ONE_ADDRESS_LIMITS}
    return create_app(config, str(tmp_path_factory.mktemp("instance")))


def comparable(headers) -> dict:
    result = {}
    for name, value in headers.items():
        name = name.lower()
        if name in CONNECTION_HEADERS:
            continue
        if name == "vary":
            value = ", ".join(
                sorted(
                    token.strip()
                    for token in value.split(",")
                    if token.strip().lower() != "accept-encoding"
                )
            )
            if not value:
                continue
        if name == "set-cookie":  # Expires is the moment's; Max-Age says the same
            value = "; ".join(
                p.strip() for p in value.split(";") if not p.strip().startswith("Expires=")
            )
        result[name] = value
    return result


def test_every_url_has_the_apps_bytes_and_headers_through_caddy(stack, https, flask_app):
    """URL by URL, the exported file Caddy serves equals what Flask answers over HTTPS for
    a first visit: status, body (a page with its CSP in a <meta> too, for hosts that send
    no headers) and every header but the connection's own."""
    files = collect(flask_app)
    client = flask_app.test_client(use_cookies=False)
    checked = 0
    for file in (f for f in files if not f.static_only):
        flask = client.get(file.url, base_url=stack.url)
        for encoding in ("identity", "br"):
            caddy = https.get(
                stack.url + file.url,
                headers={"Accept-Encoding": encoding},
                timeout=30,
                cookies={},
            )
            https.cookies.clear()
            assert caddy.status_code == flask.status_code == file.status, file.url
            assert caddy.content == as_exported(file.url, flask), (file.url, encoding)
            assert comparable(caddy.headers) == comparable(flask.headers), (file.url, encoding)
            checked += 1
    assert checked >= 160


def test_a_language_without_its_slash_is_redirected_as_the_app_does(stack, https, flask_app):
    flask = flask_app.test_client().get("/en", base_url=stack.url)
    caddy = https.get(stack.url + "/en", allow_redirects=False, timeout=30)
    assert caddy.status_code == flask.status_code == 308
    assert caddy.headers["Location"] in ("/en/", flask.headers["Location"])


def test_the_localized_404_pages_come_from_the_export(stack, https):
    for lang, words in (("id", "Halaman tidak ditemukan"), ("en", "Page not found")):
        response = https.get(f"{stack.url}/{lang}/no-such-page", timeout=30)
        assert response.status_code == 404
        assert words in response.text
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


NOT_CANONICAL = (
    "/id/faq.html",  # a page's file name
    "/en/index.html",
    "/index.html",
    "/404.html",
    "/id/404.html",
    "/en/guide",  # the one-file guide is /en/guide.html only
    "/id/faq.html.br",  # compressed siblings
    "/sw.js.gz",
    "/en/index.html.br",
    "/headers.caddy",  # the export's own files
    "/current/id/",
    "/releases/",
)


@pytest.mark.parametrize("path", NOT_CANONICAL)
def test_only_canonical_urls_answer_and_the_404_has_every_header(stack, https, path):
    """Any other name of an exported file is not a page: 404 with the full headers (no page
    without its CSP, framable or sniffable at a second address)."""
    response = https.get(stack.url + path, timeout=30, allow_redirects=False)
    assert response.status_code == 404, path
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_one_file_guide_and_saved_pages_keep_their_names(stack, https):
    for path in ("/id/guide.html", "/en/guide.html", "/id/faq", "/en/"):
        assert https.get(stack.url + path, timeout=30).status_code == 200, path


def test_what_the_export_cannot_hold_goes_to_gunicorn(stack, https, flask_app):
    front = https.get(
        stack.url + "/", headers={"Accept-Language": "en"}, allow_redirects=False, timeout=30
    )
    assert front.status_code == 302
    assert front.headers["Location"] == "/en/"
    answer = https.get(stack.url + "/en/start?shows=screen-lock", timeout=30)
    assert answer.status_code == 200
    # The app's answer to this question, not the export's start page, which has no answer
    # picked (every start page names "#answer" in its form's action).
    expected = flask_app.test_client().get("/en/start?shows=screen-lock", base_url=stack.url)
    assert answer.text == expected.get_data(as_text=True)
    assert answer.text != https.get(stack.url + "/en/start", timeout=30).text
    # Where the form sends its answers: the app's answer with a query, the export's file
    # (the questions again by links) without one.
    query = "/en/answer?shows=screen-lock&shown=shows"
    answer = https.get(stack.url + query, timeout=30)
    expected = flask_app.test_client().get(query, base_url=stack.url)
    assert answer.status_code == 200 and answer.text == expected.get_data(as_text=True)
    by_links = https.get(stack.url + "/en/answer", timeout=30)
    assert by_links.status_code == 200 and '<form id="triage"' not in by_links.text
    health = https.get(stack.url + "/healthz", timeout=30)
    assert health.headers["Content-Type"] == "application/json"
    cleared = https.post(
        stack.url + "/en/clear", data={}, headers={"Origin": stack.url}, timeout=30
    )
    assert cleared.status_code == 200
    # The clear page's old address is not in the export: the app sends it on.
    old = https.get(stack.url + "/id/wipe", allow_redirects=False, timeout=30)
    assert old.status_code == 308 and old.headers["Location"] == "/id/clear"


def test_http_redirects_to_https(stack):
    response = requests.get(
        f"http://localhost:{stack.http_port}/id/faq?x=1", allow_redirects=False, timeout=30
    )
    assert response.status_code in (301, 308)
    assert response.headers["Location"] == f"{stack.url}/id/faq?x=1"


@pytest.mark.parametrize(
    ("chunked", "language", "message"),
    [
        (False, {"Accept-Language": "en"}, "What was sent is too large."),
        (True, {"Accept-Language": "en-GB"}, "What was sent is too large."),
        (False, {"Accept-Language": "id"}, "Data yang dikirim terlalu besar."),
        (True, {}, "Data yang dikirim terlalu besar."),
        (False, {"Accept-Language": "en", "Cookie": "lang=id"}, "Data yang dikirim terlalu besar."),
    ],
)
def test_bodies_over_the_cap_are_refused_at_the_proxy(stack, https, chunked, language, message):
    """As the app refuses them: 413, JSON, the catalogs' message in the person's language."""
    body = b'{"lang": "' + b"x" * 20_000 + b'"}'
    data = iter([body]) if chunked else body
    response = https.post(
        stack.url + "/api/language",
        data=data,
        headers={"Content-Type": "application/json", **language},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.headers["Content-Type"] == "application/json"
    assert response.json() == {"error": message, "status": 413}


def tls_request(stack, request: bytes) -> bytes:
    context = ssl.create_default_context(cafile=str(stack.root_certificate))
    with socket.create_connection(("localhost", stack.https_port), timeout=30) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(request)
            chunks = []
            while chunk := tls.recv(65536):
                chunks.append(chunk)
    return b"".join(chunks)


def test_a_foreign_host_gets_the_apps_400_page(stack):
    answer = tls_request(
        stack,
        b"GET /en/faq HTTP/1.1\r\nHost: evil.example\r\nAccept-Language: en\r\n"
        b"Connection: close\r\n\r\n",
    )
    assert answer.startswith(b"HTTP/1.1 400")
    assert b"not understood" in answer
    assert b"evil.example" not in answer.split(b"\r\n\r\n", 1)[1]


def test_forwarded_headers_from_a_client_change_nothing(stack, https):
    forged = {
        "X-Forwarded-Host": "evil.example",
        "X-Forwarded-Proto": "http",
        "X-Forwarded-For": "203.0.113.9",
        "Forwarded": "for=203.0.113.9;host=evil.example;proto=http",
    }
    plain = https.get(stack.url + "/sitemap.xml", timeout=30)
    forged_sitemap = https.get(stack.url + "/sitemap.xml", headers=forged, timeout=30)
    assert forged_sitemap.content == plain.content
    front = https.get(stack.url + "/", headers=forged, allow_redirects=False, timeout=30)
    assert front.status_code == 302 and front.headers["Location"].startswith("/")
    assert "Strict-Transport-Security" in front.headers  # still HTTPS to the app
    # Our own origin's API request passes the app's same-origin rule despite the forgery.
    chosen = https.post(
        stack.url + "/api/language",
        json={"lang": "en"},
        headers={**forged, "Origin": stack.url, "Sec-Fetch-Site": "same-origin"},
        timeout=30,
    )
    assert chosen.status_code == 204
    assert "Secure" in chosen.headers["Set-Cookie"]


def test_a_reminder_made_through_the_proxy_is_sent(stack, https):
    key = https.get(stack.url + "/api/push/key", timeout=30).json()["publicKey"]
    stack.push.expect_vapid_key(key)
    origin = {"Origin": stack.url, "Sec-Fetch-Site": "same-origin"}
    subscribed = https.post(
        stack.url + "/api/push/subscriptions",
        json={"subscription": stack.push.new_subscription(), "lang": "en"},
        headers=origin,
        timeout=30,
    )
    assert subscribed.status_code == 201, subscribed.text
    reminder = https.post(
        stack.url + "/api/reminders",
        json={"step": "ur-wait-reply", "delay": 1},
        headers={**origin, "Authorization": f"Bearer {subscribed.json()['token']}"},
        timeout=30,
    )
    assert reminder.status_code == 201
    deliveries = stack.push.wait_for_deliveries(1, timeout=60)
    assert f"reminder-{reminder.json()['id']}" in {d.headers["topic"] for d in deliveries}


def half_headers(port: int, count: int, context: ssl.SSLContext, opened: list) -> None:
    for _ in range(count):
        raw = socket.create_connection(("localhost", port), timeout=30)
        tls = context.wrap_socket(raw, server_hostname="localhost")
        tls.sendall(b"GET /id/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")  # and nothing more
        opened.append(tls)


def test_500_slow_clients_do_not_keep_a_page_from_answering(stack, https):
    """500 connections that send half a header and then nothing hold Caddy's goroutines,
    not gunicorn's threads (it sees only whole requests): a page still answers at once.
    Plain gunicorn falls over at about 32 such connections (its gthread workers have no
    header timeout); docs/operations.md."""
    context = ssl.create_default_context(cafile=str(stack.root_certificate))
    opened: list = []
    threads = [
        threading.Thread(target=half_headers, args=(stack.https_port, 125, context, opened))
        for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len(opened) == 500
        timings = []
        for path in ("/id/", "/en/faq", "/api/push/key"):  # a file, and one from gunicorn
            fresh = requests.Session()
            fresh.trust_env = False
            fresh.verify = https.verify
            started = time.monotonic()
            response = fresh.get(stack.url + path, timeout=30)
            timings.append(time.monotonic() - started)
            assert response.status_code == 200
        # The best of three, so that one stall of the shared machine does not decide it.
        assert min(timings) < 1.0, timings
    finally:
        for connection in opened:
            connection.close()


def test_the_health_check_through_caddy(stack, https):
    deadline = time.monotonic() + 60
    while True:
        response = https.get(stack.url + "/healthz", timeout=30)
        if response.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert response.status_code == 200, response.text
    assert response.json()["dispatcher"]["state"] == "ok"


def test_brotli_files_are_served_precompressed(stack, https):
    response = https.get(
        stack.url + "/id/", headers={"Accept-Encoding": "br"}, stream=True, timeout=30
    )
    raw = response.raw.read(decode_content=False)
    assert response.headers["Content-Encoding"] == "br"
    assert (stack.instance / "site" / "current" / "id" / "index.html.br").read_bytes() == raw
    assert brotli.decompress(raw).startswith(b"<!doctype html>")
    _ = http.client  # the raw TLS requests above use sockets directly
