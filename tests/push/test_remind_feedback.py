""" "Remind me" in a real Chromium: a pending state at once, then the date, or what stopped it
and what to do, right under the buttons that were tapped.

The browser's push service is stood in for where a test needs it (a subscription the test
releases when it chooses, a permission the person refused, a browser without push): the
page's own code runs; the server is real.
"""

import json

import pytest

from ..browser_actions import wait_until_saved_offline
from .test_push_api import browser_keys

FCM = "https://fcm.googleapis.com/fcm/send/feedback-test"
STEP = "[data-remind='ur-wait-reply']"

# subscribe() waits until the test releases it, as a real one waits for the push service.
HELD_SUBSCRIPTION = """
(() => {
    const subscription = (endpoint, keys) => ({
        endpoint, toJSON: () => ({ endpoint, keys }), unsubscribe: async () => true,
    });
    let current = null;
    PushManager.prototype.getSubscription = async () => current;
    PushManager.prototype.subscribe = () => new Promise((resolve) => {
        window.releaseSubscription = () => resolve(current = subscription(%s, %s));
    });
})();
"""


def release_subscription(page) -> None:
    """As the push service answers: once the page has asked it to subscribe."""
    page.wait_for_function("() => typeof window.releaseSubscription === 'function'")
    page.evaluate("window.releaseSubscription()")


def tap_tomorrow(page) -> None:
    page.locator(STEP).locator("button[data-delay='86400']").click()


def feedback_under_the_buttons(page) -> str:
    """The feedback's text, checked to sit right under the tapped buttons."""
    assert (
        page.evaluate(f'document.querySelector("{STEP}").nextElementSibling.id')
        == "reminder-feedback"
    )
    return page.inner_text("#reminder-feedback").strip()


@pytest.mark.own_server  # writes the subscription and the reminder to its database
@pytest.mark.parametrize(
    ("lang", "pending", "done"),
    [
        ("en", "Setting the reminder…", "Reminder set for "),
        ("id", "Sedang mengatur pengingat…", "Pengingat diatur untuk "),
    ],
)
def test_a_tap_shows_pending_at_once_then_the_date(page, browser, server, lang, pending, done):
    browser.grant_permissions(["notifications"], origin=server.url)
    page.add_init_script(HELD_SUBSCRIPTION % (json.dumps(FCM), json.dumps(browser_keys())))
    page.goto(f"{server.url}/{lang}/unlock-request")
    wait_until_saved_offline(page)
    tap_tomorrow(page)
    page.wait_for_selector(f"#reminder-status:has-text('{pending}')")
    assert feedback_under_the_buttons(page) == pending  # while the browser subscribes
    release_subscription(page)
    page.wait_for_selector(f"#reminder-status:has-text('{done}')")
    assert feedback_under_the_buttons(page).startswith(done)
    # The list is fetched again after the date is shown: wait for it, then count.
    page.wait_for_selector("#reminder-list li")
    assert page.locator("#reminder-list li").count() == 1


@pytest.mark.parametrize(
    ("stand_in", "shown", "text"),
    [
        (
            "Notification.requestPermission = async () => 'denied';",
            "#reminder-denied",
            "Notifications are blocked for this site. Allow them in the browser's settings",
        ),
        (
            "delete window.PushManager;",
            "#reminder-unsupported",
            "This browser cannot show reminders. Write the date down instead.",
        ),
        (
            "delete window.PushManager;"
            "Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (iPhone)' });",
            "#reminder-ios",
            "On iPhone, reminders work only after you install this guide",
        ),
    ],
    ids=["blocked", "unsupported", "iphone-not-installed"],
)
def test_a_tap_that_cannot_work_says_why_and_what_to_do(page, server, stand_in, shown, text):
    page.add_init_script(stand_in)
    page.goto(server.url + "/en/unlock-request")
    tap_tomorrow(page)
    page.wait_for_selector(shown, state="visible")
    assert text in feedback_under_the_buttons(page)
    assert page.locator("#reminder-feedback .warn:visible").count() == 1
    assert page.inner_text("#reminder-status") == ""  # no longer pending


def test_offline_and_a_refusing_server_are_told_apart(page, browser, server):
    browser.grant_permissions(["notifications"], origin=server.url)
    page.add_init_script(HELD_SUBSCRIPTION % (json.dumps(FCM), json.dumps(browser_keys())))
    page.goto(server.url + "/en/unlock-request")
    wait_until_saved_offline(page)

    browser.set_offline(True)
    tap_tomorrow(page)
    page.wait_for_selector("#reminder-offline", state="visible")
    assert "needs an internet connection" in feedback_under_the_buttons(page)
    browser.set_offline(False)
    page.wait_for_selector("#reminder-offline", state="hidden")

    page.route("**/api/push/subscriptions", lambda route: route.fulfill(status=503, body="{}"))
    tap_tomorrow(page)
    page.wait_for_selector("#reminder-status:has-text('Setting the reminder…')")
    release_subscription(page)
    page.wait_for_selector("#reminder-failed", state="visible")
    assert feedback_under_the_buttons(page) == (
        "The reminder could not be set. Try again in a few minutes."
    )
