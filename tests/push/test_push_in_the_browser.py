"""Push reminders in a real Chromium: the worker shows the notification and opens the step."""

import json
import sqlite3
import time

import pytest
import requests
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from ..browser_actions import wait_until_saved_offline
from ..helpers import TIMEOUT_MS
from .test_push_api import browser_keys

FCM = "https://fcm.googleapis.com/fcm/send/browser-test"


def registration_id(browser, page) -> tuple:
    """The worker's registration, from the event DevTools sends once asked to watch workers."""
    cdp = browser.new_cdp_session(page)
    found = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: found.extend(
            r["registrationId"] for r in event["registrations"] if not r["isDeleted"]
        ),
    )
    cdp.send("ServiceWorker.enable")
    # The sync API hands events over only while it is busy: give it short waits until the
    # event came, up to a generous deadline.
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not found and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    assert found, "the worker should be registered"
    return cdp, found[-1]


def deliver(cdp, server, registration, payload: dict) -> None:
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": server.url, "registrationId": registration, "data": json.dumps(payload)},
    )


def notifications(page) -> list[dict]:
    return page.evaluate(
        """async () => (await (await navigator.serviceWorker.ready).getNotifications())
            .map(n => ({title: n.title, body: n.body, url: n.data.url, lang: n.lang, icon: n.icon}))"""
    )


def wait_for_notifications(page, timeout_ms: float = TIMEOUT_MS) -> None:
    """Until the worker has shown a notification, within timeout_ms.

    wait_for_function would take an async predicate's promise as truthy: this one is
    synchronous. It asks for the shown notifications (asynchronously, one question at a
    time) and reports the last answer, so the wait ends with the first answer that has one.
    """
    page.wait_for_function(
        """() => {
            if (!window.notificationsAsked) {
                window.notificationsAsked = navigator.serviceWorker.ready
                    .then((registration) => registration.getNotifications())
                    .then((shown) => { window.notificationsShown = shown.length; })
                    .finally(() => { window.notificationsAsked = null; });
            }
            return window.notificationsShown > 0;
        }""",
        polling=50,
        timeout=timeout_ms,
    )


def push_until_shown(page, cdp, server, registration, payload: dict, attempts: int = 6) -> None:
    """Deliver the push and wait for its notification.

    On a machine loaded far past its cores, Chromium can drop a DevTools-delivered push whose
    worker did not start in time (seen once in three stress runs): what is under test is our
    worker's handling of a push that arrives, so a lost delivery is delivered again. Each
    message has a tag, so a late first one replaces, never adds to, the next.
    """
    for attempt in range(attempts):
        deliver(cdp, server, registration, payload)
        try:
            wait_for_notifications(page, TIMEOUT_MS / 2)
            return
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise


# A browser of its own: in the shared one, DevTools also lists other tests' workers of the
# same origin, and a push could go to one of those.
@pytest.mark.persistent_profile
def test_a_push_shows_the_notification_and_a_tap_opens_the_step(page, browser, server):
    browser.grant_permissions(["notifications"], origin=server.url)
    page.goto(server.url + "/id/")
    wait_until_saved_offline(page)
    cdp, registration = registration_id(browser, page)
    payload = {
        "title": "Pengingat",
        "body": "Saatnya melihat langkah berikutnya yang kamu simpan.",
        "url": "/id/unlock-request#ur-wait-reply",
        "lang": "id",
        "tag": "step-ur-wait-reply",
    }
    push_until_shown(page, cdp, server, registration, payload)
    (shown,) = notifications(page)
    assert shown["title"] == payload["title"] and shown["body"] == payload["body"]
    assert shown["url"] == "/id/unlock-request#ur-wait-reply"
    assert shown["lang"] == "id" and "/assets/icon-192." in shown["icon"]

    # A tap: the worker's own click handler, with the notification the push created.
    worker = browser.service_workers[0]
    worker.evaluate(
        """async () => {
            const [notification] = await self.registration.getNotifications();
            notification.close();
            await openStep(notification.data.url);
        }"""
    )
    page.wait_for_url(server.url + "/id/unlock-request#ur-wait-reply")


# A browser of its own: in the shared one, DevTools also lists other tests' workers of the
# same origin, and a push could go to one of those.
@pytest.mark.persistent_profile
def test_a_push_can_only_ever_open_our_own_origin(page, browser, server):
    browser.grant_permissions(["notifications"], origin=server.url)
    page.goto(server.url + "/en/")
    wait_until_saved_offline(page)
    cdp, registration = registration_id(browser, page)
    phishing = {"title": "x", "body": "y", "url": "https://evil.example/phish", "tag": "t"}
    push_until_shown(page, cdp, server, registration, phishing)
    assert notifications(page)[0]["url"] == "/"


