""" "Where do I start?" answered by the server, as a phone without JavaScript gets it.

The safety rules are checked for every path through the questions, in both languages.
"""

import re

import pytest

from webapp.content.guide import GROUPS, method_by_id
from webapp.triage import (
    CONDITIONS,
    QUESTION_BY_NAME,
    decision_tree,
    every_path,
    questions_for,
    recommend,
)

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
    return method_by_id(target).group not in SAFE_GROUPS


def own_account_established(answers: dict) -> bool:
    """The answers say the phone is locked to the person's own Mi account."""
    return answers["shows"] == "device-locked" and answers.get("whose") == "mine"


def links_on(method_id: str, answers: dict) -> set[str]:
    """The pages a method page sends this person on to: every link whose case applies."""
    method = method_by_id(method_id)
    links = {
        step.goes_to
        for step in method.steps
        if step.goes_to and (step.only_if is None or CONDITIONS[step.only_if](answers))
    }
    if method.following and (
        not method.following_when or CONDITIONS["own-account-locked"](answers)
    ):
        links.add(method.following)
    if method.audience:
        links.add(method.audience[1])
    return links


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
    assert asked["second-hand/yes"] == {"seller"}
    assert asked["google-verify"] == set()
    assert asked["not-sure"] == set()
    assert asked["selling"] == set() and asked["scammed"] == set()
    # The two passwords are asked separately: knowing one does not hide the other.
    assert asked["screen-lock/yes/yes"] == {"knows_mi", "knows_google"}
    assert asked["screen-lock/yes/no"] == {"knows_mi", "knows_google"}
    assert all("has_proof" not in a for a in PATHS if a["shows"] != "device-locked")
    # Proof is for Xiaomi's unlock request: only for one's own account, and not when the
    # code still arrives.
    assert all("has_proof" not in a for a in PATHS if a.get("can_receive") == "yes")
    assert all(
        ("has_proof" in a) == (own_account_established(a) and a.get("can_receive") != "yes")
        for a in PATHS
    )
    assert all("can_receive" not in a for a in PATHS if a.get("know_contact") != "yes")


def test_whose_account_is_asked_right_after_this_device_is_locked():
    for answers in PATHS:
        if answers["shows"] != "device-locked":
            assert "whose" not in answers
            continue
        order = questions_for(answers)
        assert order[1] == "whose", answers  # before any other question
    whose = QUESTION_BY_NAME["whose"].values
    assert {"mine", "second-hand", "set-up", "died", "not-sure"} == set(whose)


def test_a_buyer_who_picks_this_device_is_locked_is_never_sent_to_xiaomi():
    # The audit's worst finding: a second-hand buyer with the box was told to ask Xiaomi.
    for seller in ("yes", "no", "not-sure"):
        answers = {"shows": "device-locked", "whose": "second-hand", "seller": seller}
        assert questions_for(answers) == ["shows", "whose", "seller"]
        follow, avoid = recommend(answers)
        assert "unlock-request" not in targets([a.key for a in follow])
        assert "unlock-request:not-in-sellers-name" in [a.key for a in avoid]
        assert follow[0].target in ("second-hand", "seller-gone")


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
    assert not set(shown) & set(skipped), "an answer never says to follow what it skips"

    # The safe ways come first: nothing risky before a safe step.
    first_risky = next((i for i, t in enumerate(shown) if is_risky(t)), len(shown))
    assert not any(not is_risky(t) and t != "prevention" for t in shown[first_risky + 1 :])
    assert not is_risky(shown[0]) or shown[0] == "screen-lock"
    # A reset only for the screen lock, only when both passwords are known, only after getting ready.
    if "factory-reset" in shown:
        assert answers["shows"] == "screen-lock"
        assert answers["knows_mi"] == answers["knows_google"] == "yes"
        assert shown.index("screen-lock") < shown.index("factory-reset")
    else:
        assert "factory-reset" in skipped
    # Unlock tools are never a way in.
    assert "unlock-tools" not in shown and "unlock-tools" in skipped
    # Xiaomi is asked to unlock only a phone locked to the person's own Mi account, and
    # whose account it is was asked before it or any question about proof.
    if "unlock-request" in shown or "has_proof" in answers:
        assert own_account_established(answers), answers
    if "has_proof" in answers:
        assert list(answers).index("whose") < list(answers).index("has_proof")
    if not own_account_established(answers):
        assert "unlock-request" not in shown
        assert "has_proof" not in answers
    if answers["shows"] in ("still-inside", "screen-lock", "second-hand", "selling"):
        assert "unlock-request" in skipped
    # The pages it sends the person to never send them on to what it says to skip: a link
    # that applies only in some case (own account, both passwords known) must not apply.
    for target in shown:
        sent_on = links_on(target, answers)
        assert not sent_on & set(skipped), (target, sent_on & set(skipped))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_answer_is_the_first_thing_after_the_heading_and_the_form_lands_on_it(client, lang):
    answers = {"shows": "device-locked", "whose": "mine", "know_contact": "yes"}
    answers |= {"can_receive": "no", "has_proof": "not-sure"}
    html = ask(client, answers, lang).get_data(as_text=True)
    main = html[html.index("<main") :]
    assert main.index('<div id="answer">') < main.index("<h2")  # before anything else
    assert main.index('id="advice"') < main.index('<form id="triage"')
    assert 'action="/' + lang + '/answer#answer"' in main


