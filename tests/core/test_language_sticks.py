"""The language a person switches to sticks, online and offline, in a real Chromium: the front
door and the installed app's start open it, though the worker serves the switch from the phone."""

import pytest
import requests

from ..browser_actions import wait_until_saved_offline

TOLD_THE_SERVER = "() => (JSON.parse(localStorage.getItem('guide-lang')) || {}).cookie === true"
# The page keeps the choice for the worker in a cache; writing it takes a moment after load.
KEPT_FOR_THE_WORKER = """async (lang) => {
  const kept = await caches.match("/chosen-language", { cacheName: "language" });
  return kept && (await kept.text()) === lang;
}"""


def remembered(browser) -> str | None:
    return {cookie["name"]: cookie["value"] for cookie in browser.cookies()}.get("lang")


def front_door_without_the_worker(server, browser) -> str:
    """Where / leads a browser with this one's cookie but no worker: the server's own rule."""
    response = requests.get(
        server.url + "/", cookies={"lang": remembered(browser) or ""}, allow_redirects=False
    )
    return response.headers["Location"]


def start_url(page) -> str:
    return page.evaluate(
        """async () => (await fetch(document.querySelector("link[rel=manifest]").href)).json()"""
    )["start_url"]


@pytest.mark.own_server  # stops and restarts it
def test_a_language_switch_sticks_online_and_offline(page, browser, server):
    page.goto(server.url + "/")  # the phone says Indonesian
    assert page.url == server.url + "/id/"
    wait_until_saved_offline(page)

    # Online: the switch comes from the phone, and the page tells the server.
    with page.expect_navigation() as switched:
        page.click("header a[hreflang=en]")
    assert switched.value.from_service_worker
    page.wait_for_function(TOLD_THE_SERVER)
    page.wait_for_function(KEPT_FOR_THE_WORKER, arg="en")
    assert remembered(browser) == "en"
    assert front_door_without_the_worker(server, browser) == "/en/"
    page.goto(server.url + "/")
    assert page.url == server.url + "/en/"
    assert start_url(page) == "/"
    page.goto(server.url + start_url(page))  # the installed app's start
    assert page.url == server.url + "/en/"

    # Offline: the choice is kept on the phone, and the worker opens / in it.
    server.stop()
    page.goto(server.url + "/en/faq")
    page.click("header a[hreflang=id]")
    page.wait_for_url(server.url + "/id/faq")
    page.wait_for_function(KEPT_FOR_THE_WORKER, arg="id")
    page.goto(server.url + "/")
    assert page.url == server.url + "/id/"
    assert page.get_attribute("html", "lang") == "id"
    assert page.evaluate("JSON.parse(localStorage.getItem('guide-lang'))") == {
        "lang": "id",
        "cookie": False,
    }
    assert remembered(browser) == "en"  # the server could not be told yet

    # Online again: the next page tells the server.
    server.start()
    page.goto(server.url + "/id/about")
    page.wait_for_function(TOLD_THE_SERVER)
    assert remembered(browser) == "id"
    assert front_door_without_the_worker(server, browser) == "/id/"
