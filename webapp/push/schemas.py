"""What the push reminders API takes and answers: pydantic models that validate each request
and, through their JSON Schema, make the OpenAPI document (core/openapi.py)."""

from datetime import datetime
from typing import Annotated

from cryptography.hazmat.primitives.asymmetric import ec
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from pydantic import AfterValidator, BaseModel, BeforeValidator, Field, Strict, StringConstraints

from ..content.guide import all_steps
from ..core.openapi import ConfiguredChoice, ConfiguredRange, RequestModel, refuse
from .endpoints import MAX_ENDPOINT_LENGTH, EndpointRefused, check_endpoint, parse_hosts
from .vapid import b64url_decode

BASE64URL = r"^[A-Za-z0-9_-]{1,200}={0,2}$"


def allowed_endpoint(value: str) -> str:
    try:
        return check_endpoint(value, parse_hosts(current_app.config["PUSH_SERVICE_HOSTS"]))
    except EndpointRefused as refused:
        raise refuse(_("This push endpoint is refused: %(reason)s.", reason=str(refused))) from None


def decoded_length(name: str, length: int):
    def check(value: str) -> str:
        if len(b64url_decode(value.rstrip("="))) != length:
            raise refuse(_("The key %(name)s must be %(length)d bytes.", name=name, length=length))
        return value

    return check


def on_p256(value: str) -> str:
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(
            ec.SECP256R1(), b64url_decode(value.rstrip("="))
        )
    except ValueError:
        raise refuse(_("The key p256dh is not a point on the P-256 curve.")) from None
    return value


Base64Url = Annotated[str, StringConstraints(pattern=BASE64URL)]
PushEndpoint = Annotated[
    str,
    StringConstraints(min_length=1, max_length=MAX_ENDPOINT_LENGTH, pattern=r"^https://"),
    AfterValidator(allowed_endpoint),
    Field(description="The push service's URL for this browser (an allowlisted host)"),
]
Language = Annotated[str, ConfiguredChoice("LANGUAGES", lambda _choices: language_message())]
StepId = Annotated[str, AfterValidator(lambda step: step if step in STEP_IDS else _no_step())]


def whole_number(value):
    """86400.0 is an integer in JSON Schema (and so in the document): take it as 86400."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


Delay = Annotated[
    int,
    Strict(),  # no true, no "86400", no 86400.5
    BeforeValidator(whole_number),
    ConfiguredRange(
        "REMINDER_MIN_DELAY", "REMINDER_MAX_DELAY", lambda _low, _high: delay_message()
    ),
    Field(description="Seconds from now"),
]
STEP_IDS = frozenset(step.id for step in all_steps())


def _no_step():
    raise refuse(_("This step does not exist."))


class PushKeys(BaseModel):
    p256dh: Annotated[
        Base64Url, AfterValidator(decoded_length("p256dh", 65)), AfterValidator(on_p256)
    ]
    auth: Annotated[Base64Url, AfterValidator(decoded_length("auth", 16))]


class PushSubscription(BaseModel):
    """What the browser's PushSubscription.toJSON() gives."""

    endpoint: PushEndpoint
    keys: PushKeys
    expirationTime: float | None = None  # noqa: N815  # the browser's own name


KEY_MESSAGES = {
    "subscription": _l("Send the subscription with its endpoint and keys."),
    "subscription.endpoint": _l("Send the subscription with its endpoint and keys."),
    "subscription.keys": _l("Send the subscription with its endpoint and keys."),
    "subscription.expirationTime": _l("Send the subscription with its endpoint and keys."),
    "subscription.keys.p256dh": _l("The key %(name)s must be base64url text.", name="p256dh"),
    "subscription.keys.auth": _l("The key %(name)s must be base64url text.", name="auth"),
}


def language_message() -> str:
    languages = ", ".join(current_app.config["LANGUAGES"])
    return _("The language must be one of: %(languages)s.", languages=languages)


def delay_message() -> str:
    return _(
        "The delay must be a whole number of seconds from %(shortest)d to %(longest)d.",
        shortest=current_app.config["REMINDER_MIN_DELAY"],
        longest=current_app.config["REMINDER_MAX_DELAY"],
    )


class SubscribeRequest(RequestModel):
    subscription: PushSubscription
    lang: Language

    messages = {**KEY_MESSAGES, "lang": language_message}


class ChangeRequest(RequestModel):
    """New endpoint and keys for the subscription whose key is sent; lang stays if absent."""

    subscription: PushSubscription
    lang: Language | None = None

    messages = {**KEY_MESSAGES, "lang": language_message}


class ReminderRequest(RequestModel):
    step: Annotated[StepId, Field(json_schema_extra={"enum": sorted(STEP_IDS)})]
    delay: Delay

    messages = {
        "step": _l("This step does not exist."),
        "delay": delay_message,
    }


class PublicKey(BaseModel):
    publicKey: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]+$")]  # noqa: N815


class Subscribed(BaseModel):
    token: Annotated[
        str,
        Field(
            pattern=r"^[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{43}$",
            description="The subscription's key, given this once: send it as a bearer token",
        ),
    ]
    lang: str


class Changed(BaseModel):
    lang: str


class Reminder(BaseModel):
    id: int
    step: str
    due_at: datetime


class ReminderList(BaseModel):
    reminders: list[Reminder]
