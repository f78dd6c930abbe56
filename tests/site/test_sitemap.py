"""The sitemap lists every page of the guide in both languages, and every entry is real."""

import xml.etree.ElementTree as ET

from webapp.content.guide import METHODS

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    root = ET.fromstring(response.data)  # noqa: S314 (our own document)
    return [loc.text for loc in root.findall("s:url/s:loc", NS)]


def test_sitemap_lists_every_page_in_both_languages(client):
    paths = {
        loc.removeprefix(client.application.config["SITE_URL"]) for loc in sitemap_locations(client)
    }
    expected_per_language = {"/", "/faq", "/about", "/move", "/start", "/support", "/clear"} | {
        f"/{m.id}" for m in METHODS
    }
    assert paths == {f"/{lang}{p}" for lang in ("id", "en") for p in expected_per_language}


def test_every_sitemap_page_answers_with_content(client):
    for loc in sitemap_locations(client):
        response = client.get(loc.removeprefix(client.application.config["SITE_URL"]))
        assert response.status_code == 200, loc
        assert len(response.data) > 1000, loc


def test_sitemap_entries_name_their_alternates(client):
    root = ET.fromstring(client.get("/sitemap.xml").data)  # noqa: S314
    for url in root.findall("s:url", NS):
        hreflangs = {link.get("hreflang") for link in url.findall("x:link", NS)}
        assert hreflangs == {"id", "en"}
