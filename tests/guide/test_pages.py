"""Every page of the guide, in both languages, as a phone without JavaScript receives it."""

import re

import pytest

from webapp.content.guide import FAQ, METHODS

from ..helpers import LANGUAGES

PAGE_PATHS = ["/", "/faq", "/about", "/start", "/support", "/clear"] + [
    f"/{method.id}" for method in METHODS
]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_page_answers_in_its_language(client, lang, path):
    response = client.get(f"/{lang}{path}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'<html lang="{lang}">' in html
    assert "<h1>" in html
    assert "<script>" not in html  # no inline script, ever


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_lists_every_method_with_its_step_count(client, lang):
    html = client.get(f"/{lang}/").get_data(as_text=True)
    for method in METHODS:
        assert f'href="/{lang}/{method.id}"' in html
    english = client.get("/en/").get_data(as_text=True)
    assert "10 steps" in english  # the password change has ten steps
    indonesian = client.get("/id/").get_data(as_text=True)
    assert "10 langkah" in indonesian


@pytest.mark.parametrize("method", METHODS, ids=lambda m: m.id)
def test_method_steps_are_real_labelled_checkboxes_in_the_same_order(client, method):
    orders = {}
    for lang in LANGUAGES:
        html = client.get(f"/{lang}/{method.id}").get_data(as_text=True)
        items = re.findall(r'<li id="([a-z0-9-]+)"><label><input type="checkbox">', html)
        orders[lang] = items
    assert orders["id"] == orders["en"] == [step.id for step in method.steps]


def test_unknown_method_is_a_404(client):
    assert client.get("/en/no-such-method").status_code == 404


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_answers_every_question(client, lang):
    html = client.get(f"/{lang}/faq").get_data(as_text=True)
    assert html.count("<dt ") == len(FAQ)


def test_faq_says_a_reset_does_not_remove_the_mi_account(client):
    english = client.get("/en/faq").get_data(as_text=True)
    assert "Does a factory reset remove the Mi account?" in english
    # "Find Device", its first use on the page, links to its definition.
    assert 'No, not when <a href="/en/words#find-device">Find Device</a> was on' in english


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footer_links_reach_every_section(client, lang):
    html = client.get(f"/{lang}/faq").get_data(as_text=True)
    for path in ("/", "/faq", "/about", "/start", "/support", "/clear"):
        assert f'href="/{lang}{path}"' in html
