""" "Remind me" in a real Chromium: a pending state at once, then the date, or what stopped it
and what to do, right under the buttons that were tapped.

The browser's push service is stood in for where a test needs it (a subscription the test
releases when it chooses, a permission the person refused, a browser without push): the
page's own code runs; the server is real.
"""

import json

import pytest

from ..browser_actions import wait_until_saved_offline
from ..helpers import LANGUAGES
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


def buttons_unavailable(page) -> list[str]:
    """aria-disabled of the step's "Remind me" buttons: "true" while a reminder is being set."""
    return (
        page.locator(STEP)
        .locator("button")
        .evaluate_all("(buttons) => buttons.map((button) => button.getAttribute('aria-disabled'))")
    )


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
    assert buttons_unavailable(page) == ["true"] * 3  # a second tap waits for this one
    release_subscription(page)
    page.wait_for_selector(f"#reminder-status:has-text('{done}')")
    assert feedback_under_the_buttons(page).startswith(done)
    assert "true" not in buttons_unavailable(page)
    # The list is fetched again after the date is shown: wait for it, then count.
    page.wait_for_selector("#reminder-list li")
    assert page.locator("#reminder-list li").count() == 1


# What each stand-in makes the browser say, and what the page must then tell the person.
IPAD = (  # iPadOS Safari says it is a Mac; only its touch screen tells it apart
    "Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (Macintosh; Intel "
    "Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15' });"
    "Object.defineProperty(navigator, 'platform', { get: () => 'MacIntel' });"
)
CANNOT_WORK = {
    "blocked": (
        "Notification.requestPermission = async () => 'denied';",
        "#reminder-denied",
        {
            "en": "Notifications are blocked for this site. Add an event to this phone's calendar",
            "id": "Notifikasi diblokir untuk situs ini. Tambahkan acara di kalender HP ini",
        },
    ),
    "question-closed": (  # the person closed the browser's question: a tap asks again
        "Notification.requestPermission = async () => 'default';",
        "#reminder-dismissed",
        {
            "en": "Tap the button again and allow notifications, or add an event",
            "id": "Ketuk tombolnya lagi dan izinkan notifikasi, atau tambahkan acara",
        },
    ),
    "unsupported": (
        "delete window.PushManager;",
        "#reminder-unsupported",
        {
            "en": "This browser cannot show notifications. Add an event to this phone's calendar",
            "id": "Browser ini tidak bisa menampilkan notifikasi. Tambahkan acara di kalender",
        },
    ),
    "iphone-not-installed": (
        "delete window.PushManager;"
        "Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (iPhone)' });",
        "#reminder-ios",
        {
            "en": "On iPhone and iPad, notifications work only after you install this guide",
            "id": "Di iPhone dan iPad, notifikasi hanya jalan setelah panduan ini dipasang",
        },
    ),
    "ipad-not-installed": (
        "delete window.PushManager;"
        + IPAD
        + "Object.defineProperty(navigator, 'maxTouchPoints', { get: () => 5 });",
        "#reminder-ios",
        {
            "en": "On iPhone and iPad, notifications work only after you install this guide",
            "id": "Di iPhone dan iPad, notifikasi hanya jalan setelah panduan ini dipasang",
        },
    ),
    "mac-without-push": (  # a Mac has no touch screen: no install hint, it cannot
        "delete window.PushManager;"
        + IPAD
        + "Object.defineProperty(navigator, 'maxTouchPoints', { get: () => 0 });",
        "#reminder-unsupported",
        {
            "en": "This browser cannot show notifications.",
            "id": "Browser ini tidak bisa menampilkan notifikasi.",
        },
    ),
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("case", CANNOT_WORK)
def test_a_tap_that_cannot_work_says_why_and_what_to_do(page, server, case, lang):
    stand_in, shown, text = CANNOT_WORK[case]
    page.add_init_script(stand_in)
    page.goto(f"{server.url}/{lang}/unlock-request")
    tap_tomorrow(page)
    page.wait_for_selector(shown, state="visible")
    assert text[lang] in feedback_under_the_buttons(page)
    # Every failure points to the calendar row, which needs no push service.
    assert {"en": "calendar", "id": "kalender"}[lang] in feedback_under_the_buttons(page)
    assert page.locator("[data-calendar='ur-wait-reply']").is_visible()
    assert page.locator("#reminder-feedback .warn:visible").count() == 1
    assert page.inner_text("#reminder-status") == ""  # no longer pending
    assert "true" not in buttons_unavailable(page)


@pytest.mark.parametrize(
    ("lang", "offline", "failed"),
    [
        (
            "en",
            "needs an internet connection",
            "The notification could not be set. Add an event to this phone's calendar instead.",
        ),
        (
            "id",
            "perlu koneksi internet",
            "Notifikasi tidak bisa dipasang. Tambahkan acara di kalender HP ini saja.",
        ),
    ],
)
def test_offline_and_a_refusing_server_are_told_apart(page, browser, server, lang, offline, failed):
    browser.grant_permissions(["notifications"], origin=server.url)
    page.add_init_script(HELD_SUBSCRIPTION % (json.dumps(FCM), json.dumps(browser_keys())))
    page.goto(f"{server.url}/{lang}/unlock-request")
    wait_until_saved_offline(page)

    browser.set_offline(True)
    tap_tomorrow(page)
    page.wait_for_selector("#reminder-offline", state="visible")
    assert offline in feedback_under_the_buttons(page)
    assert {"en": "calendar", "id": "kalender"}[lang] in feedback_under_the_buttons(page)
    browser.set_offline(False)
    page.wait_for_selector("#reminder-offline", state="hidden")

    page.route("**/api/push/subscriptions", lambda route: route.fulfill(status=503, body="{}"))
    tap_tomorrow(page)
    page.wait_for_selector("#reminder-status:not(:empty)")
    release_subscription(page)
    page.wait_for_selector("#reminder-failed", state="visible")
    assert feedback_under_the_buttons(page) == failed


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "The notification service did not answer. Check the internet connection"),
        ("id", "Layanan notifikasi tidak menjawab. Cek koneksi internet"),
    ],
)
def test_a_push_service_that_never_answers_is_given_up_after_30_seconds(
    page, browser, server, lang, text
):
    browser.grant_permissions(["notifications"], origin=server.url)
    # The page's clock is Playwright's: the 30 s pass when the test says, not in real time.
    page.clock.install()
    page.add_init_script(HELD_SUBSCRIPTION % (json.dumps(FCM), json.dumps(browser_keys())))
    page.goto(f"{server.url}/{lang}/unlock-request")
    wait_until_saved_offline(page)
    tap_tomorrow(page)
    page.wait_for_function("() => typeof window.releaseSubscription === 'function'")
    assert buttons_unavailable(page) == ["true"] * 3  # while the browser subscribes
    page.clock.run_for("00:29")
    assert page.is_hidden("#reminder-timeout"), "a slow push service gets its time"
    page.clock.run_for("00:02")
    page.wait_for_selector("#reminder-timeout", state="visible")
    assert feedback_under_the_buttons(page).startswith(text)
    assert page.inner_text("#reminder-status") == ""
    assert "true" not in buttons_unavailable(page)  # the person can try again


