"""The recovery guide for a Redmi 4A with a forgotten Mi account, as data.

Written from the facts in shared/docs/facts.md and the public sources in sources.py.
English is the source language; the Indonesian text lives in
translations/id/LC_MESSAGES/messages.po.

The home page is split into groups: ways back in come first; what a reset does and why
unlock tools are not a way in are read, never "tried next"; prevention comes afterwards.
"""

from flask_babel import lazy_gettext as _l

from .dates import CONTACTS_CHECKED, LAW_CHECKED, long_date
from .model import Group, Method, Question, Situation, Source, Step, Warning
from .sources import sources_for

ACCOUNT_SITE = "https://account.xiaomi.com/"
UNLOCK_HELP_SITE = "https://i.mi.com/"
IMEI_CHECK_SITE = "https://imei.kemenperin.go.id/"

GROUPS: tuple[Group, ...] = (
    Group(
        "ways-in",
        _l("Ways back in"),
        _l("Safe and official. Start here, and do them on another phone or a computer."),
        safe=True,
    ),
    Group(
        "before-reset",
        _l("Read before any reset"),
        _l("A reset erases the phone and does not remove a Mi or Google lock."),
        safe=False,
    ),
    Group(
        "not-a-way-in",
        _l("Why unlock tools are not a way in"),
        _l("What sellers of unlock tools do not tell you."),
        safe=False,
    ),
    Group(
        "afterwards",
        _l("Afterwards"),
        _l("Once you are back in, so that it does not happen again."),
        safe=True,
    ),
)

NEVER_GIVE_THE_CODE = Warning(
    _l(
        "Never give a verification code to anyone. Xiaomi's official channels never ask for it. "
        "Fake “CS Xiaomi” accounts on WhatsApp, Facebook and Instagram do, and they also ask "
        "for money or a photo of your KTP."
    ),
    (
        "fake-cs",
        "fake-cs-warning",
        "official-site",
    ),
)

