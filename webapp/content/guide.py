"""The recovery guide for a Redmi 4A with a forgotten Mi account, as data.

Written from the facts in shared/docs/facts.md. English is the source language;
the Indonesian text lives in translations/id/LC_MESSAGES/messages.po.
"""

from flask_babel import lazy_gettext as _l

from .model import Method, Question, Situation, Step

ACCOUNT_SITE = "https://account.xiaomi.com/"
UNLOCK_HELP_SITE = "https://i.mi.com/"
IMEI_CHECK_SITE = "https://imei.kemenperin.go.id/"

METHODS: tuple[Method, ...] = (
    Method(
        id="password-reset",
        title=_l("Reset the Mi account password"),
        summary=_l(
            "The official way back in, if you can still get a code on the phone number or "
            "e-mail bound to the account."
        ),
        intro=(
            _l(
                "Do this on another phone or a computer. Many articles list “forgot password” "
                "and “recovery number” as two methods: they are one and the same flow."
            ),
        ),
        warnings=(
            _l("Do not reset the phone first: a reset does not remove the Mi account lock."),
        ),
        steps=(
            Step(
                "pw-open-site",
                _l("On another phone or a computer, open account.xiaomi.com and tap Sign in."),
                link=ACCOUNT_SITE,
            ),
            Step("pw-forgot", _l("Tap “Forgot password?”.")),
            Step(
                "pw-enter-contact",
                _l(
                    "Type the phone number or e-mail address bound to the Mi account. Not sure "
                    "which? Try each number and address you have used since you got the phone."
                ),
            ),
            Step(
                "pw-recovery-number",
                _l(
                    "If that number or address is no longer yours, choose the option to verify "
                    "another way and use the second number or e-mail you added to the account. "
                    "If there is none, go to “Ask Xiaomi to unlock the phone”."
                ),
            ),
            Step(
                "pw-code",
                _l(
                    "Type in the code that arrives by SMS or e-mail. The SIM card must be active "
                    "to receive the SMS."
                ),
            ),
            Step(
                "pw-new-password",
                _l("Set a new password and write it down somewhere safe, not on a borrowed phone."),
            ),
            Step(
                "pw-sign-in-phone",
                _l(
                    "On the locked phone, connect to Wi-Fi or mobile data and sign in with the same "
                    "Mi account and the new password."
                ),
            ),
            Step(
                "pw-google-wait",
                _l(
                    "If the phone also asks for a Google account whose password you just changed, "
                    "wait about 24 hours: Google blocks set-up with a freshly changed password for "
                    "about a day."
                ),
                waits=True,
            ),
        ),
    ),
    Method(
        id="unlock-request",
        title=_l("Ask Xiaomi to unlock the phone"),
        summary=_l("When no code reaches you any more: prove that the phone is yours."),
        warnings=(
            _l(
                "Only the rightful owner can ask. Xiaomi publishes no waiting time, so nobody can "
                "promise you one."
            ),
        ),
        steps=(
            Step(
                "ur-find-imei",
                _l(
                    "Find the IMEI (15 digits): it is on the box label and on the invoice. On a "
                    "locked phone *#06# usually does not work, and the battery cannot be removed, "
                    "so there is no sticker under it. If you can still sign in at i.mi.com, Find "
                    "Device shows it."
                ),
            ),
            Step(
                "ur-gather-proofs",
                _l(
                    "Gather your proofs: identity card (KTP), the invoice (nota), the box, and the "
                    "country where you bought the phone."
                ),
            ),
            Step(
                "ur-photos",
                _l("With another phone, take clear photos of the invoice and the box label."),
            ),
            Step(
                "ur-locked-screen",
                _l(
                    "On the “This device is locked” screen, follow the unlock help link (Bantuan "
                    "membuka kunci) to i.mi.com and fill in the request."
                ),
                link=UNLOCK_HELP_SITE,
            ),
            Step(
                "ur-contact",
                _l(
                    "Or write to Xiaomi Indonesia: e-mail service.id@xiaomi.com, free call "
                    "0800-1-401558 (09:00–18:00), or chat on mi.com/id. These contacts date from "
                    "2018: check them on mi.co.id before use."
                ),
            ),
            Step(
                "ur-service-centre",
                _l(
                    "Or take the phone, the box, the invoice and your ID card to a Mi service "
                    "centre."
                ),
            ),
            Step(
                "ur-wait-reply",
                _l(
                    "Wait for the answer and check your e-mail every day. Reply with the same "
                    "details each time."
                ),
                waits=True,
            ),
            Step(
                "ur-after-unlock",
                _l("When Xiaomi confirms the unlock, restart the phone and set it up."),
            ),
        ),
    ),
    Method(
        id="factory-reset",
        title=_l("Factory reset from Mi-Recovery"),
        summary=_l(
            "Erases the phone. It does not remove a Mi account lock: it only helps when Find "
            "Device was off."
        ),
        warnings=(
            _l(
                "A factory reset does not remove the Mi account lock. If Find Device was on, the "
                "phone shows “This device is locked” after the reset and asks for the same Mi "
                "account password. Flashing a new ROM does not remove it either."
            ),
            _l(
                "A reset deletes everything on the phone. If you forgot the password, it can make "
                "things worse: reset the password first."
            ),
            _l(
                "Google's Factory Reset Protection may also ask for the Google account that was "
                "on the phone. After a Google password change, wait about 24 hours."
            ),
        ),
        intro=(
            _l(
                "A reset leaves a clean phone only when Find Device was off. Even then the Mi "
                "account and its cloud data still exist."
            ),
        ),
        steps=(
            Step("fr-charge", _l("Charge the phone to at least half, then switch it off.")),
            Step(
                "fr-keys",
                _l(
                    "Hold Power and Volume Up together. When the Mi logo appears, release Power "
                    "but keep holding Volume Up until the recovery menu opens."
                ),
            ),
            Step(
                "fr-language",
                _l(
                    "Choose English. In this menu the volume keys move, the Power key selects, and "
                    "touch does not work."
                ),
            ),
            Step(
                "fr-wipe",
                _l(
                    "Choose Wipe Data, then Wipe All Data, then Confirm. Older versions call it "
                    "Wipe & Reset; labels differ a little between MIUI versions."
                ),
            ),
            Step("fr-wait-wipe", _l("Wait until the wipe has finished.")),
            Step(
                "fr-reboot",
                _l("Choose Back to Main Menu, then Reboot, then Reboot to System."),
            ),
            Step(
                "fr-set-up",
                _l(
                    "Set the phone up. If it shows “This device is locked”, the lock is still "
                    "there: reset the password or ask Xiaomi."
                ),
            ),
        ),
    ),
    Method(
        id="unlock-tools",
        title=_l("Unlock tools and ROM flashing"),
        summary=_l(
            "Not a way in for a locked-out owner, and risky: read why before paying anyone."
        ),
        warnings=(
            _l(
                "Paid “Mi account unlock” services and tools are often scams or malware. Xiaomi "
                "does not sell unlocks."
            ),
        ),
        steps=(
            Step(
                "ut-bootloader",
                _l(
                    "Know why flashing cannot help: the bootloader is locked. Unlocking it needs a "
                    "working phone signed in to the same Mi account, Mi Unlock status in Developer "
                    "options, the Mi Unlock tool, and a waiting period (72 hours for phones made "
                    "before 2018). From the locked screen none of this is possible."
                ),
            ),
            Step(
                "ut-reflash",
                _l("A new ROM does not remove the activation lock: it is checked again at set-up."),
            ),
            Step(
                "ut-malware",
                _l(
                    "Do not install “unlock tools” from download sites: many carry malware that "
                    "steals the accounts on your computer."
                ),
            ),
            Step(
                "ut-scam",
                _l(
                    "Never pay or give remote access to someone who promises to unlock the account."
                ),
            ),
            Step(
                "ut-brick",
                _l("A wrong flash can kill the phone for good and ends the warranty."),
            ),
            Step(
                "ut-law",
                _l(
                    "Bypassing the lock of a phone that is not yours can be an offence in "
                    "Indonesia (UU ITE art. 30(3)). This is a caution, not legal advice."
                ),
            ),
        ),
    ),
    Method(
        id="prevention",
        title=_l("Keep it from happening again"),
        summary=_l("Once you are back in: a few minutes now save days later."),
        warnings=(),
        steps=(
            Step(
                "pv-bind", _l("Bind both a phone number and an e-mail address to the Mi account.")
            ),
            Step("pv-keep-current", _l("Update them whenever you change number or e-mail.")),
            Step("pv-two-step", _l("Turn on two-step verification.")),
            Step(
                "pv-password-manager",
                _l("Keep the password in a password manager, or in a notebook kept safe at home."),
            ),
            Step(
                "pv-keep-proofs", _l("Keep the box and the invoice: they prove the phone is yours.")
            ),
            Step(
                "pv-second-hand",
                _l(
                    "Buying second-hand? Check that the seller signed out of the Mi account "
                    "(Settings → Mi Account) and that the IMEI is registered at "
                    "imei.kemenperin.go.id."
                ),
                link=IMEI_CHECK_SITE,
            ),
        ),
    ),
)