def test_remind_me_needs_a_connection_and_says_so(page, browser, server):
    page.goto(server.url + "/en/unlock-request")
    wait_until_saved_offline(page)
    block = page.locator("[data-remind='ur-wait-reply']")
    assert block.is_visible()
    assert page.locator("[data-remind]").count() == 1  # only the step that involves waiting
    browser.set_offline(True)
    page.wait_for_function("() => !navigator.onLine")  # the page learns it a moment later
    block.locator("button", has_text="tomorrow").click()
    assert page.is_visible("#reminder-offline")
    assert "needs an internet connection" in page.inner_text("#reminder-offline")
    browser.set_offline(False)


@pytest.mark.own_server  # writes to its database
def test_clear_removes_the_subscription_on_the_server_too(page, server):
    api = requests.Session()
    keys = browser_keys()
    body = {"subscription": {"endpoint": FCM, "keys": keys}, "lang": "en"}
    subscribed = api.post(server.url + "/api/push/subscriptions", json=body, timeout=5)
    assert subscribed.status_code == 201
    token = subscribed.json()["token"]
    api.headers["Authorization"] = f"Bearer {token}"
    api.post(
        server.url + "/api/reminders", json={"step": "ur-wait-reply", "delay": 86400}, timeout=5
    )

    page.goto(server.url + "/en/clear")
    page.evaluate(
        "([endpoint, token]) => localStorage.setItem('guide-reminders', JSON.stringify({endpoint, token}))",
        [FCM, token],
    )
    page.click("#clear-start")
    page.click("#clear-yes")
    page.wait_for_selector("#clear-report", state="visible")
    assert "Your reminders and notifications" in page.inner_text("#clear-list")
    listed = api.get(server.url + "/api/reminders", timeout=5)
    assert listed.status_code == 404  # the server no longer knows the subscription
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('guide-'))") == []


@pytest.mark.own_server  # writes to its database
def test_a_renewed_subscription_keeps_its_pending_reminders(page, browser, server):
    """pushsubscriptionchange: the worker moves the subscription, reminders and all, to the
    browser's new endpoint and keys, with the key the page handed it."""
    api = requests.Session()
    body = {"subscription": {"endpoint": FCM, "keys": browser_keys()}, "lang": "en"}
    token = api.post(server.url + "/api/push/subscriptions", json=body, timeout=5).json()["token"]
    api.headers["Authorization"] = f"Bearer {token}"
    reminder = {"step": "ur-wait-reply", "delay": 86400}
    ids = {
        api.post(server.url + "/api/reminders", json=reminder, timeout=5).json()["id"]
        for _ in range(2)
    }

    page.goto(server.url + "/en/unlock-request")
    wait_until_saved_offline(page)
    # What reminders.js does once the server gave the key: hand it to the worker.
    page.evaluate(
        """([endpoint, token]) => navigator.serviceWorker.ready.then(
            (registration) => registration.active.postMessage({ type: "PUSH_KEY", endpoint, token }))""",
        [FCM, token],
    )
    worker = browser.service_workers[0]
    saved = worker.evaluate(
        """async () => {
            for (;;) {  // until the message has been handled
                const saved = await savedPushKey();
                if (saved) return saved;
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
        }"""
    )
    assert saved == {"endpoint": FCM, "token": token}

    renewed = {"endpoint": FCM + "-renewed", "keys": browser_keys()}
    worker.evaluate(
        """async (renewed) => {
            await resubscribe({ newSubscription: { endpoint: renewed.endpoint, toJSON: () => renewed } });
        }""",
        renewed,
    )
    listed = api.get(server.url + "/api/reminders", timeout=5).json()["reminders"]
    assert {r["id"] for r in listed} == ids
    assert worker.evaluate("savedPushKey()") == {"endpoint": renewed["endpoint"], "token": token}
    with sqlite3.connect(server.instance_dir / "guide.sqlite3") as db:
        rows = db.execute("SELECT endpoint, p256dh, auth FROM subscriptions").fetchall()
    assert rows == [(renewed["endpoint"], renewed["keys"]["p256dh"], renewed["keys"]["auth"])]


def test_without_a_key_a_renewed_subscription_is_not_sent_anywhere(page, browser, server):
    page.goto(server.url + "/en/")
    wait_until_saved_offline(page)
    worker = browser.service_workers[0]
    fetched = worker.evaluate(
        """async () => {
            const fetched = [];
            const realFetch = self.fetch;
            self.fetch = (url, ...rest) => { fetched.push(String(url)); return realFetch(url, ...rest); };
            try {
                await resubscribe({ newSubscription: { endpoint: "https://fcm.googleapis.com/x",
                    toJSON: () => ({}) } });
            } finally {
                self.fetch = realFetch;
            }
            return fetched;
        }"""
    )
    assert fetched == []