def test_without_javascript_the_server_asks_the_next_question_and_lands_on_it(client):
    html = ask(client, {"shows": "device-locked"}).get_data(as_text=True)
    assert '<fieldset data-question="whose" id="answer">' in html
    assert 'data-question="know_contact" hidden disabled' in html
    assert 'data-question="has_proof" hidden disabled' in html
    assert 'id="advice" aria-labelledby="advice-heading" hidden' in html
    assert 'name="shows" value="device-locked" checked' in html


def test_an_answer_that_does_not_belong_on_the_path_is_ignored(client):
    answers = {"shows": "second-hand", "seller": "yes", "has_proof": "yes"}
    html = ask(client, answers).get_data(as_text=True)
    assert advice_from(html, "follow") == ["second-hand:seller-removes"]
    assert 'name="has_proof" value="yes" checked' not in html


def test_every_recommendation_links_into_its_method_with_a_reason_in_the_page_language(client):
    html = ask(client, {"shows": "still-inside", "know_contact": "no"}, "id").get_data(as_text=True)
    assert '<a href="/id/password-reset">Ganti kata sandi akun Mi</a>' in html
    not_sure = ask(client, {"shows": "not-sure"}, "id").get_data(as_text=True)
    # "Not sure" leads to the drawings of the screens, never back to the same question.
    assert '<a href="/id/which-lock">Kunci apa ini? Bandingkan layarnya</a>' in not_sure


