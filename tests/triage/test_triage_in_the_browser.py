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


def lands_on_the_answer(page) -> bool:
    """The answer's top is at the top of the screen, or as near as the page's end allows."""
    return page.evaluate(
        """() => {
            const top = document.getElementById("answer").getBoundingClientRect().top;
            const atTheEnd = scrollY + innerHeight >= document.documentElement.scrollHeight - 1;
            return top >= -1 && top < innerHeight / 4 && (top <= 1 || atTheEnd);
        }"""
    )


@pytest.mark.parametrize("lang", ["id", "en"])
def test_without_javascript_each_answer_lands_at_the_top_of_the_screen(
    page_without_js, server, lang
):
    page = page_without_js
    page.set_viewport_size({"width": 320, "height": 640})
    answers = max(PATHS, key=len)  # the longest path: a question on each page, then the advice
    page.goto(f"{server.url}/{lang}/start")
    for name, value in answers.items():
        page.check(f"fieldset[data-question={name}] input[value={value}]")
        with page.expect_navigation():
            page.click("#triage button[type=submit]")
        assert page.url.endswith("#answer")
        # The page lands on what it asks or answers next: at the top of the screen, not below.
        assert lands_on_the_answer(page), name
    assert page.is_visible("#advice")
    assert page.eval_on_selector(
        "#answer", "answer => answer.contains(document.getElementById('advice'))"
    )
    assert page.locator("#follow li").count() > 0
    # The answer comes before the form in the page, so it is the first thing after the heading.
    assert page.evaluate(
        """document.getElementById('advice').compareDocumentPosition(
            document.getElementById('triage')) & Node.DOCUMENT_POSITION_FOLLOWING"""
    )