ROWS = {
    "en": (
        "A notification on this phone:",
        "An event in this phone's calendar:",
        ("tomorrow", "in 3 days", "in a week"),
        "On a borrowed phone, a notification and a calendar event both reach its owner: "
        "write the date down instead.",
    ),
    "id": (
        "Notifikasi di HP ini:",
        "Acara di kalender HP ini:",
        ("besok", "3 hari lagi", "seminggu lagi"),
        "Di HP pinjaman, notifikasi dan acara kalender sama-sama sampai ke pemiliknya: "
        "lebih baik catat tanggalnya di kertas.",
    ),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_two_rows_say_what_they_do_and_every_button_has_a_name_of_its_own(page, server, lang):
    notification, calendar, times, borrowed = ROWS[lang]
    page.goto(f"{server.url}/{lang}/unlock-request")
    rows = page.locator("[data-remind='ur-wait-reply'], [data-calendar='ur-wait-reply']")
    assert rows.nth(0).inner_text().startswith(notification)
    assert rows.nth(1).inner_text().startswith(calendar)
    names = []
    for label in (notification, calendar):
        for time in times:
            button = page.get_by_role("button", name=f"{label} {time}", exact=True)
            assert button.is_visible()
            names.append(f"{label} {time}")
    assert len(set(names)) == 6
    # Before the rows, where they are read first: what a borrowed phone does with them.
    note = page.locator("[data-borrowed]")
    assert note.is_visible() and note.inner_text() == borrowed
    assert page.evaluate(
        "document.querySelector('[data-borrowed]').compareDocumentPosition("
        "document.querySelector('[data-remind]')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )


def test_the_times_offered_come_from_the_configuration(app, monkeypatch):
    from flask_babel import force_locale

    from webapp.push.reminder_rows import reminder_delays

    with app.test_request_context("/en/"), force_locale("en"):
        assert [delay for delay, _ in reminder_delays()] == list(app.config["REMINDER_DELAYS"])
        monkeypatch.setitem(app.config, "REMINDER_DELAYS", (2 * 3600, 86400, 40 * 24 * 3600))
        # Hours below a day; a time the API would refuse is not offered.
        assert reminder_delays() == [(7200, "in 2 hours"), (86400, "tomorrow")]
