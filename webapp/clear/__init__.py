"""Clear this guide from this phone: the page that removes everything the guide stored on a borrowed phone.

The browser removes what it holds itself; POST /api/wipe removes what only the server
can: the language cookie (HttpOnly, so scripts cannot) and, when push reminders are
on, the subscription and its reminders (given the subscription's key).
"""

from typing import Literal

from flask import Blueprint, after_this_request, current_app, jsonify, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from pydantic import BaseModel

from ..core.api import json_object
from ..core.errors import ApiError
from ..core.features import Feature, Link, Page
from ..core.i18n import language_blueprint
from ..core.openapi import RequestModel, operation, validated
from ..core.rendering import render_page
from ..push.api import current_subscription
from ..push.store import delete_subscription
from .form import bp as form_bp

bp = language_blueprint("clear", __name__, template_folder="templates")
# Nested under the app's API blueprint (core/api.py), with its rules.
api_bp = Blueprint("clear", __name__)


@bp.get("/clear")
def page():
    return render_page("clear/clear.html")


@bp.get("/wipe")
def old_address():
    """The page's first address, which read as "wipe the phone": links and saved pages that
    still name it are sent on."""
    return redirect(url_for("clear.page"), 308)


class WipeRequest(RequestModel):
    """Nothing to send: the subscription, if any, is named by its key."""


class Removed(BaseModel):
    removed: list[Literal["language", "reminders"]]


@api_bp.post("/wipe")
@operation(
    "Forget what the server keeps for this phone: the language cookie and, given its key, "
    "the push subscription with its reminders",
    {200: ("What was removed", Removed)},
    body=WipeRequest,
    key="optional",
    errors={401: "A malformed or wrong key: the subscription stays, the cookie goes all the same"},
)
def wipe_server_side():
    validated(WipeRequest, json_object(empty_allowed=True))

    # The person asked to be forgotten: the cookie goes whatever becomes of the key (a
    # 401 or a busy database's 503 too); only the subscription needs the right key.
    @after_this_request
    def forget_language(response):
        response.delete_cookie(current_app.config["LANGUAGE_COOKIE"], samesite="Lax", httponly=True)
        return response

    removed = ["language"]
    if "Authorization" in request.headers:  # reminders are on: the subscription's key
        try:
            if delete_subscription(current_subscription()):
                removed.append("reminders")
        except ApiError as refused:
            if refused.status != 404:  # a wrong key deletes nothing; one already gone is fine
                raise
    return jsonify(Removed(removed=removed).model_dump(mode="json"))


feature = Feature(
    "clear",
    blueprints=(bp, form_bp),
    api_blueprints=(api_bp,),
    pages=(Page("clear.page"),),
    footer=(
        Link(
            "clear.page",
            # Translators: the last link at the bottom of every page. It removes what the
            # guide saved; it never erases the phone (Indonesian: "Hapus jejak di HP ini").
            _l("Clear this guide from this phone"),
            place=60,
        ),
    ),
)
