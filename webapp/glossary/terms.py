"""The words explained, with how each is written in each language.

A definition says what the word means and nothing that would change a decision: those
claims stay on the pages that cite their sources.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Term:
    id: str  # the fragment of its definition on the words page
    name: object  # as the page shows it (a lazy string where the languages differ)
    # How the word is written in running text, per language (a regular expression, matched
    # whole-word and case-insensitively; the first use on a page is linked).
    written: dict[str, str]
    meaning: object  # a lazy string


TERMS = (
    Term(
        "find-device",
        "Find Device",
        {"en": r"Find Device", "id": r"Find Device"},
        _l(
            "A Xiaomi service, switched on in the phone's settings, that can find, ring, lock "
            "or erase the phone from the Mi account. While it is on, the phone stays locked "
            "to that Mi account, even after a factory reset."
        ),
    ),
    Term(
        "miui",
        "MIUI",
        {"en": r"(?-i:MIUI)", "id": r"(?-i:MIUI)"},
        _l("Xiaomi's own version of Android, on the Redmi 4A and Xiaomi's other phones."),
    ),
    Term(
        "bootloader",
        "bootloader",
        {"en": r"bootloader", "id": r"bootloader"},
        _l(
            "The small program that starts the phone before Android. On Xiaomi phones it is "
            "locked; unlocking it needs Xiaomi's Mi Unlock tool and erases the phone."
        ),
    ),
    Term(
        "flash",
        "flash",
        {"en": r"flash(?:es|ed|ing)?", "id": r"(?:mem)?flash(?:ing)?"},
        _l(
            "To write a new system (a ROM) onto the phone with a tool, usually from a "
            "computer. It replaces what was there and usually erases the phone."
        ),
    ),
    Term(
        "rom",
        "ROM",
        {"en": r"(?-i:ROMs?)", "id": r"(?-i:ROM)"},
        _l(
            "The phone's system (Android with MIUI) as a file that can be flashed. An "
            "official ROM comes from Xiaomi; others are made by other people."
        ),
    ),
    Term(
        "autostart",
        "Autostart",
        {"en": r"auto-?start", "id": r"auto-?start"},
        _l(
            "A MIUI setting that lets an app start by itself in the background. Without it, "
            "MIUI may stop the app, and its notifications may come late or not at all."
        ),
    ),
    Term(
        "password-manager",
        _l("password manager"),
        {"en": r"password managers?", "id": r"pengelola kata sandi|password manager"},
        _l(
            "An app or a browser feature that keeps saved passwords, such as Google Password "
            "Manager. A forgotten password may be saved there."
        ),
    ),
)