SITUATIONS: tuple[Situation, ...] = (
    Situation(
        id="still-inside",
        title=_l("I can still use the phone, but I forgot the Mi account password"),
        advice=_l("Reset the password from another device. Do not reset the phone."),
        method_ids=("password-reset", "prevention"),
    ),
    Situation(
        id="device-locked",
        title=_l("After a reset, the phone says “This device is locked”"),
        advice=_l(
            "Only the Mi account password or Xiaomi can open it now. Another reset will not."
        ),
        method_ids=("password-reset", "unlock-request"),
    ),
    Situation(
        id="second-hand",
        title=_l("I bought the phone second-hand and it asks for someone else's account"),
        advice=_l(
            "Ask the seller to remove the phone from their Mi account, or to give you the box and "
            "invoice. Do not pay for unlock tools."
        ),
        method_ids=("unlock-request", "unlock-tools"),
    ),
)

FAQ: tuple[Question, ...] = (
    Question(
        "reset-removes-account",
        _l("Does a factory reset remove the Mi account?"),
        _l(
            "No, not when Find Device was on: after the reset the phone asks for the same Mi "
            "account. A reset only gives a clean phone when Find Device was off, and even then "
            "the account itself still exists."
        ),
    ),
    Question(
        "xiaomi-always-helps",
        _l("Will Xiaomi always unlock the phone?"),
        _l(
            "Not always. They decide from your proofs: the invoice, the box with the same IMEI, "
            "and your ID card. No waiting time is published."
        ),
    ),
    Question(
        "tools-safe",
        _l("Are unlock tools safe?"),
        _l("No. They cannot get past the activation screen, and many are malware or paid scams."),
    ),
    Question(
        "imei-locked",
        _l("Where do I find the IMEI when the phone is locked?"),
        _l(
            "On the box label and on the invoice. *#06# usually does not work on a locked phone, "
            "and the battery cannot be removed."
        ),
    ),
    Question(
        "google-24h",
        _l("I changed my Google password. Why can't I sign in on the phone?"),
        _l(
            "After a password change, Google blocks setting up a reset phone with that account "
            "for about 24 hours. Wait a day and try again."
        ),
    ),
    Question(
        "official",
        _l("Is this guide from Xiaomi?"),
        _l(
            "No. It is an independent guide. It never asks for your password and keeps nothing "
            "about you."
        ),
    ),
)


def method_by_id(method_id: str) -> Method | None:
    return next((method for method in METHODS if method.id == method_id), None)


def all_steps() -> list[Step]:
    return [step for method in METHODS for step in method.steps]