@pytest.mark.parametrize(
    "query",
    [
        {"shows": "maybe"},
        {"shows": "device-locked", "whose": "<script>alert(1)</script>"},
        {"shows": "screen-lock", "knows_mi": "yes please"},
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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_without_javascript_an_empty_submit_says_so_at_the_question(client, lang):
    message = {"en": "Please choose one of the answers.", "id": "Pilih salah satu jawaban."}[lang]
    first = client.get(f"/{lang}/start").get_data(as_text=True)
    assert 'name="shown" value="shows"' in first
    assert message not in first.replace('id="choose" data-unanswered hidden>' + message, "")
    # Sent with nothing chosen: the same question, with the message inside it.
    empty = client.get(f"/{lang}/start", query_string={"shown": "shows"})
    assert empty.status_code == 200
    html = empty.get_data(as_text=True)
    question = html[html.index('<fieldset data-question="shows" id="answer">') :]
    question = question[: question.index("</fieldset>")]
    assert f'<p class="warn" role="alert" data-unanswered>{message}</p>' in question
    # A later question left unanswered: the message is there, not at the first one.
    later = ask(client, {"shows": "device-locked", "shown": "whose"}, lang).get_data(as_text=True)
    whose = later[later.index('<fieldset data-question="whose"') :]
    assert "data-unanswered>" + message in whose[: whose.index("</fieldset>")]
    # Arriving at a question for the first time is not an empty submit.
    fresh = ask(client, {"shows": "device-locked", "shown": "shows"}, lang).get_data(as_text=True)
    assert "data-unanswered>" + message not in fresh.replace(
        'id="choose" data-unanswered hidden>' + message, ""
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_other_language_keeps_the_answers_given_so_far(client, lang):
    other = "id" if lang == "en" else "en"
    answers = {"shows": "device-locked", "whose": "second-hand"}
    html = ask(client, {**answers, "shown": "whose", "junk": "x"}, lang).get_data(as_text=True)
    link = re.search(rf'<a href="([^"]+)" hreflang="{other}"', html).group(1)
    assert link == f"/{other}/start?shows=device-locked&amp;whose=second-hand"
    switched = client.get(link.replace("&amp;", "&")).get_data(as_text=True)
    assert 'name="whose" value="second-hand" checked' in switched
    assert '<fieldset data-question="seller" id="answer">' in switched


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_form_sends_its_answers_to_answer_which_answers_as_start_does(client, lang):
    answers = {"shows": "screen-lock", "knows_mi": "yes", "knows_google": "no", "shown": "x"}
    answered = client.get(f"/{lang}/answer", query_string=answers)
    assert answered.status_code == 200
    html = answered.get_data(as_text=True)
    assert advice_from(html, "follow") == advice_from(
        ask(client, answers, lang).get_data(True), "follow"
    )
    assert advice_from(html, "follow")  # an answer, not the first question again
    assert client.get(f"/{lang}/answer", query_string={"shows": "nope"}).status_code == 400


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_answer_address_without_answers_asks_again_by_links(client, lang):
    """What a static host without the app serves for every answer (it ignores the query):
    why the answers did not arrive, and the first question again, each answer a link."""
    text = {
        "en": "this copy of it answers the form only with JavaScript on",
        "id": "salinan panduan ini hanya bisa menjawab formulir kalau JavaScript aktif",
    }[lang]
    response = client.get(f"/{lang}/answer")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    main = html[html.index("<main") : html.index("</main>")]
    assert text in main
    assert '<form id="triage"' not in html
    links = re.findall(r'<li><a href="([^"]+)">', main)
    assert links == [
        f"/{lang}/answers/{value}/#answer" for value in QUESTION_BY_NAME["shows"].values
    ]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert '<meta name="robots" content="noindex">' in html
    start = client.get(f"/{lang}/start").get_data(as_text=True)
    assert 'name="robots"' not in start


def test_by_links_every_path_reaches_the_advice_the_form_gives(client):
    """Following the links from /answer, one page per question, reaches every complete set
    of answers, each with the advice the form gives for it (lists in the same order)."""
    reached = 0
    for answers in PATHS:
        url, html = "/en/answer", client.get("/en/answer").get_data(as_text=True)
        for name, value in answers.items():
            assert f'<h2 id="answer">{QUESTION_BY_NAME[name].text}</h2>' in html, (url, name)
            link = re.search(rf'<a href="([^"#]*/{re.escape(value)}/)#answer">', html)
            assert link, (url, name, value)
            url = link.group(1)
            page = client.get(url)
            assert page.status_code == 200, url
            html = page.get_data(as_text=True)
        follow, avoid = recommend(answers)
        assert re.findall(r'data-advice="([^"]+)"', html) == [a.key for a in [*follow, *avoid]]
        assert '<section id="answer"' in html
        assert '<meta name="robots" content="noindex">' in html  # /start is the one to find
        reached += 1
    assert reached == len(PATHS) == 64


@pytest.mark.parametrize(
    "path", ["nope", "screen-lock/maybe", "selling/yes", "screen-lock/yes/yes/yes", "../start"]
)
def test_by_links_only_a_path_through_the_tree_exists(client, path):
    assert client.get(f"/en/answers/{path}/").status_code == 404
