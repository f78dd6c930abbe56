"""Which language a request is in, and the gettext set-up behind it."""

from flask import Blueprint, abort, current_app, g, request, url_for
from flask_babel import Babel

from .features import home_url

babel = Babel()


def supported_languages() -> tuple[str, ...]:
    return current_app.config["LANGUAGES"]


def preferred_language() -> str:
    """The language for a request that has none in its URL.

    A remembered choice wins, then the browser's Accept-Language, then Indonesian.
    """
    languages = supported_languages()
    remembered = request.cookies.get(current_app.config["LANGUAGE_COOKIE"], "")
    if remembered in languages:
        return remembered
    return request.accept_languages.best_match(languages) or current_app.config["DEFAULT_LANGUAGE"]


def current_language() -> str:
    """The language of the page being rendered: its URL prefix, else the preference."""
    lang = g.get("lang_code")
    if lang in supported_languages():
        return lang
    return preferred_language()


# Each language named in itself, as people look for their own.
LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def url_in_language(lang: str) -> str:
    """This page in another language; the guide's home when the page has no twin."""
    if request.url_rule is not None and "lang_code" in request.url_rule.arguments:
        return url_for(request.endpoint, **{**(request.view_args or {}), "lang_code": lang})
    return home_url(lang)


def language_blueprint(name: str, import_name: str, **options) -> Blueprint:
    """A blueprint whose routes live under /<lang_code>/, for every supported language.

    Flask's URL-processor pattern: views never see or pass the language; an
    unsupported prefix is a 404 before any view runs.
    """
    bp = Blueprint(name, import_name, url_prefix="/<lang_code>", **options)

    @bp.url_defaults
    def add_language_code(endpoint, values):
        values.setdefault("lang_code", g.get("lang_code"))

    @bp.url_value_preprocessor
    def pull_language_code(endpoint, values):
        lang_code = values.pop("lang_code")
        if lang_code not in current_app.config["LANGUAGES"]:
            abort(404)
        g.lang_code = lang_code

    return bp


def set_language_cookie(response, lang: str):
    """The remembered language, for the next visit to /: Lax, HttpOnly, for a year."""
    response.set_cookie(
        current_app.config["LANGUAGE_COOKIE"],
        lang,
        max_age=current_app.config["LANGUAGE_COOKIE_MAX_AGE"],
        samesite="Lax",
        httponly=True,
        secure=request.is_secure,
    )
    return response


def remember_language(response):
    """Remember the language of the page the person chose to read, for the next visit to /.

    Only reading a page does: a form posted to a page (clearing the guide) never does."""
    lang = g.get("lang_code")
    cookie = current_app.config["LANGUAGE_COOKIE"]
    reading = request.method in ("GET", "HEAD")
    if lang and reading and response.status_code == 200 and request.cookies.get(cookie) != lang:
        set_language_cookie(response, lang)
    return response


def init_app(app) -> None:
    babel.init_app(app, locale_selector=current_language)

    @app.context_processor
    def language_context():
        return {
            "lang": current_language(),
            "languages": supported_languages(),
            "language_names": LANGUAGE_NAMES,
            "url_in_language": url_in_language,
        }
