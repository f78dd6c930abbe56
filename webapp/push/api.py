"""The push reminders API: JSON in and out, every input checked, every error explained.

Each view declares its request and response models (schemas.py); the same models check
the request and make the OpenAPI document at /api/openapi.json (core/openapi.py).
Documented in docs/architecture.md too.
"""

from datetime import UTC, datetime

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _

from ..core.api import json_object
from ..core.errors import ApiError
from ..core.openapi import operation, validated
from ..core.services import service
from . import store
from .schemas import (
    Changed,
    ChangeRequest,
    PublicKey,
    Reminder,
    ReminderList,
    ReminderRequest,
    Subscribed,
    SubscribeRequest,
)
from .vapid import VapidKeys

# Nested under the app's API blueprint (core/api.py): its routes live under /api and
# follow its rules (JSON only, body cap, cross-site guard, rate limit, JSON errors).
bp = Blueprint("push", __name__)


@bp.before_request
def key_before_data():
    """The signing key exists before any subscription is kept: a subscription made under a
    key that was never saved could never be sent to (see vapid.py)."""
    _ = service(VapidKeys).private


def bearer_key() -> str:
    scheme, _space, key = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not key.strip():
        raise ApiError(
            401,
            _(
                "This request needs the reminder key this browser received when reminders were turned on."
            ),
            headers={"WWW-Authenticate": 'Bearer realm="reminders"'},
        )
    return key.strip()


def current_subscription() -> store.Subscription:
    """The subscription whose key came with the request: 401 without it or with a wrong
    one, 404 when the subscription is gone."""
    try:
        return store.authenticate(bearer_key())
    except store.WrongKey:
        raise ApiError(
            401,
            _("The reminder key does not match. Turn reminders off and on again."),
            headers={"WWW-Authenticate": 'Bearer realm="reminders", error="invalid_token"'},
        ) from None
    except store.UnknownSubscription:
        raise ApiError(404, _("This subscription is not known. Turn reminders on again.")) from None


def endpoint_taken() -> ApiError:
    return ApiError(
        409,
        _(
            "This browser's push address is already registered under another key. "
            "Turn reminders off and on again."
        ),
    )


def answer(model, status: int = 200):
    return jsonify(model.model_dump(mode="json")), status


def due(timestamp: float) -> datetime:
    return datetime.fromtimestamp(int(timestamp), UTC)


@bp.get("/push/key")
@operation("The VAPID application server key", {200: ("The key", PublicKey)})
def push_key():
    return answer(PublicKey(publicKey=service(VapidKeys).public))


@bp.post("/push/subscriptions")
@operation(
    "Store a push subscription; its key is in the answer, this once",
    {201: ("Stored", Subscribed)},
    body=SubscribeRequest,
    errors={409: "This endpoint is already stored", 503: "Busy, full, or the cap is reached"},
)
def subscribe():
    data = validated(SubscribeRequest, json_object())
    config = current_app.config
    retention = store.Retention(config["REMINDER_RETENTION"], config["SUBSCRIPTION_RETENTION"])
    keys = data.subscription.keys
    try:
        key = store.create_subscription(
            data.subscription.endpoint,
            keys.p256dh,
            keys.auth,
            data.lang,
            retention,
            config["MAX_SUBSCRIPTIONS"],
        )
    except store.EndpointTaken:
        raise endpoint_taken() from None
    except store.TooManySubscriptions:
        current_app.logger.warning(
            "the cap of %d push subscriptions is reached: new ones are refused",
            config["MAX_SUBSCRIPTIONS"],
        )
        raise ApiError(
            503,
            _(
                "Reminders cannot be turned on right now: too many people use them. Please try again in a few days."
            ),
            headers={"Retry-After": "86400"},
        ) from None
    return answer(Subscribed(token=key, lang=data.lang), 201)


@bp.put("/push/subscription")
@operation(
    "New endpoint and keys for the key's subscription (the browser renewed it); "
    "its pending reminders stay with it",
    {200: ("Changed", Changed)},
    body=ChangeRequest,
    key="required",
    errors={409: "Another subscription has this endpoint"},
)
def change_subscription():
    subscription = current_subscription()
    data = validated(ChangeRequest, json_object())
    keys = data.subscription.keys
    try:
        store.change_subscription(
            subscription, data.subscription.endpoint, keys.p256dh, keys.auth, data.lang
        )
    except store.EndpointTaken:
        raise endpoint_taken() from None
    return answer(Changed(lang=data.lang or subscription.lang))


@bp.delete("/push/subscription")
@operation(
    "Forget the key's subscription and its reminders", {204: ("Forgotten", None)}, key="required"
)
def unsubscribe():
    store.delete_subscription(current_subscription())
    return "", 204


@bp.post("/reminders")
@operation(
    "Schedule a reminder for a step",
    {201: ("Scheduled", Reminder)},
    body=ReminderRequest,
    key="required",
    errors={429: "Too many requests, or the most pending reminders one subscription may have"},
)
def create_reminder():
    subscription = current_subscription()
    data = validated(ReminderRequest, json_object())
    try:
        reminder_id, due_at = store.add_reminder(
            subscription,
            data.step,
            data.delay,
            current_app.config["MAX_REMINDERS_PER_SUBSCRIPTION"],
        )
    except store.TooManyReminders:
        raise ApiError(429, _("You have the most reminders we keep. Cancel one first.")) from None
    return answer(Reminder(id=reminder_id, step=data.step, due_at=due(due_at)), 201)


@bp.get("/reminders")
@operation(
    "The pending reminders of the key's subscription",
    {200: ("Pending reminders", ReminderList)},
    key="required",
)
def list_reminders():
    subscription = current_subscription()
    reminders = [
        Reminder(id=row["id"], step=row["step"], due_at=due(row["due_at"]))
        for row in store.active_reminders(subscription)
    ]
    return answer(ReminderList(reminders=reminders))


# SQLite ids are signed 64-bit: a larger number is no reminder at all (404), never a 500.
@bp.delete("/reminders/<int(min=1, max=9223372036854775807):reminder_id>")
@operation(
    "Cancel a reminder of the key's subscription",
    {204: ("Cancelled", None)},
    key="required",
    errors={404: "No such reminder for this key, or the key's subscription is unknown"},
)
def cancel_reminder(reminder_id: int):
    subscription = current_subscription()
    if not store.delete_reminder(subscription, reminder_id):
        raise ApiError(404, _("This reminder does not exist."))
    return "", 204
