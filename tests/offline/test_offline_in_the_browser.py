"""Offline after one visit: the whole guide, both languages, with the server stopped."""

import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
import requests

from webapp import FEATURES
from webapp.core.features import Features

from ..browser_actions import choose_language, wait_until_saved_offline
from ..helpers import SITEMAP_NS


def sitemap_paths(server) -> list[str]:
    root = ET.fromstring(requests.get(server.url + "/sitemap.xml", timeout=5).content)  # noqa: S314
    return [urlparse(loc.text).path for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def saved_paths(page) -> set[str]:
    return set(
        page.evaluate(
            """async () => {
                const paths = [];
                for (const name of await caches.keys()) {
                    for (const request of await (await caches.open(name)).keys()) {
                        paths.push(new URL(request.url).pathname);
                    }
                }
                return paths;
            }"""
        )
    )


@pytest.mark.own_server  # stops it
def test_after_one_visit_every_page_in_both_languages_works_with_the_server_stopped(page, server):
    page.goto(server.url + "/id/")
    wait_until_saved_offline(page)
    assert "Tersimpan di HP ini" in page.inner_text("#saved")
    paths = sitemap_paths(server)
    assert len(paths) == 2 * len(Features(FEATURES).pages())
    assert set(paths) <= saved_paths(page), "the precache must cover every sitemap URL"

    server.stop()

    for path in paths:
        response = page.goto(server.url + path)
        assert response.ok, path
        assert response.from_service_worker, path
        assert page.locator("h1").inner_text().strip(), path
        assert page.get_attribute("html", "lang") == path.split("/")[1]
    page.goto(server.url + "/en/factory-reset")
    assert "A factory reset does not remove the Mi account lock" in page.content()
    assert page.locator("input[type=checkbox][data-step='fr-wipe']").count() == 1


@pytest.mark.own_server  # stops it
def test_an_unknown_page_offline_shows_the_fallback_in_its_language(page, server):
    page.goto(server.url + "/en/")
    wait_until_saved_offline(page)
    server.stop()

    page.goto(server.url + "/en/no-such-page")
    assert "This page is not saved on this phone" in page.inner_text("h1")
    assert page.get_attribute("html", "lang") == "en"
    page.click("main a")
    page.wait_for_url(server.url + "/en/")

    page.goto(server.url + "/id/tidak-ada")
    assert "Halaman ini tidak tersimpan di HP ini" in page.inner_text("h1")


def test_a_lost_connection_is_announced_and_the_guide_keeps_working(page, browser, server):
    page.goto(server.url + "/id/")
    wait_until_saved_offline(page)
    browser.set_offline(True)
    page.wait_for_selector("#offline", state="visible")
    assert "panduan tetap jalan" in page.inner_text("#offline")
    page.goto(server.url + "/id/faq")
    assert page.locator("dt").count() >= 5
    browser.set_offline(False)


def test_saving_the_guide_does_not_change_the_remembered_language(page, browser, server):
    page.goto(server.url + "/en/")
    choose_language(page, server.url, "en")
    wait_until_saved_offline(page)
    cookies = {cookie["name"]: cookie["value"] for cookie in browser.cookies()}
    assert cookies["lang"] == "en"  # saving the Indonesian pages set no cookie
