"""Clear this guide without JavaScript: a plain form that removes what the server set.

Without JavaScript the guide stores nothing on the phone but the language cookie, which is
HttpOnly: only the server can remove it. The form posts here; the answer is the page with
what was removed. POST /api/wipe stays the script's, with its own rules.
"""

from flask import abort, current_app, make_response, render_template, request

from ..core.i18n import language_blueprint

bp = language_blueprint("clear_form", __name__)


def from_this_site() -> bool:
    """A form on another site must not clear anything here. The browser says where a post
    came from (Sec-Fetch-Site); our pages send no referrer, so their Origin is "null"."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin in (None, "null", f"{request.scheme}://{request.host}")


@bp.post("/wipe")
def forget_language():
    if not from_this_site():
        abort(403)
    # Rendered for this answer alone: the page's usual copy is shared by everyone.
    response = make_response(render_template("clear/clear.html", forgotten=True))
    response.delete_cookie(current_app.config["LANGUAGE_COOKIE"], samesite="Lax", httponly=True)
    return response
