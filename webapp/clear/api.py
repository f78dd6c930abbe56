"""POST /api/clear: what only the server can remove. The language cookie (HttpOnly, so
scripts cannot) and, when push reminders are on, the subscription and its reminders (given
the subscription's key). POST /api/wipe, its first address, stays an alias: pages saved
before the change still call it."""

from typing import Literal

from flask import Blueprint, after_this_request, current_app, jsonify, request
from pydantic import BaseModel

from ..core.api import json_object
from ..core.errors import ApiError
from ..core.openapi import RequestModel, operation, validated
from ..push.api import current_subscription
from ..push.store import delete_subscription

# Nested under the app's API blueprint (core/api.py), with its rules.
bp = Blueprint("clear_api", __name__)


class ClearRequest(RequestModel):
    """Nothing to send: the subscription, if any, is named by its key."""


class Removed(BaseModel):
    removed: list[Literal["language", "reminders"]]


@bp.post("/clear")
@bp.post("/wipe")
@operation(
    "Forget what the server keeps for this phone: the language cookie and, given its key, "
    "the push subscription with its reminders",
    {200: ("What was removed", Removed)},
    body=ClearRequest,
    key="optional",
    errors={401: "A malformed or wrong key: the subscription stays, the cookie goes all the same"},
)
def clear_server_side():
    validated(ClearRequest, json_object(empty_allowed=True))

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
