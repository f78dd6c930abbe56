""" "Where do I start?" in a real Chromium: offline it answers as the server does."""

import re

import pytest
import requests

from webapp.triage import every_path

from ..browser_actions import (
    wait_until_saved_offline,
)

PATHS = every_path()


def server_advice(server, answers) -> tuple[list[str], list[str]]:
    html = requests.get(server.url + "/en/start", params=answers, timeout=5).text
    lists = []
    for list_id in ("follow", "avoid"):
        body = re.search(rf'id="{list_id}"[^>]*>(.*?)</(?:ol|ul)>', html, re.S).group(1)
        lists.append(re.findall(r'data-advice="([^"]+)"', body))
    return lists[0], lists[1]


def shown_advice(page) -> tuple[list[str], list[str]]:
    return tuple(
        page.eval_on_selector_all(f"#{list_id} li", "items => items.map(i => i.dataset.advice)")
        for list_id in ("follow", "avoid")
    )


@pytest.mark.own_server  # stops it
def test_the_offline_triage_gives_the_same_answer_as_the_server_for_every_path(page, server):
    page.goto(server.url + "/en/start")
    wait_until_saved_offline(page)
    expected = {tuple(a.items()): server_advice(server, a) for a in PATHS}
    server.stop()
    page.reload()
    for answers, advice in expected.items():
        for name, value in answers:
            # Each question appears only once the one before it is answered.
            page.check(f"fieldset[data-question={name}] input[value={value}]")
        page.click("#triage button[type=submit]")
        assert shown_advice(page) == advice, answers
        asked = page.eval_on_selector_all(
            "fieldset[data-question]:not([hidden])", "sets => sets.map(s => s.dataset.question)"
        )
        assert asked == [name for name, _ in answers]
        page.evaluate("document.getElementById('triage').reset()")
    assert page.locator("#follow a").first.get_attribute("href") is not None


def test_the_triage_asks_one_question_at_a_time_and_focuses_the_answer(page, server):
    page.goto(server.url + "/id/start")
    assert page.is_hidden("fieldset[data-question=know_contact]")
    page.check("input[name=shows][value=device-locked]")
    assert page.is_visible("fieldset[data-question=know_contact]")
    assert page.is_hidden("fieldset[data-question=knows_passwords]")
    page.click("#triage button[type=submit]")
    assert page.evaluate("document.activeElement.name") == "know_contact"
    page.check("input[name=know_contact][value=not-sure]")
    assert page.is_hidden("fieldset[data-question=can_receive]")
    page.check("input[name=has_proof][value=not-sure]")
    page.click("#triage button[type=submit]")
    assert page.evaluate("document.activeElement.id") == "advice-heading"
    assert "know_contact=not-sure" in page.url
    follow, avoid = shown_advice(page)
    assert follow[:2] == ["password-reset:try-every-contact", "unlock-request:look-for-proof"]
    assert "factory-reset:already-locked" in avoid
