""" "Where do I start?" answered by the server, as a phone without JavaScript gets it.

The safety rules are checked for every path through the questions, in both languages.
"""

import re

import pytest

from webapp.content.guide import GROUPS, method_by_id
from webapp.triage import QUESTION_BY_NAME, SCREENS, decision_tree, every_path, recommend

from ..helpers import LANGUAGES

PATHS = every_path()
SAFE_GROUPS = {group.id for group in GROUPS if group.safe}


def path_id(answers: dict) -> str:
    return "/".join(answers.values())


def advice_from(html: str, list_id: str) -> list[str]:
    section = re.search(rf'<(?:ol|ul) id="{list_id}"[^>]*>(.*?)</(?:ol|ul)>', html, re.S).group(1)
    return re.findall(r'data-advice="([^"]+)"', section)


def targets(keys: list[str]) -> list[str]:
    return [key.split(":")[0] for key in keys]


def ask(client, answers: dict, lang: str = "en"):
    return client.get(f"/{lang}/start", query_string=answers)


def is_risky(target: str) -> bool:
    return target != SCREENS and method_by_id(target).group not in SAFE_GROUPS


def test_the_first_question_is_what_the_phone_shows_with_an_im_not_sure_answer():
    first = QUESTION_BY_NAME["shows"]
    assert decision_tree()[""] == "?shows"
    assert {"screen-lock", "device-locked", "google-verify", "still-inside", "second-hand"} < set(
        first.values
    )
    assert "not-sure" in first.values
    for question in QUESTION_BY_NAME.values():
        assert "not-sure" in question.values, question.name


def test_later_questions_are_asked_only_when_they_matter():
    asked = {path_id(a): set(a) - {"shows"} for a in PATHS}
    assert asked["second-hand"] == set()
    assert asked["google-verify"] == set()
    assert asked["not-sure"] == set()
    assert asked["screen-lock/yes"] == {"knows_passwords"}
    assert all("has_proof" not in a for a in PATHS if a["shows"] != "device-locked")
    # Proof is for Xiaomi's unlock request: not asked when the code still arrives.
    assert all("has_proof" not in a for a in PATHS if a.get("can_receive") == "yes")
    assert all(
        "has_proof" in a
        for a in PATHS
        if a["shows"] == "device-locked" and a.get("can_receive") != "yes"
    )
    assert all("can_receive" not in a for a in PATHS if a.get("know_contact") != "yes")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("answers", PATHS, ids=path_id)
def test_every_path_follows_the_safety_rules(client, lang, answers):
    response = ask(client, answers, lang)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    follow, avoid = advice_from(html, "follow"), advice_from(html, "avoid")
    assert (follow, avoid) == tuple([a.key for a in part] for part in recommend(answers))
    shown, skipped = targets(follow), targets(avoid)
    assert shown, "every answer, 'not sure' included, leads somewhere"

    # The safe ways come first: nothing risky before a safe step.
    first_risky = next((i for i, t in enumerate(shown) if is_risky(t)), len(shown))
    assert not any(not is_risky(t) and t != "prevention" for t in shown[first_risky + 1 :])
    assert not is_risky(shown[0]) or shown[0] == "screen-lock"
    # A reset only for the screen lock, only when both passwords are known, only after getting ready.
    if "factory-reset" in shown:
        assert answers["shows"] == "screen-lock" and answers["knows_passwords"] == "yes"
        assert shown.index("screen-lock") < shown.index("factory-reset")
    else:
        assert "factory-reset" in skipped
    # Unlock tools are never a way in.
    assert "unlock-tools" not in shown and "unlock-tools" in skipped
    # Xiaomi is asked to unlock only a phone that is locked to the Mi account.
    if "unlock-request" in shown:
        assert answers["shows"] == "device-locked"
    if answers["shows"] in ("still-inside", "screen-lock", "second-hand"):
        assert "unlock-request" in skipped
    # The pages it sends the person to never offer, as a plain "Next", what it says to skip.
    for target in shown:
        method = method_by_id(target) if target != SCREENS else None
        if method and method.following and not method.following_when:
            assert method.following not in skipped, (target, method.following)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_answer_is_the_first_thing_after_the_heading_and_the_form_lands_on_it(client, lang):
    answers = {"shows": "device-locked", "know_contact": "yes", "can_receive": "no"}
    answers["has_proof"] = "not-sure"
    html = ask(client, answers, lang).get_data(as_text=True)
    main = html[html.index("<main") :]
    assert main.index('<div id="answer">') < main.index("<h2")  # before anything else
    assert main.index('id="advice"') < main.index('<form id="triage"')
    assert 'action="/' + lang + '/start#answer"' in main


def test_without_javascript_the_server_asks_the_next_question_and_lands_on_it(client):
    html = ask(client, {"shows": "device-locked"}).get_data(as_text=True)
    assert '<fieldset data-question="know_contact" id="answer">' in html
    assert 'data-question="has_proof" hidden disabled' in html
    assert 'id="advice" aria-labelledby="advice-heading" hidden' in html
    assert 'name="shows" value="device-locked" checked' in html


def test_an_answer_that_does_not_belong_on_the_path_is_ignored(client):
    html = ask(client, {"shows": "second-hand", "has_proof": "yes"}).get_data(as_text=True)
    assert advice_from(html, "follow") == ["second-hand:seller-removes"]


def test_every_recommendation_links_into_its_method_with_a_reason_in_the_page_language(client):
    html = ask(client, {"shows": "still-inside", "know_contact": "no"}, "id").get_data(as_text=True)
    assert '<a href="/id/password-reset">Ganti kata sandi akun Mi</a>' in html
    not_sure = ask(client, {"shows": "not-sure"}, "id").get_data(as_text=True)
    assert '<a href="/id/#screens">Apa yang muncul di HP?</a>' in not_sure


@pytest.mark.parametrize(
    "query",
    [
        {"shows": "maybe"},
        {"shows": "device-locked", "know_contact": "<script>alert(1)</script>"},
        {"shows": "screen-lock", "knows_passwords": "yes please"},
    ],
)
def test_a_forged_answer_gets_a_clear_message(client, query):
    response = client.get("/en/start", query_string=query)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Please choose one of the answers." in html
    assert "<script>alert(1)</script>" not in html
    assert 'id="advice" aria-labelledby="advice-heading" hidden' in html


def test_the_page_carries_the_whole_tree_for_offline_use(client):
    html = client.get("/en/start").get_data(as_text=True)
    tree = decision_tree()
    assert all(not node.startswith("?") for key, node in tree.items() if key and "|" in node)
    assert len([node for node in tree.values() if "|" in node]) == len(PATHS)
    assert "data-tree='" in html
    pool = html[html.index('<template id="advice-pool">') :]
    for answers in PATHS:
        for advice in [*recommend(answers)[0], *recommend(answers)[1]]:
            assert f'data-advice="{advice.key}"' in pool


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_ends_with_the_sources_of_what_it_says(client, lang):
    html = client.get(f"/{lang}/start").get_data(as_text=True)
    sources = html[html.index('id="sources-heading"') :]
    assert html.index('<form id="triage"') < html.index('id="sources-heading"')
    assert sources.count("<li><a href=") >= 3
