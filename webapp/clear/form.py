"""Clear this guide without JavaScript: a plain form that removes what the server set.

Without JavaScript the guide stores nothing on the phone but the language cookie, which is
HttpOnly: only the server can remove it. The form posts here; the answer is the page with
what was removed. POST /api/clear stays the script's, with its own rules (api.py).
"""

from flask import abort, current_app, make_response, redirect, render_template, request, url_for

from ..core.i18n import language_blueprint

bp = language_blueprint("clear_form", __name__)


def from_this_site() -> bool:
    """A form on another site must not clear anything here. The browser says where a post
    came from (Sec-Fetch-Site); without it (an older browser, or plain HTTP, where browsers
    leave it out) the Origin decides. Our pages send no referrer, so the Origin of our own
    form's post is "null": it must pass, although a sandboxed frame on another site sends
    "null" too. clear_language_choice tells the two apart by the cookie itself."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin in (None, "null", f"{request.scheme}://{request.host}")


@bp.post("/wipe")
def old_form_address():
    """A page saved before the address changed posts here: 308 repeats the post at /clear."""
    return redirect(url_for("clear_form.clear_language_choice"), 308)


@bp.post("/clear")
def clear_language_choice():
    if not from_this_site():
        abort(403)
    # Rendered for this answer alone: the page's usual copy is shared by everyone.
    response = make_response(render_template("clear/clear.html", forgotten=True))
    # Only a cookie that came with the post is removed. The cookie is SameSite=Lax, so a
    # post from our own page carries it and one from another site (a "null" Origin from a
    # sandboxed frame included) does not: that post removes nothing. What is left: a
    # browser too old for SameSite and for Sec-Fetch-Site, where another site could clear
    # the language choice (and only that) of someone it lures there.
    cookie = current_app.config["LANGUAGE_COOKIE"]
    if cookie in request.cookies:
        response.delete_cookie(cookie, samesite="Lax", httponly=True)
    return response
