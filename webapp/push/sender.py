"""Sending one reminder with pywebpush, and what its answer means for the reminder.

Only to allowlisted push services (checked again here), never following a redirect,
with an explicit timeout, a TTL of a day, and Urgency and Topic headers: a resent
reminder replaces an undelivered earlier copy of itself on the push service.
"""

import json

import requests
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from pywebpush import WebPushException, webpush

from ..content.guide import METHODS
from .endpoints import (
    EndpointRefused,
    check_endpoint,
    named_exactly,
    parse_hosts,
    resolves_publicly,
)
from .reminders import Outcome, Result
from .store import Subscription

MAX_PAYLOAD_BYTES = 3072


class NoRedirectSession(requests.Session):
    """requests follows a 307 and re-posts the payload; a push service never needs that."""

    def request(self, *args, **kwargs):
        kwargs["allow_redirects"] = False
        return super().request(*args, **kwargs)


class UnknownStep(LookupError):
    """No method has this step any more (retired by an upgrade): nothing to link to."""


def build_payload(step_id: str, lang: str) -> str:
    """The notification, in the subscriber's language, worded for anyone who sees the phone.

    Needs the app (for its URL map and translations), not a request: the link is a path."""
    url = current_app.url_map.bind("", script_name=current_app.config["APPLICATION_ROOT"]).build(
        "guide.method", {"lang_code": lang, "method_id": _method_of(step_id)}
    )
    with force_locale(lang):
        payload = {
            # Translators: a notification the phone's owner may see: keep it neutral, and
            # never mention Xiaomi, locks, accounts or passwords.
            "title": _("Reminder"),
            # Translators: the same neutral notification: no word about phones, locks or accounts.
            "body": _("It is time to look at the next step you saved."),
            "url": f"{url}#{step_id}",
            "lang": lang,
            "tag": f"step-{step_id}",
        }
    encoded = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if len(encoded.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise ValueError("push payload over 3 KB")
    return encoded


def _method_of(step_id: str) -> str:
    for method in METHODS:
        if any(step.id == step_id for step in method.steps):
            return method.id
    raise UnknownStep(step_id)


def _retry_after(response) -> float | None:
    value = response.headers.get("Retry-After", "") if response is not None else ""
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def classify(response) -> Result:
    status = response.status_code
    if status in (200, 201, 202):
        return Result(Outcome.SENT, status)
    if status in (404, 410):
        return Result(Outcome.GONE, status)
    if status == 429 or status >= 500:
        return Result(Outcome.RETRY, status, _retry_after(response))
    return Result(Outcome.REFUSED, status, detail=response.text[:200])


def send_reminder(
    subscription: Subscription, payload: str, topic: str, vapid_key, config: dict
) -> Result:
    """Send one payload; runs in a worker thread, so it touches no app state."""
    allowed = parse_hosts(config["PUSH_SERVICE_HOSTS"])
    try:
        check_endpoint(subscription.endpoint, allowed)
    except EndpointRefused as refused:
        return Result(Outcome.REFUSED, detail=f"endpoint refused at send time: {refused}")
    if not named_exactly(subscription.endpoint, allowed) and not resolves_publicly(
        subscription.endpoint
    ):
        return Result(Outcome.REFUSED, detail="endpoint resolves to a private address")
    session = NoRedirectSession()
    try:
        response = webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=payload,
            vapid_private_key=vapid_key,
            # pywebpush fills in "aud" and "exp" by changing this dict: a fresh one each time.
            vapid_claims={"sub": config["VAPID_SUBJECT"]},
            content_encoding="aes128gcm",
            ttl=config["PUSH_TTL"],
            timeout=config["PUSH_TIMEOUT"],
            headers={"Urgency": "normal", "Topic": topic},
            requests_session=session,
        )
    except WebPushException as error:
        if error.response is None:
            return Result(Outcome.RETRY, detail=str(error)[:200])
        return classify(error.response)
    except requests.RequestException as error:
        return Result(Outcome.RETRY, detail=type(error).__name__)
    except UnicodeError:  # a host name IDNA cannot encode: no send to it can ever work
        return Result(Outcome.REFUSED, detail="endpoint host name cannot be encoded")
    finally:
        session.close()
    return classify(response)


def current_config() -> dict:
    keys = ("PUSH_SERVICE_HOSTS", "VAPID_SUBJECT", "PUSH_TTL", "PUSH_TIMEOUT")
    return {key: current_app.config[key] for key in keys}
