""" "Where do I start?" answered by the server, as a phone without JavaScript gets it."""

import re
from itertools import product

import pytest

from webapp.tools.triage import QUESTIONS

NAMES = [name for name, _ in QUESTIONS]
ALL_ANSWERS = [dict(zip(NAMES, values, strict=True)) for values in product(("yes", "no"), repeat=5)]


def advice_from(html: str, list_id: str) -> list[str]:
    section = re.search(rf'<(?:ol|ul) id="{list_id}"[^>]*>(.*?)</(?:ol|ul)>', html, re.S).group(1)
    return re.findall(r'data-advice="([^"]+)"', section)


def ask(client, answers: dict, lang: str = "en"):
    return client.get(f"/{lang}/start", query_string=answers)


# A few rows spelled out in full; the rules for all 32 combinations follow.
@pytest.mark.parametrize(
    ("answers", "follow", "avoid"),
    [
        (
            "yes yes yes yes no",
            [
                "password-reset:code-reaches-you",
                "unlock-request:have-proof",
                "prevention:once-back-in",
            ],
            ["factory-reset:already-locked", "unlock-tools:not-a-way-in"],
        ),
        (
            "no yes no no yes",
            [
                "password-reset:try-other-verification",
                "unlock-request:gather-proof",
                "factory-reset:find-device-off",
                "prevention:once-back-in",
            ],
            ["unlock-tools:not-a-way-in"],
        ),
        (
            "no no no yes no",
            [
                "password-reset:try-every-contact",
                "unlock-request:have-proof",
                "prevention:once-back-in",
            ],
            ["factory-reset:would-lock", "unlock-tools:not-a-way-in"],
        ),
    ],
)
def test_the_server_recommends_the_expected_order(client, answers, follow, avoid):
    html = ask(client, dict(zip(NAMES, answers.split(), strict=True))).get_data(as_text=True)
    assert advice_from(html, "follow") == follow
    assert advice_from(html, "avoid") == avoid


@pytest.mark.parametrize("answers", ALL_ANSWERS, ids=lambda a: "".join(v[0] for v in a.values()))
def test_every_combination_follows_the_rules(client, answers):
    response = ask(client, answers)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    follow = [key.split(":")[0] for key in advice_from(html, "follow")]
    avoid = [key.split(":")[0] for key in advice_from(html, "avoid")]
    assert follow[0] == "password-reset"  # the official, safe route always comes first
    assert follow[-1] == "prevention"
    assert "unlock-request" in follow
    assert "unlock-tools" in avoid
    reset_is_safe = answers["locked"] == "no" and answers["find_device_off"] == "yes"
    assert ("factory-reset" in follow) == reset_is_safe
    assert ("factory-reset" in avoid) == (not reset_is_safe)


def test_every_recommendation_links_into_its_method_with_a_reason_in_the_page_language(client):
    answers = dict(zip(NAMES, ["no", "yes", "yes", "no", "yes"], strict=True))
    html = ask(client, answers, "id").get_data(as_text=True)
    assert '<a href="/id/password-reset">Reset kata sandi akun Mi</a>' in html
    assert "Find Device" in html


@pytest.mark.parametrize(
    "query",
    [
        {"locked": "yes"},
        {**dict.fromkeys(NAMES, "yes"), "locked": "maybe"},
        {**dict.fromkeys(NAMES, "no"), "has_proof": "<script>alert(1)</script>"},
    ],
)
def test_an_incomplete_or_forged_form_gets_a_clear_message(client, query):
    response = client.get("/en/start", query_string=query, headers={"Accept-Language": "en"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Please answer every question with yes or no." in html
    assert "<script>alert(1)</script>" not in html
    assert 'id="advice" aria-labelledby="advice-heading" hidden' in html


def test_the_form_works_without_javascript_and_keeps_the_answers(client):
    answers = dict(zip(NAMES, ["yes", "no", "no", "yes", "no"], strict=True))
    html = ask(client, answers).get_data(as_text=True)
    assert '<form id="triage" method="get" action="/en/start"' in html
    for name, value in answers.items():
        assert f'name="{name}" value="{value}" required checked' in html
