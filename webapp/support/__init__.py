"""The support-request helper: a ready-to-send message for Xiaomi, written on the phone.

Nothing typed here reaches the server: the form has no server action, and the page's
script builds the message from wording the server rendered in both languages.
"""

from babel.dates import get_month_names
from flask import current_app
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l

from ..content.sources import sources_for
from ..core.features import Feature, Link, Page
from ..core.i18n import LANGUAGE_NAMES, language_blueprint
from ..core.rendering import render_page

bp = language_blueprint("support", __name__, template_folder="templates")

# Xiaomi Indonesia's contacts as seen in a public source dated 2018, not confirmed since
# (see the sources and docs/sources.md).
SUPPORT_EMAIL = "service.id@xiaomi.com"
SUPPORT_PHONE = "0800-1-401558"
CONTACT_SOURCES = ("contacts-2018", "official-site", "unlock-documents", "dual-sim-imei")

# The message, line by line; {placeholders} are filled in on the phone.
MESSAGE_PARTS = {
    "subject": _l("Unlock request for my {model}"),
    "subject-imei": _l("Unlock request for my {model} (IMEI {imei1})"),
    "greeting": _l("Hello Xiaomi support,"),
    "intro": _l(
        "I am the owner of a {model}. It is locked to my Mi account and I can no longer sign "
        "in. Please help me unlock it."
    ),
    "name": _l("Name: {name}"),
    "account": _l("Mi account (ID, number or e-mail): {account}"),
    "imei1": _l("IMEI 1: {imei1}"),
    "imei2": _l("IMEI 2: {imei2}"),
    "date": _l("Date of purchase: {date}"),
    "place": _l("Place of purchase: {place}"),
    "country": _l("Country of purchase: {country}"),
    "proofs": _l("I can show: {proofs}."),
    "attached": _l("Attached: photos of the invoice and the box label."),
    "details": _l("What happened: {details}"),
    "reply": _l("Please reply to: {reply}"),
    "thanks": _l("Thank you."),
    "box": _l("the phone's box"),
    "invoice": _l("the purchase invoice"),
    "id-card": _l("my ID card (KTP)"),
}


def message_wording() -> dict[str, dict]:
    """MESSAGE_PARTS in every language, whatever the page's language, with month names."""
    wording = {}
    for lang in current_app.config["LANGUAGES"]:
        with force_locale(lang):
            wording[lang] = {part: str(text) for part, text in MESSAGE_PARTS.items()}
        months = get_month_names("wide", locale=lang)
        wording[lang]["months"] = [months[number] for number in range(1, 13)]
    return wording


# Without JavaScript: the message to copy by hand, its blanks to fill in on paper or in the app.
BY_HAND_PARTS = ("name", "account", "imei1", "imei2", "date", "place", "country", "details")


def message_by_hand(words: dict) -> str:
    blank = "________"
    fill = {part: blank for part in (*BY_HAND_PARTS, "reply")}
    fill["model"] = "Redmi 4A"
    lines = [words["greeting"], "", words["intro"].format(**fill), ""]
    lines += [words[part].format(**fill) for part in BY_HAND_PARTS]
    lines += ["", words["reply"].format(**fill), "", words["thanks"]]
    return "\n".join(lines)


@bp.get("/support")
def helper():
    wording = message_wording()
    return render_page(
        "support/support.html",
        wording=wording,
        template_by_hand=message_by_hand(wording[get_locale().language]),
        language_names=LANGUAGE_NAMES,
        support_email=SUPPORT_EMAIL,
        support_phone=SUPPORT_PHONE,
        page_sources=sources_for(CONTACT_SOURCES),
    )


feature = Feature(
    "support",
    blueprints=(bp,),
    pages=(Page("support.helper"),),
    footer=(Link("support.helper", _l("Ask Xiaomi for help"), place=40),),
)
