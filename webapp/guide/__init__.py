"""The guide's pages, at the same path under every language prefix."""

from flask import Blueprint, abort, current_app, g

bp = Blueprint("guide", __name__, url_prefix="/<lang_code>")


@bp.url_defaults
def add_language_code(endpoint, values):
    values.setdefault("lang_code", g.get("lang_code"))


@bp.url_value_preprocessor
def pull_language_code(endpoint, values):
    lang_code = values.pop("lang_code")
    if lang_code not in current_app.config["LANGUAGES"]:
        abort(404)
    g.lang_code = lang_code


from . import views  # noqa: E402,F401  (registers the routes on bp)
