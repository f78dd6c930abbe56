"""Routes outside the language prefix: the front door, the language choice and the sitemap
(every feature's declared pages, core/features.py)."""

from typing import Annotated, ClassVar

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_babel import gettext as _

from ..core.api import json_object
from ..core.features import Feature, features, home_url
from ..core.hosts import absolute_url
from ..core.i18n import preferred_language, set_language_cookie
from ..core.openapi import ConfiguredChoice, RequestModel, operation, validated

bp = Blueprint("site", __name__, template_folder="templates")
# Nested under the app's API blueprint (core/api.py), with its rules.
api_bp = Blueprint("site_api", __name__)


def language_message() -> str:
    languages = ", ".join(current_app.config["LANGUAGES"])
    return _("The language must be one of: %(languages)s.", languages=languages)


Language = Annotated[str, ConfiguredChoice("LANGUAGES", lambda _choices: language_message())]


@bp.get("/")
def front_door():
    response = redirect(home_url(preferred_language()))
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "no-store"
    return response


class LanguageChoice(RequestModel):
    lang: Language
    messages: ClassVar[dict] = {"lang": language_message}


@api_bp.post("/language")
@operation(
    "Remember the language chosen on a page the phone served from its saved copy (such a "
    "page never reaches the server, so it sets no cookie)",
    {204: ("Remembered in the language cookie", None)},
    body=LanguageChoice,
)
def choose_language():
    choice = validated(LanguageChoice, json_object())
    return set_language_cookie(current_app.response_class(status=204), choice.lang)


@bp.get("/sitemap.xml")
def sitemap():
    languages = current_app.config["LANGUAGES"]
    pages = [
        {
            "loc": absolute_url(url_for(page.endpoint, lang_code=lang, **page.values)),
            "alternates": {
                other: absolute_url(url_for(page.endpoint, lang_code=other, **page.values))
                for other in languages
            },
        }
        for page in features().pages()
        for lang in languages
    ]
    body = render_template("site/sitemap.xml", pages=pages)
    response = current_app.response_class(body, mimetype="application/xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


feature = Feature("site", blueprints=(bp,), api_blueprints=(api_bp,))