METHODS: tuple[Method, ...] = (
    Method(
        id="password-reset",
        group="ways-in",
        # Translators: changing the account's PASSWORD, never resetting the phone (Indonesian:
        # "ganti kata sandi", never "reset").
        title=_l("Change the Mi account password"),
        summary=_l(
            "The official way back in, if a code can still reach the phone number or e-mail "
            "bound to the account."
        ),
        intro=(
            _l(
                "Do this on another phone or a computer. Many articles list “forgot password” "
                "and “recovery number” as two methods: they are one and the same flow."
            ),
        ),
        warnings=(
            Warning(
                _l("Do not reset the phone first: a reset does not remove the Mi account lock."),
                (
                    "find-device-forum",
                    "find-device-after-wipe",
                ),
            ),
            NEVER_GIVE_THE_CODE,
        ),
        sources=(
            "forgot-password-flow",
            "mi-account-id",
            "sim-replacement",
            "find-device-after-wipe",
            "fake-cs",
            "frp-password-wait",
        ),
        steps=(
            Step(
                "pw-open-site",
                _l("On another phone or a computer, open account.xiaomi.com and tap Sign in."),
                link=ACCOUNT_SITE,
            ),
            # Translators: “Forgot password?” is the site's own English label: keep it in English.
            Step("pw-forgot", _l("Tap “Forgot password?”.")),
            Step(
                "pw-enter-contact",
                _l(
                    "Type the phone number or e-mail address bound to the Mi account, or the Mi "
                    "account ID (a number). Not sure which? Try each number and address you have "
                    "used since you got the phone."
                ),
            ),
            Step(
                "pw-move-sim",
                _l(
                    "The code goes to the bound number. If its SIM card is in the locked phone, "
                    "move the SIM into any other phone to receive the SMS."
                ),
            ),
            Step(
                "pw-replace-sim",
                _l(
                    "SIM lost or dead? Get a new SIM card with the same number at your "
                    "operator's outlet (Telkomsel GraPARI, Indosat/IM3 or XL centre). Bring your "
                    "KTP."
                ),
            ),
            Step(
                "pw-recovery-number",
                _l(
                    "If that number or address is no longer yours, choose another way to verify "
                    "if the site offers one. If there is none and the phone shows “This device is "
                    "locked”, ask Xiaomi to unlock it."
                ),
                goes_to="unlock-request",
            ),
            Step(
                "pw-code",
                _l(
                    "Type in the code that arrives by SMS or e-mail. Do not tell it to anyone, "
                    "even someone who says they work for Xiaomi."
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
                    "wait one to three days: Google blocks set-up with a freshly changed password "
                    "for that long."
                ),
                waits=True,
            ),
        ),
        following="unlock-request",
        # Only a locked phone is ever sent on to Xiaomi's unlock request.
        following_when=_l("Still “This device is locked”, and no code reaches you?"),
    ),
    Method(
        id="google-lock",
        group="ways-in",
        title=_l("Google's lock: “Verify your account”"),
        summary=_l(
            "After a reset from the recovery menu, the phone asks for a Google account that was "
            "on it before."
        ),
        warnings=(
            Warning(
                _l(
                    "Another reset does not remove this lock. Only the Google account that was on "
                    "the phone opens it."
                ),
                (
                    "android-frp",
                    "frp-password-wait",
                    "frp-72-hours",
                ),
            ),
        ),
        sources=("android-frp", "frp-password-wait", "frp-72-hours", "google-recovery"),
        steps=(
            Step(
                "gl-which-account",
                _l(
                    "Sign in with a Google account (Gmail address) that was on the phone before "
                    "the reset. A new account is not accepted."
                ),
            ),
            Step(
                "gl-recover",
                _l(
                    "Forgot its password? On another phone or a computer, use Google's account "
                    "recovery to set a new one."
                ),
                link="https://accounts.google.com/signin/recovery",
            ),
            Step(
                "gl-wait",
                _l(
                    "After a password change, wait one to three days before you sign in on the "
                    "phone: Google blocks set-up with a freshly changed password for that long."
                ),
                waits=True,
            ),
            Step(
                "gl-sign-in",
                _l("Connect the phone to Wi-Fi and sign in with the account and its password."),
            ),
            Step(
                "gl-then-mi",
                _l(
                    "If the phone then shows “This device is locked”, that is the Mi account "
                    "lock: change the Mi account password next."
                ),
                goes_to="password-reset",
            ),
        ),
        following="password-reset",
    ),
    Method(
        id="unlock-request",
        group="ways-in",
        title=_l("Ask Xiaomi to unlock the phone"),
        summary=_l(
            "When you can no longer receive the code: prove that the phone is yours. The "
            "online request is free."
        ),
        warnings=(
            Warning(
                _l(
                    "Only the rightful owner can ask. Xiaomi publishes no waiting time, so nobody "
                    "can promise you one."
                ),
                ("unlock-documents",),
            ),
            NEVER_GIVE_THE_CODE,
        ),
        sources=(
            "unlock-documents",
            "contacts-2018",
            "service-fee-2018",
            "service-stopped-2019",
            "dual-sim-imei",
            "rolex-device",
        ),
        steps=(
            Step(
                "ur-find-imei",
                _l(
                    "Find the IMEI: 15 digits on the box label and on the invoice. The Redmi 4A "
                    "takes two SIM cards, so the label shows IMEI 1 and IMEI 2: write down both. "
                    "On a locked phone *#06# usually does not work, and the battery cannot be "
                    "removed. If you can still sign in at i.mi.com, Find Device shows the IMEI."
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
                    "On the “This device is locked” screen, follow the unlock help link (in "
                    "Indonesian “Bantuan membuka kunci”) to i.mi.com and fill in the request. "
                    "It costs nothing."
                ),
                link=UNLOCK_HELP_SITE,
            ),
            Step(
                "ur-contact",
                _l(
                    "Or write to Xiaomi Indonesia: e-mail service.id@xiaomi.com, free call "
                    "0800-1-401558 (09:00–18:00), or online chat on mi.co.id. These contacts come "
                    "from copies dated 2018 (checked %(date)s): confirm them on mi.co.id first.",
                    date=long_date(CONTACTS_CHECKED),
                ),
            ),
            Step(
                "ur-service-centre",
                _l(
                    "Or take the phone, the box, the invoice and your KTP to a Mi service centre. "
                    "It may charge a fee, and since late 2018 it does not serve phones that were "
                    "not sold officially in Indonesia: ask first."
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
        following="prevention",
    ),
    Method(
        id="second-hand",
        group="ways-in",
        title=_l("Bought second-hand: it asks for the seller's account"),
        summary=_l("Only the seller can remove the phone from their account."),
        warnings=(
            Warning(
                _l(
                    "Do not ask Xiaomi for an unlock in the seller's name or with the seller's "
                    "papers: only the rightful owner may ask."
                ),
                ("unlock-documents",),
            ),
            Warning(
                _l(
                    "Buying stolen goods (penadahan) is an offence in Indonesia's national "
                    "criminal code, KUHP Nasional (UU No. 1 Tahun 2023), in force since "
                    "2 January 2026 (checked %(date)s). This is a caution, not legal advice.",
                    date=long_date(LAW_CHECKED),
                ),
                ("kuhp-in-force", "kuhp-amended"),
            ),
        ),
        sources=("imei-kemenperin", "kuhp-in-force", "kuhp-amended"),
        steps=(
            Step(
                "sh-ask-seller",
                _l("Ask the seller to remove the phone from their Mi account."),
            ),
            Step(
                "sh-return",
                _l(
                    "If the seller cannot or will not, the phone may be stolen: return it and ask "
                    "for your money back."
                ),
            ),
            Step(
                "sh-check-next",
                _l(
                    "Next time, before you pay: check that the Mi account is signed out "
                    "(Settings → Mi Account) and that the IMEI is registered at "
                    "imei.kemenperin.go.id."
                ),
                link=IMEI_CHECK_SITE,
            ),
        ),
    ),
    Method(
        id="screen-lock",
        group="before-reset",
        title=_l("Forgot the screen lock (pattern or PIN)"),
        summary=_l(
            "On this phone only a reset removes it. Get ready first: a reset without the "
            "passwords is how most people end up locked out for good."
        ),
        warnings=(
            Warning(
                _l(
                    "Do not reset yet. If Find Device is on, after the reset the phone asks for "
                    "the Mi account password. After a reset from the recovery menu it also asks "
                    "for the Google account. Know both first."
                ),
                (
                    "find-device-forum",
                    "find-device-after-wipe",
                    "android-frp",
                    "frp-password-wait",
                    "frp-72-hours",
                ),
            ),
        ),
        sources=(
            "find-device-forum",
            "find-device-after-wipe",
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
        ),
        steps=(
            Step(
                "sl-mi-password",
                _l(
                    "On another phone or a computer, sign in at account.xiaomi.com. If you cannot, "
                    "change the Mi account password first."
                ),
                goes_to="password-reset",
            ),
            Step(
                "sl-google-password",
                _l(
                    "Sign in to the phone's Google account on another device too. If you change "
                    "its password, the phone accepts the new one only after one to three days."
                ),
                waits=True,
            ),
            Step(
                "sl-find-device",
                _l(
                    "Check Find Device: sign in at i.mi.com and see whether this phone is listed. "
                    "If it is, the phone will ask for this Mi account after the reset."
                ),
                link=UNLOCK_HELP_SITE,
            ),
            Step(
                "sl-note-account",
                _l(
                    "Write down the Mi account ID, the phone number or e-mail bound to it, and the "
                    "Google address, on paper."
                ),
            ),
            Step(
                "sl-backup",
                _l(
                    "Save what you can: take out the microSD card. What was already synced to your "
                    "Mi or Google account stays there; everything else on the phone is erased."
                ),
            ),
            Step(
                "sl-reset",
                _l("Only then, follow the factory reset steps."),
                goes_to="factory-reset",
            ),
        ),
    ),
    Method(
        id="factory-reset",
        group="before-reset",
        title=_l("Factory reset from Mi-Recovery"),
        summary=_l(
            "Erases the phone. It does not remove a Mi account lock or Google's lock: it only "
            "helps when you know the passwords."
        ),
        warnings=(
            Warning(
                _l(
                    "A factory reset does not remove the Mi account lock. If Find Device was on, "
                    "the phone shows “This device is locked” after the reset and asks for the "
                    "same Mi account password. Flashing a new ROM does not remove it either."
                ),
                (
                    "find-device-forum",
                    "find-device-after-wipe",
                ),
            ),
            Warning(
                _l(
                    "A reset deletes everything on the phone. If you forgot the password, it can "
                    "make things worse: change the password first."
                ),
                (
                    "find-device-forum",
                    "find-device-after-wipe",
                ),
            ),
            Warning(
                _l(
                    "A reset from the recovery menu also turns on Google's lock: the phone asks "
                    "for a Google account that was on it. A reset from Settings by the signed-in "
                    "owner does not, but with Find Device on it asks for the Mi account password "
                    "first. After a Google password change, Google blocks set-up with that "
                    "account for one to three days."
                ),
                (
                    "find-device-forum",
                    "android-frp",
                    "frp-password-wait",
                    "frp-72-hours",
                ),
            ),
        ),
        intro=(
            _l(
                "A reset leaves a clean phone only when Find Device was off. Even then the Mi "
                "account and its cloud data still exist."
            ),
        ),
        sources=(
            "find-device-forum",
            "find-device-after-wipe",
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
            "recovery-menu",
            "recovery-keys",
            "last-update",
        ),
        steps=(
            Step(
                "fr-stop",
                _l(
                    "Stop here if Find Device may be on and you do not know the Mi account "
                    "password: change the password first."
                ),
                goes_to="password-reset",
            ),
            Step(
                "fr-passwords",
                _l(
                    "Make sure you know both passwords, the Mi account's and the Google "
                    "account's: sign in with them on another device."
                ),
            ),
            Step(
                "fr-backup",
                _l(
                    "If the phone still works, back up what you can: photos and files to a "
                    "computer, a microSD card or the cloud. Write down the Mi account ID and the "
                    "bound number or e-mail."
                ),
            ),
            Step("fr-charge", _l("Charge the phone to at least 50%, then switch it off.")),
            Step(
                "fr-keys",
                _l(
                    "Hold Power and Volume Up together. When the Mi logo appears, release Power "
                    "but keep holding Volume Up until the recovery menu opens."
                ),
            ),
            Step(
                "fr-language",
                # Translators: the recovery menu offers only Chinese and English: keep "English".
                _l(
                    "Choose English. In this menu the volume keys move, the Power key selects, and "
                    "touch does not work."
                ),
            ),
            Step(
                "fr-wipe",
                # Translators: Wipe Data, Wipe All Data, Confirm and Wipe & Reset are the phone's own English menu labels: keep them in English.
                _l(
                    "Choose Wipe Data, then Wipe All Data, then Confirm. Older versions call it "
                    "Wipe & Reset; labels differ a little between MIUI versions."
                ),
            ),
            Step("fr-wait-wipe", _l("Wait until the wipe has finished.")),
            Step(
                "fr-reboot",
                # Translators: Back to Main Menu, Reboot and Reboot to System are the phone's own English menu labels: keep them in English.
                _l("Choose Back to Main Menu, then Reboot, then Reboot to System."),
            ),
            Step(
                "fr-set-up",
                _l(
                    "Set the phone up. If it shows “This device is locked”, the Mi lock is still "
                    "there; if it shows “Verify your account”, it is Google's lock. Go back to the "
                    "ways in."
                ),
            ),
        ),
    ),
    Method(
        id="unlock-tools",
        group="not-a-way-in",
        title=_l("Unlock tools and ROM flashing"),
        summary=_l(
            "There is no safe or legal tool for an owner who is locked out. Read why before "
            "paying anyone."
        ),
        warnings=(
            Warning(
                _l(
                    "People who sell “Mi account unlock” tools or services are often scammers, "
                    "and their tools often carry malware. Xiaomi's own unlock request is free."
                ),
                ("fake-cs", "fake-cs-warning", "official-site", "unlock-documents"),
            ),
        ),
        sources=(
            "bootloader",
            "fake-cs",
            "fake-cs-warning",
            "official-site",
            "kuhp-in-force",
            "kuhp-illegal-access",
            "kuhp-amended",
        ),
        steps=(
            Step(
                "ut-bootloader",
                _l(
                    "Know why flashing cannot help: the bootloader is locked. Unlocking it needs a "
                    "working phone signed in to the same Mi account, Mi Unlock status in Developer "
                    "options, the Mi Unlock tool, and a waiting time that Xiaomi has changed "
                    "often. From the locked screen none of this is possible."
                ),
            ),
            Step(
                "ut-reflash",
                _l("A new ROM does not remove the activation lock: it is checked again at set-up."),
            ),
            Step(
                "ut-relock",
                _l("A phone unlocked by such a tool can lock again after a reset or an update."),
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
                    "Never pay, give remote access, or send a code or a photo of your KTP to "
                    "someone who promises to unlock the account."
                ),
            ),
            Step(
                "ut-brick",
                _l("A wrong flash can kill the phone for good and ends the warranty."),
            ),
            Step(
                "ut-law",
                _l(
                    "Using such a tool on someone else's phone is a crime: illegal access to an "
                    "electronic system is an offence in Indonesia's national criminal code, KUHP "
                    "Nasional (UU No. 1 Tahun 2023, amended by UU No. 1 Tahun 2026), in force "
                    "since 2 January 2026 (checked %(date)s). This is a caution, not legal advice.",
                    date=long_date(LAW_CHECKED),
                ),
            ),
        ),
    ),
    Method(
        id="prevention",
        group="afterwards",
        title=_l("Keep it from happening again"),
        summary=_l("Once you are back in: a few minutes now save days later."),
        warnings=(),
        sources=("find-device-forum", "find-device-after-wipe", "imei-kemenperin"),
        steps=(
            Step(
                "pv-bind", _l("Bind both a phone number and an e-mail address to the Mi account.")
            ),
            Step("pv-keep-current", _l("Update them whenever you change number or e-mail.")),
            Step("pv-two-step", _l("Turn on two-step verification.")),
            Step(
                "pv-strong-password",
                _l(
                    "Use a strong password that you use nowhere else, not a birthday or a nickname."
                ),
            ),
            Step(
                "pv-password-manager",
                _l("Keep the password in a password manager, or in a notebook kept safe at home."),
            ),
            Step(
                "pv-sign-in-sometimes",
                _l(
                    "Sign in to the Mi account now and then, so that you still remember the "
                    "password and the details stay current."
                ),
            ),
            Step(
                "pv-keep-proofs", _l("Keep the box and the invoice: they prove the phone is yours.")
            ),
            Step(
                "pv-before-sale",
                _l(
                    "Before you sell the phone, give it away or send it for repair: sign out of "
                    "the Mi account and turn off Find Device."
                ),
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

# "What does the phone show?": the first fork, on the home page and in "Where do I start?".
SITUATIONS: tuple[Situation, ...] = (
    Situation(
        id="screen-lock",
        title=_l("It asks for the pattern, PIN or password I set on the phone"),
        advice=_l(
            "That is the screen lock. Do not reset yet: first make sure you know the Mi and "
            "Google passwords."
        ),
        method_ids=("screen-lock",),
        sources=(
            "find-device-forum",
            "find-device-after-wipe",
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
        ),
    ),
    Situation(
        id="device-locked",
        # Translators: “This device is locked” is the phone's own English screen text.
        title=_l("After a reset it says “This device is locked” and asks for a Mi account"),
        advice=_l(
            "That is the Mi account lock. Only its password or Xiaomi can open it; another reset "
            "will not."
        ),
        method_ids=("password-reset", "unlock-request"),
        sources=(
            "find-device-forum",
            "find-device-after-wipe",
        ),
    ),
    Situation(
        id="google-verify",
        # Translators: “Verify your account” is the phone's own English screen text.
        title=_l("After a reset it says “Verify your account” and asks for a Google account"),
        advice=_l("That is Google's lock. Only a Google account that was on the phone opens it."),
        method_ids=("google-lock",),
        sources=(
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
        ),
    ),
    Situation(
        id="still-inside",
        title=_l("The phone works, but I forgot the Mi account password"),
        advice=_l("Change the password from another device. Do not reset the phone."),
        method_ids=("password-reset",),
        sources=(
            "forgot-password-flow",
            "mi-account-id",
        ),
    ),
    Situation(
        id="second-hand",
        title=_l("It asks for someone else's account: I bought it second-hand"),
        advice=_l(
            "Only the seller can remove it. If they cannot, the phone may be stolen: return it."
        ),
        method_ids=("second-hand",),
        sources=("unlock-documents",),
    ),
    Situation(
        id="not-sure",
        title=_l("I'm not sure"),
        advice=_l(
            "Look at the screen: a Mi account or “This device is locked” is the Mi lock; a Google "
            "account or “Verify your account” is Google's lock; a pattern or PIN you set yourself "
            "is the screen lock. Until you know, do not reset the phone."
        ),
        method_ids=(),
        sources=(
            "find-device-forum",
            "find-device-after-wipe",
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
        ),
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
        (
            "find-device-forum",
            "find-device-after-wipe",
        ),
    ),
    Question(
        "which-lock",
        _l("Is the screen lock the same as the Mi account lock?"),
        _l(
            "No. The screen lock is the pattern or PIN of a phone that still starts. The Mi "
            "account lock (“This device is locked”) and Google's lock (“Verify your account”) "
            "appear after a reset. Most people who get the Mi lock forgot only the screen lock "
            "and reset at once."
        ),
        (
            "find-device-forum",
            "find-device-after-wipe",
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
        ),
    ),
    Question(
        "xiaomi-always-helps",
        _l("Will Xiaomi always unlock the phone?"),
        _l(
            "Not always. They decide from your proofs: the invoice, the box with the same IMEI, "
            "and your KTP. No waiting time is published."
        ),
        ("unlock-documents",),
    ),
    Question(
        "cost",
        _l("Does Xiaomi charge for an unlock?"),
        _l(
            "The online request is free. A service centre may charge a fee. In 2018 it asked "
            "Rp 120.000 for software service on phones not sold officially in Indonesia, and "
            "since late 2018 it no longer serves such phones."
        ),
        ("service-fee-2018", "service-stopped-2019", "unlock-documents"),
    ),
    Question(
        "fake-cs",
        _l("Someone on WhatsApp or Facebook says they are Xiaomi and can unlock it. Is it real?"),
        _l(
            "Almost certainly a scam. Xiaomi's official channels never ask for a verification "
            "code, money transfers or a photo of your KTP by chat. Use only the contacts on "
            "mi.co.id."
        ),
        (
            "fake-cs",
            "fake-cs-warning",
            "official-site",
        ),
    ),
    Question(
        "tools-safe",
        _l("Are unlock tools safe?"),
        _l(
            "No. There is no safe or legal tool for an owner who is locked out. Sellers are often "
            "scammers, the tools often carry malware, a phone unlocked by a tool can lock again "
            "after a reset or an update, and using one on someone else's phone is a crime."
        ),
        (
            "fake-cs",
            "fake-cs-warning",
            "official-site",
            "kuhp-in-force",
            "kuhp-illegal-access",
            "kuhp-amended",
        ),
    ),
    Question(
        "imei-locked",
        _l("Where do I find the IMEI when the phone is locked?"),
        _l(
            "On the box label and on the invoice. The Redmi 4A takes two SIM cards, so it has "
            "two: IMEI 1 and IMEI 2. *#06# usually does not work on a locked phone, and the "
            "battery cannot be removed."
        ),
        (
            "dual-sim-imei",
            "rolex-device",
        ),
    ),
    Question(
        "google-24h",
        _l("I changed my Google password. Why can't I sign in on the phone?"),
        _l(
            "After a password change, Google blocks setting up a reset phone with that account "
            "for one to three days. Wait, then try again."
        ),
        (
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
        ),
    ),
    Question(
        "late-reminder",
        _l("Why did my reminder come late, or not at all?"),
        _l(
            "MIUI stops apps working in the background to save battery. In the phone's settings, "
            "allow the browser to autostart and to run in the background."
        ),
        ("dontkillmyapp",),
    ),
)


def method_by_id(method_id: str) -> Method | None:
    return next((method for method in METHODS if method.id == method_id), None)


def group_by_id(group_id: str) -> Group:
    return next(group for group in GROUPS if group.id == group_id)


def methods_in(group_id: str) -> list[Method]:
    return [method for method in METHODS if method.group == group_id]


def situation_sources() -> list[Source]:
    """The sources behind "What does the phone show?", wherever it is asked."""
    return sources_for(*(situation.sources for situation in SITUATIONS))


def all_steps() -> list[Step]:
    return [step for method in METHODS for step in method.steps]
