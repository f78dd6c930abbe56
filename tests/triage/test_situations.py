"""The situations a locked-out person is really in, each walked the way a person walks it:
from the home page and from "Where do I start?", in both languages, with and without
JavaScript. Each names the first page it must reach and the pages it must never reach
(neither recommended nor linked from that first page)."""

import re
from dataclasses import dataclass, field

import pytest

from webapp.triage import recommend

from ..helpers import LANGUAGES

RISKY = frozenset({"factory-reset", "unlock-tools"})
XIAOMI = "unlock-request"


@dataclass(frozen=True)
class Situation:
    name: str
    answers: dict  # the answers given on /start
    first: str  # the first page it must reach, from /start and from the home page
    never: frozenset  # pages it must never reach
    home: str  # the home page's entry under "What does the phone show?"
    page_has: tuple = field(default_factory=tuple)  # (en, id) text the first page must say


SITUATIONS = (
    Situation(
        "1 a buyer who picks 'This device is locked' and has the box",
        {"shows": "device-locked", "whose": "second-hand", "seller": "yes"},
        "second-hand",
        RISKY | {XIAOMI},
        "device-locked",
    ),
    Situation(
        "1 a buyer who says 'bought second-hand' first",
        {"shows": "second-hand", "seller": "not-sure"},
        "second-hand",
        RISKY | {XIAOMI},
        "second-hand",
    ),
    Situation(
        "2 the seller cannot be reached",
        {"shows": "second-hand", "seller": "no"},
        "seller-gone",
        RISKY | {XIAOMI},
        "second-hand",
        (("knew, or should have suspected", "tahu, atau patut menduga"),),
    ),
    Situation(
        "3 selling or giving the phone away",
        {"shows": "selling"},
        "selling",
        RISKY | {XIAOMI},
        "selling",
        (("Settings → Mi Account → Sign out", "Pengaturan → Akun Mi → Keluar"),),
    ),
    Situation(
        "4 the account of someone who has died",
        {"shows": "device-locked", "whose": "died"},
        "heir",
        RISKY | {XIAOMI},
        "device-locked",
        (("death certificate", "akta kematian"),),
    ),
    Situation(
        "5 the bound number is dead",
        {
            "shows": "device-locked",
            "whose": "mine",
            "know_contact": "yes",
            "can_receive": "no",
            "has_proof": "yes",
        },
        "lost-number",
        RISKY,
        "still-inside",
        (("about 60 days", "sekitar 60 hari"), ("GraPARI", "GraPARI")),
    ),
    Situation(
        "6 the Google password is the unknown one",
        {"shows": "screen-lock", "knows_mi": "yes", "knows_google": "no"},
        "google-password",
        RISKY | {XIAOMI},
        "screen-lock",
        (("do not reset the phone", "jangan reset HP"),),
    ),
    Situation(
        "7 not sure what the screen shows",
        {"shows": "not-sure"},
        "which-lock",
        RISKY | {XIAOMI},
        "not-sure",
        (("Drawing:", "Gambar:"),),
    ),
    Situation(
        "8 not sure whose account it is",
        {"shows": "device-locked", "whose": "not-sure"},
        "whose-account",
        RISKY | {XIAOMI},
        "device-locked",
        (("old messages from Xiaomi", "e-mail lama dari Xiaomi"),),
    ),
    Situation(
        "9 on the borrowed phone, afterwards",
        {"shows": "still-inside", "know_contact": "yes", "can_receive": "yes"},
        "password-reset",
        RISKY,
        "still-inside",
        (("sign out of Xiaomi and Google", "keluar dari akun Xiaomi dan Google"),),
    ),
    Situation(
        "10 the seller's side: what the seller does, and a message to send",
        {"shows": "device-locked", "whose": "second-hand", "seller": "not-sure"},
        "second-hand",
        RISKY | {XIAOMI},
        "device-locked",
        (("What the seller does", "Yang dilakukan penjual"), ("https://wa.me/?text=", "wa.me")),
    ),
    Situation(
        "11 the support helper where it is needed",
        {
            "shows": "device-locked",
            "whose": "mine",
            "know_contact": "yes",
            "can_receive": "yes",
        },
        "password-reset",
        RISKY,
        "device-locked",
    ),
    Situation(
        "12 an account someone else set up",
        {"shows": "device-locked", "whose": "set-up"},
        "account-set-up",
        RISKY | {XIAOMI},
        "device-locked",
        (("their own KTP", "KTP-nya sendiri"),),
    ),
    Situation(
        "13 already paid a fake CS, or sent the code or a KTP photo",
        {"shows": "scammed"},
        "scammed",
        RISKY | {XIAOMI},
        "scammed",
        (("call your bank", "hubungi bankmu"),),
    ),
)


def situation_id(situation: Situation) -> str:
    return situation.name.split(" ")[0] + "-" + situation.first


def main_links(html: str, lang: str) -> set[str]:
    """The guide pages a page links to in its main part, its source list left out."""
    main = html[html.index("<main") : html.index("</main>")]
    if 'class="sources"' in main:
        main = main[: main.index('class="sources"')]
    return set(re.findall(rf'href="/{lang}/([a-z-]+)"', main))


def check_first_page(situation: Situation, html: str, lang: str) -> None:
    assert not main_links(html, lang) & situation.never, situation.name
    plain = html.replace("&amp;", "&")
    for wording in situation.page_has:
        assert wording[0 if lang == "en" else 1] in plain, (situation.name, wording)


