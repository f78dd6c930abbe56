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
    assert page.is_hidden("fieldset[data-question=whose]")
    page.check("input[name=shows][value=device-locked]")
    # Whose account it is comes first, before anything that could lead to Xiaomi.
    assert page.is_visible("fieldset[data-question=whose]")
    assert page.is_hidden("fieldset[data-question=know_contact]")
    assert page.is_hidden("fieldset[data-question=has_proof]")
    page.click("#triage button[type=submit]")
    assert page.evaluate("document.activeElement.name") == "whose"
    page.check("input[name=whose][value=mine]")
    page.check("input[name=know_contact][value=not-sure]")
    assert page.is_hidden("fieldset[data-question=can_receive]")
    page.check("input[name=has_proof][value=not-sure]")
    page.click("#triage button[type=submit]")
    assert page.evaluate("document.activeElement.id") == "advice-heading"
    assert "know_contact=not-sure" in page.url and "shown=" not in page.url
    follow, avoid = shown_advice(page)
    assert follow[:3] == [
        "whose-account:look-for-contact",
        "password-reset:try-every-contact",
        "unlock-request:look-for-proof",
    ]
    assert "factory-reset:already-locked" in avoid
    # The unlock request it follows offers the support helper, which writes the message.
    assert page.locator('#follow a[href="/id/support"]').count() == 1


def test_a_buyer_who_says_this_device_is_locked_is_never_asked_for_the_box(page, server):
    page.goto(server.url + "/en/start")
    page.check("input[name=shows][value=device-locked]")
    page.check("input[name=whose][value=second-hand]")
    assert page.is_hidden("fieldset[data-question=has_proof]")
    page.check("input[name=seller][value=yes]")
    page.click("#triage button[type=submit]")
    follow, avoid = shown_advice(page)
    assert follow == ["second-hand:seller-removes"]
    assert "unlock-request:not-in-sellers-name" in avoid
    assert page.locator("#follow a[href='/en/unlock-request']").count() == 0


@pytest.mark.parametrize("lang", ["id", "en"])
def test_with_javascript_the_answer_comes_into_view_and_takes_the_focus(page, server, lang):
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(f"{server.url}/{lang}/start")
    page.check("input[name=shows][value=selling]")
    page.click("#triage button[type=submit]")
    # The advice sits above the form: it is brought to the top of the screen and focused.
    top = page.evaluate("document.getElementById('advice').getBoundingClientRect().top")
    assert -1 <= top <= 1
    assert page.evaluate("document.activeElement.id") == "advice-heading"
    assert page.is_visible("#advice-heading")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_with_javascript_an_empty_submit_says_so_where_the_person_looks(page, server, lang):
    message = {"en": "Please choose one of the answers.", "id": "Pilih salah satu jawaban."}[lang]
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(f"{server.url}/{lang}/start")
    page.click("#triage button[type=submit]")
    alert = page.locator("#choose")
    assert alert.is_visible() and alert.inner_text() == message
    assert alert.get_attribute("role") == "alert"
    assert (
        page.evaluate("document.getElementById('choose').closest('fieldset').dataset.question")
        == "shows"
    )
    assert page.evaluate("document.activeElement.name") == "shows"
    box = alert.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= 568  # on screen
    # A later question left unanswered: the message moves there.
    page.check("input[name=shows][value=device-locked]")
    assert alert.is_hidden()
    page.click("#triage button[type=submit]")
    assert (
        page.evaluate("document.getElementById('choose').closest('fieldset').dataset.question")
        == "whose"
    )
    assert alert.is_visible()


def test_with_javascript_switching_language_keeps_the_answers(page, server):
    page.goto(server.url + "/en/start")
    page.check("input[name=shows][value=device-locked]")
    page.check("input[name=whose][value=died]")
    with page.expect_navigation():
        page.click("header a[hreflang=id]")
    assert page.url.startswith(server.url + "/id/start?")
    assert page.is_checked("input[name=shows][value=device-locked]")
    assert page.is_checked("input[name=whose][value=died]")
    page.click("#triage button[type=submit]")
    follow, _ = shown_advice(page)
    assert follow == ["heir:heir-papers"]


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
