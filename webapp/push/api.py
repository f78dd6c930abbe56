"""The push reminders API: JSON in and out, every input checked, every error explained.

Documented in README.md and served as OpenAPI at /api/openapi.json.
"""

import re
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric import ec
from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _

from ..content.guide import all_steps
from ..core.api import json_object
from ..core.errors import ApiError
from ..core.services import service
from . import store
from .endpoints import EndpointRefused, check_endpoint, parse_hosts
from .openapi import openapi_document
from .vapid import VapidKeys, b64url_decode

# Nested under the app's API blueprint (core/api.py): its routes live under /api and
# follow its rules (JSON only, body cap, cross-site guard, rate limit, JSON errors).
bp = Blueprint("push", __name__)

BASE64URL = re.compile(r"^[A-Za-z0-9_-]{1,200}={0,2}$")


@bp.before_request
def key_before_data():
    """The signing key exists before any subscription is kept: a subscription made under a
    key that was never saved could never be sent to (see vapid.py)."""
    _ = service(VapidKeys).private


def endpoint_from(value: object) -> str:
    try:
        return check_endpoint(value, parse_hosts(current_app.config["PUSH_SERVICE_HOSTS"]))
    except EndpointRefused as refused:
        message = _("This push endpoint is refused: %(reason)s.", reason=str(refused))
        raise ApiError(400, message) from None


def decoded_key(value: object, length: int, name: str) -> str:
    if not isinstance(value, str) or not BASE64URL.match(value):
        raise ApiError(400, _("The key %(name)s must be base64url text.", name=name))
    raw = b64url_decode(value.rstrip("="))
    if len(raw) != length:
        raise ApiError(
            400, _("The key %(name)s must be %(length)d bytes.", name=name, length=length)
        )
    return value


def subscription_from(data: dict) -> tuple[str, str, str]:
    subscription = data.get("subscription")
    if not isinstance(subscription, dict) or not isinstance(subscription.get("keys"), dict):
        raise ApiError(400, _("Send the subscription with its endpoint and keys."))
    endpoint = endpoint_from(subscription.get("endpoint"))
    keys = subscription["keys"]
    p256dh = decoded_key(keys.get("p256dh"), 65, "p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(
            ec.SECP256R1(), b64url_decode(p256dh.rstrip("="))
        )
    except ValueError:
        raise ApiError(400, _("The key p256dh is not a point on the P-256 curve.")) from None
    auth = decoded_key(keys.get("auth"), 16, "auth")
    return endpoint, p256dh, auth


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


def language_from(data: dict, required: bool = True) -> str | None:
    lang = data.get("lang")
    if lang is None and not required:
        return None
    if lang not in current_app.config["LANGUAGES"]:
        raise ApiError(
            400,
            _(
                "The language must be one of: %(languages)s.",
                languages=", ".join(current_app.config["LANGUAGES"]),
            ),
        )
    return lang


def iso(timestamp: float) -> str:
    return (
        datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    )


@bp.get("/push/key")
def push_key():
    return jsonify({"publicKey": service(VapidKeys).public})


@bp.post("/push/subscriptions")
def subscribe():
    """A new subscription; its key is in the answer, this once."""
    data = json_object()
    endpoint, p256dh, auth = subscription_from(data)
    lang = language_from(data)
    config = current_app.config
    retention = store.Retention(config["REMINDER_RETENTION"], config["SUBSCRIPTION_RETENTION"])
    try:
        key = store.create_subscription(
            endpoint, p256dh, auth, lang, retention, config["MAX_SUBSCRIPTIONS"]
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
    return jsonify({"token": key, "lang": lang}), 201


@bp.put("/push/subscription")
def change_subscription():
    """New endpoint and keys for the key's subscription (the browser renewed its push
    subscription); its pending reminders stay with it."""
    subscription = current_subscription()
    data = json_object()
    endpoint, p256dh, auth = subscription_from(data)
    lang = language_from(data, required=False)
    try:
        store.change_subscription(subscription, endpoint, p256dh, auth, lang)
    except store.EndpointTaken:
        raise endpoint_taken() from None
    return jsonify({"lang": lang or subscription.lang})


@bp.delete("/push/subscription")
def unsubscribe():
    store.delete_subscription(current_subscription())
    return "", 204


@bp.post("/reminders")
def create_reminder():
    subscription = current_subscription()
    data = json_object()
    step = data.get("step")
    if not isinstance(step, str) or step not in {s.id for s in all_steps()}:
        raise ApiError(400, _("This step does not exist."))
    delay = data.get("delay")
    shortest, longest = (
        current_app.config["REMINDER_MIN_DELAY"],
        current_app.config["REMINDER_MAX_DELAY"],
    )
    if not isinstance(delay, int) or isinstance(delay, bool) or not shortest <= delay <= longest:
        raise ApiError(
            400,
            _(
                "The delay must be a whole number of seconds from %(shortest)d to %(longest)d.",
                shortest=shortest,
                longest=longest,
            ),
        )
    try:
        reminder_id, due_at = store.add_reminder(
            subscription, step, delay, current_app.config["MAX_REMINDERS_PER_SUBSCRIPTION"]
        )
    except store.TooManyReminders:
        raise ApiError(429, _("You have the most reminders we keep. Cancel one first.")) from None
    return jsonify({"id": reminder_id, "step": step, "due_at": iso(due_at)}), 201


@bp.get("/reminders")
def list_reminders():
    subscription = current_subscription()
    reminders = [
        {"id": row["id"], "step": row["step"], "due_at": iso(row["due_at"])}
        for row in store.active_reminders(subscription)
    ]
    return jsonify({"reminders": reminders})


# SQLite ids are signed 64-bit: a larger number is no reminder at all (404), never a 500.
@bp.delete("/reminders/<int(min=1, max=9223372036854775807):reminder_id>")
def cancel_reminder(reminder_id: int):
    subscription = current_subscription()
    if not store.delete_reminder(subscription, reminder_id):
        raise ApiError(404, _("This reminder does not exist."))
    return "", 204


@bp.get("/openapi.json")
def openapi():
    return jsonify(openapi_document())
