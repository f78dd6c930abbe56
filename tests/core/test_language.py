"""Which language a person gets, and how they switch."""

import pytest

from ..helpers import LANGUAGES


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("id-ID,id;q=0.9", "/id/"),
        ("en-US,en;q=0.9", "/en/"),
        ("fr-FR, en;q=0.5", "/en/"),
        ("fr-FR", "/id/"),
        ("", "/id/"),
    ],
)
def test_front_door_follows_accept_language(client, accept_language, expected):
    response = client.get("/", headers={"Accept-Language": accept_language})
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_remembered_choice_beats_accept_language(client):
    client.get("/en/faq")  # reading a page in English remembers English
    response = client.get("/", headers={"Accept-Language": "id-ID"})
    assert response.headers["Location"] == "/en/"


def test_language_cookie_is_lax_and_http_only(client):
    response = client.get("/en/")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=en;")
    assert "SameSite=Lax" in cookie
    assert "HttpOnly" in cookie


@pytest.mark.parametrize(
    "cookie_value", ["xx", "en\r\nLocation: https://evil.example", "../../etc", "e" * 5000]
)
# The oversized cookie is the point: Werkzeug's test client warns that browsers drop it.
@pytest.mark.filterwarnings("ignore:The 'lang' cookie is too large:UserWarning")
def test_a_forged_language_cookie_is_ignored(client, cookie_value):
    client.set_cookie("lang", cookie_value)
    response = client.get("/", headers={"Accept-Language": "en"})
    assert response.headers["Location"] == "/en/"


@pytest.mark.parametrize("path", ["/", "/password-reset", "/faq"])
def test_each_page_links_to_itself_in_the_other_language(client, path):
    english = client.get(f"/en{path}").get_data(as_text=True)
    assert f'<a href="/id{path}" hreflang="id" lang="id">Bahasa Indonesia</a>' in english
    indonesian = client.get(f"/id{path}").get_data(as_text=True)
    assert f'<a href="/en{path}" hreflang="en" lang="en">English</a>' in indonesian
    site = client.application.config["SITE_URL"]  # absolute, from SITE_URL only
    for lang in LANGUAGES:
        assert f'<link rel="alternate" hreflang="{lang}" href="{site}/{lang}{path}">' in english
    assert f'<link rel="alternate" hreflang="x-default" href="{site}/">' in english
    assert f'<link rel="canonical" href="{site}/en{path}">' in english


@pytest.mark.parametrize("path", ["/xx/", "/xx/faq", "/EN/", "/en-US/"])
def test_unknown_language_is_a_404_not_a_500(client, path):
    response = client.get(path, headers={"Accept-Language": "en"})
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Page not found" in html
    assert 'href="/en/"' in html


@pytest.mark.parametrize(
    ("path", "title", "way_back"),
    [
        ("/id/tidak-ada", "Halaman tidak ditemukan", 'href="/id/"'),
        ("/en/not-here", "Page not found", 'href="/en/"'),
    ],
)
def test_unknown_page_is_a_404_in_the_language_of_its_prefix(client, path, title, way_back):
    response = client.get(path)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert title in html
    assert way_back in html


def test_unknown_page_outside_any_language_uses_the_preference(client):
    response = client.get("/nothing/here/at/all", headers={"Accept-Language": "id-ID"})
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_indonesian_pages_are_translated(client):
    html = client.get("/id/password-reset").get_data(as_text=True)
    assert "Change the Mi account password" not in html
    assert "kata sandi" in html.lower()


def test_a_page_from_the_phone_can_tell_the_server_the_chosen_language(client):
    response = client.post("/api/language", json={"lang": "en"})
    assert response.status_code == 204
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=en;") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert client.get("/", headers={"Accept-Language": "id"}).headers["Location"] == "/en/"


@pytest.mark.parametrize(
    "body", [{"lang": "xx"}, {"lang": None}, {}, ["en"], {"lang": "en\r\nSet-Cookie: x=1"}]
)
def test_only_a_language_the_guide_has_can_be_chosen(client, body):
    response = client.post("/api/language", json=body)
    assert response.status_code == 400
    assert response.get_json()["error"]
    assert "Set-Cookie" not in response.headers


def test_a_form_from_another_site_cannot_choose_the_language(client):
    # A form can send only form or text types, never JSON: the API refuses them (415).
    response = client.post("/api/language", data='{"lang": "en"}', content_type="text/plain")
    assert response.status_code == 415
    assert "Set-Cookie" not in response.headers
    cross_site = client.post(
        "/api/language", json={"lang": "en"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert cross_site.status_code == 403
    assert "Set-Cookie" not in cross_site.headers
