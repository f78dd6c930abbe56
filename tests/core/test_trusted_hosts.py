"""Trust only what is configured: the Host, X-Forwarded-*, and the absolute URLs the app writes."""

import http.client
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from webapp import create_app

from ..helpers import LiveServer

FOREIGN = "evil.example"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def site_app(tmp_path_factory):
    return create_app(
        {
            "TESTING": True,
            "SITE_URL": "https://guide.example.org",
            "SITE_HOSTS": ["guide.example.org"],
        },
        instance_path=str(tmp_path_factory.mktemp("instance")),
    )


@pytest.mark.parametrize(
    ("path", "lang", "words"),
    [("/id/", "id", "dipahami"), ("/en/faq", "en", "not understood"), ("/", "id", "dipahami")],
)
def test_a_foreign_host_gets_400_as_a_page_in_the_persons_language(client, path, lang, words):
    response = client.get(path, headers={"Host": FOREIGN})
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert words in response.get_data(as_text=True)
    assert FOREIGN not in response.get_data(as_text=True)
    assert "Content-Security-Policy" in response.headers


def test_a_foreign_host_gets_400_as_json_on_the_api(client):
    response = client.post(
        "/api/language", json={"lang": "en"}, headers={"Host": FOREIGN, "Accept-Language": "en"}
    )
    assert response.status_code == 400
    assert response.json == {"error": "The request was not understood.", "status": 400}
    assert "Set-Cookie" not in response.headers


def test_the_local_names_are_trusted_by_default(client):
    for host in ("localhost", "127.0.0.1:8000", "[::1]:8000", "localhost:5000"):
        assert client.get("/id/", headers={"Host": host}).status_code == 200, host


def test_the_configured_host_is_trusted_and_nothing_else(site_app):
    client = site_app.test_client()
    assert client.get("/en/", headers={"Host": "guide.example.org"}).status_code == 200
    assert client.get("/en/", headers={"Host": "guide.example.org:443"}).status_code == 200
    for host in ("localhost", FOREIGN, "guide.example.org.evil.example", "a.guide.example.org"):
        assert client.get("/en/", headers={"Host": host}).status_code == 400, host


def test_the_sitemap_is_built_from_site_url_only(site_app):
    response = site_app.test_client().get(
        "/sitemap.xml",
        headers={
            "Host": "guide.example.org",
            "X-Forwarded-Host": FOREIGN,
            "X-Forwarded-Proto": "http",
        },
    )
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=3600"
    root = ET.fromstring(response.data)  # noqa: S314 (our own document)
    urls = [loc.text for loc in root.findall("s:url/s:loc", NS)]
    urls += [link.get("href") for link in root.findall("s:url/x:link", NS)]
    assert urls
    assert all(url.startswith("https://guide.example.org/") for url in urls), urls


def test_pages_name_their_canonical_and_alternates_absolutely(site_app):
    body = site_app.test_client().get("/id/faq", headers={"Host": "guide.example.org"}).text
    links = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', body))
    assert links == {
        "id": "https://guide.example.org/id/faq",
        "en": "https://guide.example.org/en/faq",
        "x-default": "https://guide.example.org/",
    }
    assert '<link rel="canonical" href="https://guide.example.org/id/faq">' in body


def raw_get(server, path: str, headers: dict) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_gunicorn_answers_a_foreign_host_with_400(server):
    response = raw_get(server, "/en/", {"Host": FOREIGN})
    assert response.status == 400
    assert b"not understood" in response.body


def test_forwarded_headers_from_an_untrusted_peer_change_nothing(server):
    """PROXY_FIX_HOPS=0: X-Forwarded-* from 127.0.0.1 (gunicorn trusts loopback by default)
    make no HTTPS, no other host, no other client."""
    plain = raw_get(server, "/sitemap.xml", {"Host": "127.0.0.1"})
    forged = raw_get(
        server,
        "/sitemap.xml",
        {
            "Host": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Ssl": "on",
            "X-Forwarded-Host": FOREIGN,
            "X-Forwarded-For": "203.0.113.9",
            "Forwarded": f"for=203.0.113.9;proto=https;host={FOREIGN}",
        },
    )
    assert forged.status == plain.status == 200
    assert forged.body == plain.body
    assert FOREIGN.encode() not in forged.body
    assert forged.getheader("Strict-Transport-Security") is None
    page = raw_get(server, "/en/", {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    assert page.getheader("Strict-Transport-Security") is None
    assert "Secure" not in (page.getheader("Set-Cookie") or "")


@pytest.mark.own_server
def test_a_trusted_proxy_is_believed(tmp_path):
    """With PROXY_FIX_HOPS=1 the proxy on loopback says the request was HTTPS: HSTS is sent."""
    live = LiveServer(tmp_path / "instance", {"PROXY_FIX_HOPS": "1"}).start()
    try:
        page = raw_get(live, "/en/", {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
        assert page.status == 200
        assert page.getheader("Strict-Transport-Security")
        # The sitemap still says SITE_URL, whatever host the proxy forwards.
        sitemap = raw_get(live, "/sitemap.xml", {"Host": "127.0.0.1", "X-Forwarded-Host": FOREIGN})
        assert sitemap.status == 400  # a forwarded host that is not ours is refused too
        urls = raw_get(live, "/sitemap.xml", {"Host": "127.0.0.1"}).body.decode()
        assert all(
            urlsplit(url).netloc == urlsplit(live.url).netloc
            for url in re.findall(r"<loc>([^<]+)</loc>", urls)
        )
    finally:
        live.stop()
