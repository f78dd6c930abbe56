"""'Add to my calendar': an iCalendar file made on the phone, offline, with a neutral title,
the step's link and an alarm."""

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from ..browser_actions import box

NEUTRAL = {"en": "Reminder", "id": "Pengingat"}


def test_the_calendar_file_is_made_offline_with_the_time_link_and_alarm(page, server):
    requested = []
    page.on("request", lambda request: requested.append(request))
    for lang, step_id, delay in (("en", "ur-wait-reply", 259200), ("id", "gl-wait", 86400)):
        method = "unlock-request" if step_id.startswith("ur-") else "google-lock"
        page.goto(f"{server.url}/{lang}/{method}")
        page.context.set_offline(True)
        requested.clear()
        before = datetime.now(UTC)
        with page.expect_download() as download:
            page.click(f"[data-calendar='{step_id}'] button[data-delay='{delay}']")
        after = datetime.now(UTC)
        assert download.value.suggested_filename == "reminder.ics"
        raw = open(download.value.path(), "rb").read()
        assert all(len(line) <= 75 for line in raw.split(b"\r\n")), "lines folded (RFC 5545)"
        calendar = Calendar.from_ical(raw)
        assert str(calendar["VERSION"]) == "2.0" and calendar.get("PRODID")
        (event,) = calendar.walk("VEVENT")
        start = event.decoded("DTSTART")
        wanted = timedelta(seconds=delay)
        assert (before + wanted).replace(second=0, microsecond=0) <= start <= after + wanted
        assert event.decoded("DTEND") - start == timedelta(minutes=15)
        assert str(event["SUMMARY"]) == NEUTRAL[lang]  # neither lock, Xiaomi nor account
        # The link names no method: the home page, which forwards the step id to its page.
        link = f"{server.url}/{lang}/#{step_id}"
        assert str(event["URL"]) == link and link in str(event["DESCRIPTION"])
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(0)
        assert page.is_visible("#calendar-status")
        # Chromium may still fetch the page's icon late; anything else, a post above all, or a
        # request to anywhere but our own hashed assets, would be the reminder leaving the phone.
        sent = [
            request.url
            for request in requested
            if not request.url.startswith("blob:")
            and not (request.method == "GET" and request.url.startswith(f"{server.url}/assets/"))
        ]
        assert sent == [], "nothing sent"
        page.context.set_offline(False)
        page.goto(link)
        page.wait_for_url(f"{server.url}/{lang}/{method}#{step_id}")
        assert page.is_visible(box(step_id))
