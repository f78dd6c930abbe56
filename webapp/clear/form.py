"""Clear this guide without JavaScript: a plain form that removes what the server set.

Without JavaScript the guide stores nothing on the phone but the language cookie, which is
HttpOnly: only the server can remove it. The form posts here; the answer is the page with
what was removed. POST /api/wipe stays the script's, with its own rules.
"""

from flask import current_app, make_response, render_template

from ..core.api import refuse_cross_site
from ..core.i18n import language_blueprint

bp = language_blueprint("clear_form", __name__)


@bp.post("/wipe")
def forget_language():
    refuse_cross_site()  # a form on another site must not clear anything here
    # Rendered for this answer alone: the page's usual copy is shared by everyone.
    response = make_response(render_template("clear/clear.html", forgotten=True))
    response.delete_cookie(current_app.config["LANGUAGE_COOKIE"], samesite="Lax", httponly=True)
    return response
