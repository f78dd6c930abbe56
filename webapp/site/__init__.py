"""Routes outside the language prefix: the front door, the language choice and the sitemap."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for

from ..core.i18n import preferred_language, set_language_cookie
from .pages import site_pages

bp = Blueprint("site", __name__, template_folder="templates")


@bp.get("/")
def front_door():
    response = redirect(url_for("guide.home", lang_code=preferred_language()))
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/api/language")
def choose_language():
    """Remember a language chosen on a page the worker served from the phone: such a page
    never reaches the server, so it sets no cookie. The page posts {"lang": "en"}."""
    data = request.get_json(silent=True)
    lang = data.get("lang") if isinstance(data, dict) else None
    if lang not in current_app.config["LANGUAGES"]:
        abort(400)
    return set_language_cookie(current_app.response_class(status=204), lang)


@bp.get("/sitemap.xml")
def sitemap():
    languages = current_app.config["LANGUAGES"]
    pages = [
        {
            "loc": url_for(endpoint, lang_code=lang, _external=True, **values),
            "alternates": {
                other: url_for(endpoint, lang_code=other, _external=True, **values)
                for other in languages
            },
        }
        for endpoint, values in site_pages()
        for lang in languages
    ]
    body = render_template("site/sitemap.xml", pages=pages)
    return current_app.response_class(body, mimetype="application/xml")
