"""Which language a request is in, and the gettext set-up behind it."""

from flask import current_app, g, request, url_for
from flask_babel import Babel

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
    if request.endpoint and request.endpoint.startswith("guide."):
        return url_for(request.endpoint, **{**(request.view_args or {}), "lang_code": lang})
    return url_for("guide.home", lang_code=lang)


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
