"""Clear this guide from this phone: the page that removes everything the guide stored on a borrowed phone.

The browser removes what it holds itself; POST /api/wipe removes what only the server
can: the language cookie (HttpOnly, so scripts cannot) and, when push reminders are
on, the subscription and its reminders (given the subscription's key).
"""

from flask import Blueprint, current_app, jsonify, request

from ..core.api import json_object
from ..core.errors import ApiError
from ..core.i18n import language_blueprint
from ..core.rendering import render_page
from ..push.api import current_subscription
from ..push.store import delete_subscription

bp = language_blueprint("clear", __name__, template_folder="templates")
# Nested under the app's API blueprint (core/api.py), with its rules.
api_bp = Blueprint("clear", __name__)


@bp.get("/wipe")
def page():
    return render_page("clear/clear.html")


@api_bp.post("/wipe")
def wipe_server_side():
    json_object(empty_allowed=True)  # nothing to read in it, but it must be a JSON object
    removed = ["language"]
    if "Authorization" in request.headers:  # reminders are on: the subscription's key
        try:
            if delete_subscription(current_subscription()):
                removed.append("reminders")
        except ApiError as refused:
            if refused.status != 404:  # a wrong key deletes nothing; one already gone is fine
                raise
    response = jsonify({"removed": removed})
    response.delete_cookie(current_app.config["LANGUAGE_COOKIE"], samesite="Lax", httponly=True)
    return response
