"""Offline after one visit: the whole guide, both languages, with the server stopped."""

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from webapp import FEATURES
from webapp.core.features import Features

from ..browser_actions import box, choose_language, wait_until_saved_offline
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
    assert page.locator(f"{box('fr-wipe')}[type=checkbox]").count() == 1


@pytest.mark.own_server  # stops it
def test_an_unknown_page_offline_shows_the_fallback_in_its_language(page, server):
    page.goto(server.url + "/en/")
    wait_until_saved_offline(page)
    server.stop()

    page.goto(server.url + "/en/no-such-page")
    assert "This page is not saved on this phone" in page.inner_text("h1")
    assert page.get_attribute("html", "lang") == "en"
    page.click("main a[href]")
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


@pytest.mark.parametrize(
    ("lang", "saving", "stranded", "offer"),
    [
        (
            "en",
            "Saving the guide for use without internet…",
            "The guide is not saved on this phone yet: without internet, only the pages "
            "already open work.",
            "Save the whole guide as one file",
        ),
        (
            "id",
            "Menyimpan panduan agar bisa dibuka tanpa internet…",
            "Panduan ini belum tersimpan di HP ini: tanpa internet, hanya halaman yang sudah "
            "terbuka yang bisa dipakai.",
            "Simpan seluruh panduan sebagai satu file",
        ),
    ],
)
def test_a_connection_lost_while_saving_is_explained_and_the_one_file_guide_stays(
    page, browser, server, lang, saving, stranded, offer
):
    held = []
    # The worker's download of the guide waits (a slow first visit); the icon it saves
    # after it never arrives (the connection dropped): the install fails half-way.
    browser.route("**/precache/*.txt", lambda route: held.append(route))
    browser.route(
        "**/assets/icon-192*",
        lambda route: route.abort() if route.request.service_worker else route.continue_(),
    )
    page.goto(f"{server.url}/{lang}/")
    page.wait_for_selector("#saving", state="visible")
    assert page.inner_text("#saving") == saving
    for _ in range(600):  # the worker asks for the guide right after the page said so
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the worker never asked for the guide"
    page.evaluate(
        """() => navigator.serviceWorker.getRegistration().then((registration) => {
            const worker = registration.installing;
            window.failed = new Promise((done) => worker.addEventListener("statechange", () => {
                if (worker.state === "redundant") done(true);
            }));
        })"""
    )
    held[0].continue_()
    assert page.evaluate("window.failed")
    assert page.is_hidden("#saving") and page.is_hidden("#saved")

    browser.set_offline(True)
    page.wait_for_selector("#not-saved", state="visible")
    assert page.inner_text("#no-connection") and page.is_visible("#no-connection")
    assert stranded in page.inner_text("#not-saved")
    link = page.locator("#one-file")
    link.wait_for(state="visible")
    assert link.inner_text() == offer
    # The one-file guide kept on the phone, offline: the whole guide in this language.
    href = link.get_attribute("href")
    assert (
        href.startswith("blob:") and page.get_attribute(".tools [download][href]", "href") == href
    )
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"redmi-4a-guide-{lang}.html"
    guide = Path(download.value.path()).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in guide and guide.count("<h2") > 5
    assert "one-file" in page.evaluate("caches.keys()")  # outside the failed install's
    browser.set_offline(False)
