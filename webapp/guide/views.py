"""Views for the guide's pages: thin, the content is data."""

from flask import abort

from ..content.guide import FAQ, METHODS, SITUATIONS, method_by_id
from ..rendering import render_page
from . import bp


@bp.app_context_processor
def guide_context():
    return {
        "method_titles": {method.id: method.title for method in METHODS},
        "method_count": len(METHODS),
    }


@bp.get("/")
def home():
    return render_page("home.html", methods=METHODS, situations=SITUATIONS)


@bp.get("/<method_id>")
def method(method_id: str):
    found = method_by_id(method_id)
    if found is None:
        abort(404)
    position = METHODS.index(found)
    following = METHODS[position + 1] if position + 1 < len(METHODS) else None
    return render_page("method.html", method=found, number=position + 1, following=following)


@bp.get("/faq")
def faq():
    return render_page("faq.html", questions=FAQ)


@bp.get("/about")
def about():
    return render_page("about.html")
