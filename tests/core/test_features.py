"""The feature contract (webapp/core/features.py): core renders the footer, the header's
home link, the sitemap and the precache list from what features declare, and names no
feature's endpoint itself; a page added through the contract is found everywhere."""

import re

import pytest

from webapp import FEATURES, create_app
from webapp.core.features import Feature, Link, Page
from webapp.core.i18n import language_blueprint
from webapp.core.rendering import render_page
from webapp.export import collect
from webapp.offline.precache import precache_urls

from ..helpers import ROOT, sitemap_locations


def fixture_feature() -> Feature:
    """A small feature of one page, declared the way every feature is."""
    bp = language_blueprint("fixture", __name__, template_folder="fixture_templates")

    @bp.get("/fixture")
    def page():
        return render_page("fixture/page.html")

    return Feature(
        "fixture",
        blueprints=(bp,),
        pages=(Page("fixture.page"),),
        footer=(Link("fixture.page", "Fixture page", place=35),),
        partials={"tools": "fixture/_tool.html"},
    )


def footer_of(html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav aria-label="[^"]*">(.*?)</nav>', html, re.S)[1]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', nav)


def test_core_names_no_feature_endpoint(app):
    feature_endpoints = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in {bp.name for f in FEATURES for bp in f.blueprints}
    }
    assert {"guide.home", "clear.page", "worker.service_worker"} <= feature_endpoints
    core = [p for p in (ROOT / "webapp" / "core").rglob("*") if p.suffix in (".py", ".html")]
    named = {
        (path.relative_to(ROOT).as_posix(), endpoint)
        for path in core
        for endpoint in feature_endpoints
        if re.search(rf"""["']{re.escape(endpoint)}["']""", path.read_text())
    }
    assert not named
    # The search finds an endpoint where one is named.
    assert re.search(r"""["']guide\.home["']""", (ROOT / "webapp/guide/__init__.py").read_text())


@pytest.fixture(scope="module")
def stub_app(tmp_path_factory):
    """Core with one feature only, and none of the guide's."""
    return create_app(
        {"TESTING": True},
        instance_path=str(tmp_path_factory.mktemp("stub")),
        with_features=(fixture_feature(),),
    )


def test_core_templates_render_with_a_stub_list_of_features(stub_app):
    client = stub_app.test_client()
    response = client.get("/en/fixture")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<h1>Fixture page</h1>" in html
    assert footer_of(html) == [("/en/fixture", "Fixture page")]
    assert '<a class="brand" href="/">' in html  # no feature has a home page
    assert 'id="fixture-tool"' in html
    assert 'rel="manifest"' not in html and 'rel="canonical"' not in html
    # The error page, core's other template, too.
    missing = client.get("/en/no-such-page")
    assert missing.status_code == 404
    assert '<a href="/">' in missing.get_data(as_text=True)


@pytest.fixture(scope="module")
def app_with_fixture(tmp_path_factory):
    return create_app(
        {"TESTING": True, "SITE_URL": "https://guide.example.org"},
        instance_path=str(tmp_path_factory.mktemp("fixture")),
        with_features=(*FEATURES, fixture_feature()),
    )


def test_a_page_added_through_the_contract_is_in_the_footer(app_with_fixture):
    html = app_with_fixture.test_client().get("/id/").get_data(as_text=True)
    hrefs = [href for href, _label in footer_of(html)]
    # At its place: after "Where do I start?" (30), before "Ask Xiaomi for help" (40).
    assert hrefs == [
        "/id/",
        "/id/faq",
        "/id/start",
        "/id/fixture",
        "/id/support",
        "/id/words",
        "/id/about",
        "/id/clear",
    ]
    assert 'id="fixture-tool"' in html


def test_a_page_added_through_the_contract_is_in_the_sitemap(app_with_fixture):
    locations = sitemap_locations(app_with_fixture.test_client())
    for lang in app_with_fixture.config["LANGUAGES"]:
        assert f"https://guide.example.org/{lang}/fixture" in locations


def test_a_page_added_through_the_contract_is_saved_and_exported(app_with_fixture):
    urls = precache_urls(app_with_fixture)
    exported = {file.path: file for file in collect(app_with_fixture)}
    for lang in app_with_fixture.config["LANGUAGES"]:
        assert f"/{lang}/fixture" in urls
        assert b"<h1>Fixture page</h1>" in exported[f"{lang}/fixture.html"].body
        # Its saved variant, at the URL named by its revision, links the saved stylesheet.
        saved = [
            file
            for path, file in exported.items()
            if path.startswith("precache/")
            and path.endswith(".html")
            and b"<h1>Fixture page</h1>" in file.body
        ]
        assert len(saved) == 2 and all(b'rel="stylesheet"' in file.body for file in saved)
