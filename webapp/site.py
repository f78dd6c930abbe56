"""Routes outside the language prefix: the front door, the sitemap, error pages."""

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for

from .i18n import preferred_language
from .pages import site_pages

bp = Blueprint("site", __name__)


@bp.get("/")
def front_door():
    response = redirect(url_for("guide.home", lang_code=preferred_language()))
    response.headers["Vary"] = "Accept-Language, Cookie"
    response.headers["Cache-Control"] = "no-store"
    return response


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
    body = render_template("sitemap.xml", pages=pages)
    return current_app.response_class(body, mimetype="application/xml")


def remember_language(response):
    """Remember the language of the page the person chose to read, for the next visit to /."""
    lang = g.get("lang_code")
    cookie = current_app.config["LANGUAGE_COOKIE"]
    if lang and response.status_code == 200 and request.cookies.get(cookie) != lang:
        response.set_cookie(
            cookie,
            lang,
            max_age=current_app.config["LANGUAGE_COOKIE_MAX_AGE"],
            samesite="Lax",
            httponly=True,
            secure=request.is_secure,
        )
    return response


def revalidate_pages(response):
    """HTML must be checked with the server each time, so an edit reaches people at once."""
    if response.mimetype == "text/html" and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-cache"
        if response.status_code == 200:
            response.add_etag()  # a revalidation costs a 304, not the page
    return response


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.after_request(remember_language)
    app.after_request(revalidate_pages)
