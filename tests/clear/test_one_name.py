"""Clear is called clear everywhere: its API answers at /api/clear, and the first address,
/api/wipe, still answers the same for the pages saved before (their script calls it);
its blueprints are named after their modules."""

import pytest

from webapp.clear import api, form

from ..helpers import ROOT


@pytest.mark.parametrize("path", ["/api/clear", "/api/wipe"])
def test_the_api_and_its_first_address_forget_the_language(client, path):
    client.set_cookie("lang", "en")
    response = client.post(path, json={}, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200
    assert response.get_json() == {"removed": ["language"]}
    assert response.headers.getlist("Set-Cookie")[0].startswith("lang=;")


@pytest.mark.parametrize("path", ["/api/clear", "/api/wipe"])
def test_both_addresses_keep_the_apis_rules(client, path):
    refused = client.post(path, json={}, headers={"Sec-Fetch-Site": "cross-site"})
    assert refused.status_code == 403
    assert client.post(path, data="[1]", content_type="application/json").status_code == 400


def test_both_addresses_are_in_the_api_document(client):
    paths = client.get("/api/openapi.json").get_json()["paths"]
    assert paths["/api/clear"] == paths["/api/wipe"]


def test_the_page_script_calls_the_new_address():
    script = (ROOT / "webapp" / "clear" / "static" / "clear.js").read_text()
    assert 'api("/api/clear"' in script and "/api/wipe" not in script


def test_blueprints_are_named_after_their_modules(app):
    assert api.bp.name == "clear_api" and form.bp.name == "clear_form"
    assert app.blueprints["clear"].import_name == "webapp.clear"
    views = {name for name in app.view_functions if name.startswith(("clear", "api.clear"))}
    assert views == {
        "clear.page",
        "clear.old_address",
        "clear_form.clear_language_choice",
        "clear_form.old_form_address",
        "api.clear_api.clear_server_side",
    }