def test_every_issue_situation_is_walked():
    walked = {int(s.name.split(" ")[0]) for s in SITUATIONS}
    assert walked == set(range(1, 14))  # 14 and 15 have their own tests below


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("situation", SITUATIONS, ids=situation_id)
def test_from_start_and_from_home_without_javascript(client, lang, situation):
    # From /start: the first advice is the first page; nothing it must never reach is advised.
    follow, _ = recommend(situation.answers)
    assert follow[0].target == situation.first
    assert not {a.target for a in follow} & situation.never
    html = client.get(f"/{lang}/start", query_string=situation.answers).get_data(as_text=True)
    first_advice = re.search(r'<ol id="follow"[^>]*>\s*<li[^>]*><a href="([^"]+)"', html)
    assert first_advice.group(1) == f"/{lang}/{situation.first}"
    page = client.get(first_advice.group(1))
    assert page.status_code == 200
    check_first_page(situation, page.get_data(as_text=True), lang)
    # From the home page: the situation's entry links to the same first page.
    home = client.get(f"/{lang}/").get_data(as_text=True)
    entry = home[home.index(f'<li id="{situation.home}">') :]
    entry = entry[: entry.index("</li>")]
    assert f'href="/{lang}/{situation.first}"' in entry, situation.name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_unlock_request_says_who_may_use_it_and_links_the_support_helper(client, lang):
    html = client.get(f"/{lang}/unlock-request").get_data(as_text=True)
    main = html[html.index("<main") :]
    audience = main.index('<p class="warn"><strong>')
    assert audience < main.index("<h2")  # at its top, before the warnings and the steps
    assert f'href="/{lang}/whose-account"' in main[audience : main.index("</p>", audience)]
    start = client.get(
        f"/{lang}/start",
        query_string={
            "shows": "device-locked",
            "whose": "mine",
            "know_contact": "no",
            "has_proof": "yes",
        },
    ).get_data(as_text=True)
    follow = start[
        start.index('<ol id="follow"') : start.index("</ol>", start.index('id="follow"'))
    ]
    assert f'href="/{lang}/unlock-request"' in follow and f'href="/{lang}/support"' in follow


@pytest.mark.parametrize("lang", LANGUAGES)
def test_14_is_this_really_a_redmi_4a_from_home_and_from_start(client, lang):
    for path in ("/", "/start"):
        html = client.get(f"/{lang}{path}").get_data(as_text=True)
        assert f'href="/{lang}/faq#which-model"' in html, path
    faq = client.get(f"/{lang}/faq").get_data(as_text=True)
    answer = faq[faq.index('<dt id="which-model">') :]
    assert "About phone" in answer[: answer.index("</dd>")]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_15_a_saved_or_printed_guide_shows_when_its_content_was_checked(client, lang):
    html = client.get(f"/{lang}/guide.html").get_data(as_text=True)
    said = {
        "en": "Content last checked 2 December 2026",
        "id": "Isi panduan terakhir dicek 2 Desember 2026",
    }
    assert said[lang] in html
    assert html.index(said[lang]) < html.index('<h2 id="screens">')  # at the top


# ---------- walked in Chromium, as a person taps ----------


def walk_start_with_javascript(page, server, lang, situation):
    page.goto(f"{server.url}/{lang}/start")
    for name, value in situation.answers.items():
        page.check(f"fieldset[data-question={name}] input[value={value}]")
    page.click("#triage button[type=submit]")
    with page.expect_navigation():
        page.click("#follow li:first-child a")


def walk_start_without_javascript(page, server, lang, situation):
    page.goto(f"{server.url}/{lang}/start")
    for name, value in situation.answers.items():
        page.check(f"fieldset[data-question={name}] input[value={value}]")
        with page.expect_navigation():
            page.click("#triage button[type=submit]")
    with page.expect_navigation():
        page.click("#follow li:first-child a")


def walk_home(page, server, lang, situation):
    page.goto(f"{server.url}/{lang}/")
    with page.expect_navigation():
        page.click(f'li#{situation.home} a[href="/{lang}/{situation.first}"]')


def assert_on_first_page(page, server, lang, situation, how):
    assert page.url == f"{server.url}/{lang}/{situation.first}", (situation.name, how)
    check_first_page(situation, page.content(), lang)


def walk_to_which_model(page, server, lang):
    """14: "Is this really a Redmi 4A?" is one tap away on the home page and on /start."""
    for path in ("/", "/start"):
        page.goto(f"{server.url}/{lang}{path}")
        with page.expect_navigation():
            page.click(f'main a[href="/{lang}/faq#which-model"]')
        assert page.url == f"{server.url}/{lang}/faq#which-model", path
        assert page.is_visible("#which-model")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_situation_walked_with_javascript(page, server, lang):
    for situation in SITUATIONS:
        walk_start_with_javascript(page, server, lang, situation)
        assert_on_first_page(page, server, lang, situation, "from /start, with JavaScript")
        walk_home(page, server, lang, situation)
        assert_on_first_page(page, server, lang, situation, "from home, with JavaScript")
    walk_to_which_model(page, server, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_situation_walked_without_javascript(page_without_js, server, lang):
    page = page_without_js
    for situation in SITUATIONS:
        walk_start_without_javascript(page, server, lang, situation)
        assert_on_first_page(page, server, lang, situation, "from /start, without JavaScript")
        walk_home(page, server, lang, situation)
        assert_on_first_page(page, server, lang, situation, "from home, without JavaScript")
    walk_to_which_model(page, server, lang)
