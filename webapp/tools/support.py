"""The support-request helper: a ready-to-send message for Xiaomi, written on the phone.

Nothing typed here reaches the server: the form has no server action, and the page's
script builds the message from wording the server rendered in both languages.
"""

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..i18n import LANGUAGE_NAMES, language_blueprint
from ..rendering import render_page

bp = language_blueprint("support", __name__)

SUPPORT_EMAIL = "service.id@xiaomi.com"

# The message, line by line; {placeholders} are filled in on the phone.
MESSAGE_PARTS = {
    "subject": _l("Unlock request for my {model} (IMEI {imei})"),
    "greeting": _l("Hello Xiaomi support,"),
    "intro": _l(
        "I am the owner of a {model}. It is locked to my Mi account and I can no longer sign "
        "in. Please help me unlock it."
    ),
    "imei": _l("IMEI: {imei}"),
    "date": _l("Date of purchase: {date}"),
    "place": _l("Place of purchase: {place}"),
    "proofs": _l("I can show: {proofs}."),
    "details": _l("What happened: {details}"),
    "thanks": _l("Thank you."),
    "box": _l("the phone's box"),
    "invoice": _l("the purchase invoice"),
    "id-card": _l("my ID card (KTP)"),
}


def message_wording() -> dict[str, dict[str, str]]:
    """MESSAGE_PARTS in every language, whatever the page's language."""
    wording = {}
    for lang in current_app.config["LANGUAGES"]:
        with force_locale(lang):
            wording[lang] = {part: str(text) for part, text in MESSAGE_PARTS.items()}
    return wording


@bp.get("/support")
def helper():
    return render_page(
        "support.html",
        wording=message_wording(),
        language_names=LANGUAGE_NAMES,
        support_email=SUPPORT_EMAIL,
    )
