"""The sitemap lists every page of the guide in both languages, and every entry is real."""

import xml.etree.ElementTree as ET

from webapp.content.guide import METHODS

from ..helpers import LANGUAGES, SITEMAP_NS, sitemap_locations

NS = SITEMAP_NS


def test_sitemap_lists_every_page_in_both_languages(client):
    paths = {
        loc.removeprefix(client.application.config["SITE_URL"]) for loc in sitemap_locations(client)
    }
    expected_per_language = {
        "/",
        "/faq",
        "/about",
        "/move",
        "/start",
        "/support",
        "/words",
        "/clear",
    } | {f"/{m.id}" for m in METHODS}
    assert paths == {f"/{lang}{p}" for lang in LANGUAGES for p in expected_per_language}


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
