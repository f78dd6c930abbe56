"""The recovery guide for a Redmi 4A with a forgotten Mi account, as data.

Written from the public sources in sources.py; docs/sources.md (in this repository) says,
claim by claim, which source supports it and what is still unconfirmed. English is the
source language; the Indonesian text lives in translations/id/LC_MESSAGES/messages.po.

The home page is split into groups: ways back in come first; what a reset does and why
unlock tools are not a way in are read, never "tried next"; prevention comes afterwards.
"""

from flask_babel import lazy_gettext as _l

from .dates import LAW_CHECKED, long_date
from .model import Group, Method, Question, Situation, Source, Step, Warning
from .sources import sources_for

SUPPORT_EMAIL = "service.id@xiaomi.com"
SUPPORT_PHONE = "0800-1-401558"
# The 2018 source's contacts, tappable; not confirmed since (see docs/sources.md).
CONTACTS_2018 = (
    ("mailto:" + SUPPORT_EMAIL, SUPPORT_EMAIL),
    ("tel:" + SUPPORT_PHONE.replace("-", ""), SUPPORT_PHONE),
)

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
        "other-cases",
        _l("When the account is not yours, and other cases"),
        _l("A second-hand phone, an account someone else set up, an heir, selling, a scam."),
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
        "for money or a photo of your KTP. A fake Xiaomi Indonesia site, mi-co.id, has been "
        "seen too."
    ),
    (
        "fake-cs",
        "fake-cs-warning",
        "official-site",
    ),
)

CLEAN_UP = _l(
    "On a borrowed phone, afterwards: do not let the browser save the password, sign out of "
    "Xiaomi and Google, delete the SMS with the code, and take your SIM card back."
)

PENADAHAN = _l(
    "Receiving stolen goods (penadahan) is an offence when the person knew, or should have "
    "suspected, that the goods came from a crime; keeping or reselling them is too. The law in "
    "force is Indonesia's national criminal code, KUHP Nasional (UU No. 1 Tahun 2023, amended by "
    "UU No. 1 Tahun 2026 tentang Penyesuaian Pidana), in force since 2 January 2026 (checked "
    "%(date)s); which of its articles applies is not confirmed. This is a caution, not legal "
    "advice.",
    date=long_date(LAW_CHECKED),
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
                    "used since you got the phone, and see where to look."
                ),
                goes_to="whose-account",
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
                    "SIM card lost or broken, but the number still active? Get a new SIM card "
                    "with the same number at your operator's outlet; bring your KTP. An expired "
                    "number (kartu mati, hangus) is different: read this first."
                ),
                goes_to="lost-number",
            ),
            Step(
                "pw-recovery-number",
                _l(
                    "If that number or address is no longer yours, choose another way to verify "
                    "if the site offers one. Only if there is none, the phone shows “This device "
                    "is locked” and the account is your own: ask Xiaomi to unlock it."
                ),
                goes_to="unlock-request",
                only_if="own-account-locked",
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
            Step("pw-clean-up", CLEAN_UP),
        ),
        following="unlock-request",
        # Only a phone locked to the person's own account is sent on to Xiaomi's unlock request.
        following_when=_l(
            "Still “This device is locked” on your own Mi account, and no code reaches you?"
        ),
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
        sources=(
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
            "google-recovery",
            "frp-any-account",
            "frp-service-centre",
        ),
        steps=(
            Step(
                "gl-which-account",
                _l(
                    "Sign in with a Google account that was on the phone before the reset. It "
                    "need not be a Gmail address: often it is the one used for the Play Store. "
                    "A new account is not accepted."
                ),
            ),
            Step(
                "gl-recover",
                _l(
                    "Forgot its password? On another phone or a computer, use Google's account "
                    "recovery to set a new one. The recovery itself may make you wait."
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
                    "If the phone also shows “This device is locked” (before or after Google's "
                    "lock: which comes first is not confirmed), that is the Mi account lock: "
                    "change the Mi account password too."
                ),
                goes_to="password-reset",
            ),
            Step(
                "gl-recovery-fails",
                _l(
                    "If Google cannot recover the account: do not reset again and do not pay for "
                    "a “bypass”. Take the phone, its box and the invoice to a service centre."
                ),
            ),
            Step("gl-clean-up", CLEAN_UP),
        ),
        following="password-reset",
    ),
    Method(
        id="unlock-request",
        group="ways-in",
        title=_l("Ask Xiaomi to unlock a phone on your own account"),
        summary=_l(
            "When the phone is locked to your own Mi account and no code reaches you any more: "
            "prove that the phone is yours."
        ),
        audience=(
            _l(
                "Only for the owner of the Mi account on the phone. Does it ask for the seller's "
                "account, or someone else's? Do not ask Xiaomi: read this instead."
            ),
            "whose-account",
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
            "official-site",
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
                    "On a locked phone *#06# may not work, and the battery cannot be removed."
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
                    "Indonesian “Bantuan membuka kunci”) to i.mi.com and fill in the request, if "
                    "the site still offers one. We found no source that says whether it costs "
                    "anything."
                ),
                link=UNLOCK_HELP_SITE,
            ),
            Step(
                "ur-contact",
                _l(
                    "Or write to Xiaomi Indonesia: the support helper writes the message for you. "
                    "The e-mail address, the free number and the chat (mi.com/id/service/online) "
                    "come from a 2018 source and are not confirmed since: check them on "
                    "mi.co.id first."
                ),
                contacts=CONTACTS_2018,
                support=True,
            ),
            Step(
                "ur-service-centre",
                _l(
                    "Or take the phone, the box, the invoice and your KTP to a Mi service centre. "
                    "Ask first whether it serves your phone and what it costs: since 2019 it "
                    "does not serve phones that were not sold officially in Indonesia."
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
        id="which-lock",
        group="ways-in",
        title=_l("Which lock is it? Compare the screen"),
        summary=_l(
            "Drawings of the three lock screens. Find the one that looks like your phone, then "
            "follow its link."
        ),
        warnings=(
            Warning(
                _l(
                    "Until you know which lock it is, do not reset the phone: it can make it worse."
                ),
                ("find-device-forum", "android-frp"),
            ),
        ),
        sources=("find-device-forum", "android-frp", "frp-any-account", "contacts-2018"),
        steps=(
            Step(
                "wl-screen-lock",
                _l(
                    "Dots to join, or number keys, on a phone that starts as usual: the screen "
                    "lock you set yourself."
                ),
                goes_to="screen-lock",
            ),
            Step(
                "wl-mi-lock",
                # Translators: “This device is locked” is the phone's own English screen text.
                _l(
                    "“This device is locked” and a box for a Mi account password, after a reset: "
                    "the Mi account lock. In Indonesian its help link reads “Bantuan membuka "
                    "kunci”; the other words may be in Indonesian too. First find out whose "
                    "account it is."
                ),
                goes_to="whose-account",
            ),
            Step(
                "wl-google",
                # Translators: “Verify your account” is the phone's own English screen text.
                _l(
                    "“Verify your account” and a box for a Google account (an e-mail address), "
                    "after a reset: Google's lock. The words may be in Indonesian: look for the "
                    "e-mail box."
                ),
                goes_to="google-lock",
            ),
            Step(
                "wl-something-else",
                _l(
                    "Something else (an error, a logo that keeps coming back): do not reset. Show "
                    "the phone, with its box and invoice, at a Mi service centre."
                ),
            ),
        ),
    ),
    Method(
        id="whose-account",
        group="ways-in",
        title=_l("Which Mi account is it, and whose?"),
        summary=_l(
            "Xiaomi unlocks a phone only for the owner of the account on it. Find the account "
            "first, then the page for whoever owns it."
        ),
        warnings=(),
        sources=("mi-sign-out", "mi-account-id", "forgot-password-flow", "unlock-documents"),
        steps=(
            Step(
                "wa-lock-screen",
                _l(
                    "Look at the locked screen: it may show part of the account's number or "
                    "e-mail, the rest hidden. No source confirms what the Redmi 4A shows."
                ),
            ),
            Step(
                "wa-old-mail",
                _l(
                    "Search your e-mail for old messages from Xiaomi: the address that got them "
                    "may be the account's."
                ),
            ),
            Step(
                "wa-other-phone",
                _l(
                    "On a Xiaomi phone that still works, Settings → Mi Account shows the account "
                    "and its ID."
                ),
            ),
            Step(
                "wa-yours",
                _l("It is your own account: change its password."),
                goes_to="password-reset",
            ),
            Step(
                "wa-seller",
                _l(
                    "It is the seller's: only the seller can release it. Never ask Xiaomi in "
                    "their name."
                ),
                goes_to="second-hand",
            ),
            Step(
                "wa-set-up",
                _l("Someone set it up for you (a shop, a child, a relative):"),
                goes_to="account-set-up",
            ),
            Step(
                "wa-died",
                _l("It belonged to someone who has died:"),
                goes_to="heir",
            ),
        ),
    ),
    Method(
        id="lost-number",
        group="ways-in",
        title=_l("The account's number is lost, broken or expired"),
        summary=_l(
            "A lost SIM card can be replaced with the same number; an expired number usually "
            "cannot, and may now belong to a stranger."
        ),
        warnings=(
            Warning(
                _l(
                    "An expired prepaid number is given to a new customer about 60 days after it "
                    "expires. That person would receive the Mi account's codes."
                ),
                ("recycled-numbers",),
            ),
        ),
        sources=(
            "recycled-numbers",
            "sim-replacement",
            "sim-outlets",
            "ioh-merger",
            "xlsmart-merger",
            "indosat-reactivation",
        ),
        steps=(
            Step(
                "ln-which",
                _l(
                    "Find out which it is. A lost or broken SIM card whose number you kept "
                    "topping up is still active. A number you stopped topping up passes its grace "
                    "period (masa tenggang) and expires (hangus): that is what “kartu mati” "
                    "usually means."
                ),
            ),
            Step(
                "ln-replace",
                _l(
                    "Still active: get a new SIM card with the same number at the operator's "
                    "outlet. Bring the KTP the number is registered to."
                ),
            ),
            Step(
                "ln-operators",
                _l(
                    "Telkomsel: GraPARI. IM3 and Tri: Indosat Ooredoo Hutchison, at its outlets. "
                    "XL and Axis: XL centres; XL, Axis and Smartfren are now one company, "
                    "XLSmart. Check the nearest outlet on the operator's own site."
                ),
            ),
            Step(
                "ln-expired",
                _l(
                    "Expired: ask the operator at once whether it can still be reactivated; some "
                    "allow it for a short time. If not, use the e-mail address or the Mi account "
                    "ID instead."
                ),
                goes_to="password-reset",
            ),
            Step(
                "ln-afterwards",
                _l(
                    "Once you are back in, bind a number you use today and an e-mail address to "
                    "the account."
                ),
            ),
        ),
    ),
    Method(
        id="google-password",
        group="ways-in",
        title=_l("Forgot the Google account's password"),
        summary=_l(
            "Recover it with Google before any reset. If Google cannot recover it, do not reset "
            "the phone."
        ),
        warnings=(
            Warning(
                _l(
                    "A reset from the recovery menu locks the phone to this Google account: know "
                    "its password first."
                ),
                ("android-frp", "frp-password-wait"),
            ),
        ),
        sources=(
            "android-frp",
            "frp-password-wait",
            "frp-72-hours",
            "google-recovery",
            "frp-any-account",
        ),
        steps=(
            Step(
                "gp-which",
                _l(
                    "Find which Google account is on the phone. On a phone that still works it "
                    "is listed among the accounts in Settings (the menu's name differs between "
                    "MIUI versions). It need not be Gmail: often it is the one used for the Play "
                    "Store."
                ),
            ),
            Step(
                "gp-recover",
                _l("On another phone or a computer, use Google's account recovery."),
                link="https://accounts.google.com/signin/recovery",
            ),
            Step(
                "gp-wait",
                _l(
                    "After a password change the phone accepts the new password only after one "
                    "to three days: wait that long before any reset."
                ),
                waits=True,
            ),
            Step(
                "gp-fails",
                _l(
                    "If Google cannot recover the account: do not reset the phone, and do not pay "
                    "anyone for a “bypass”."
                ),
            ),
            Step("gp-clean-up", CLEAN_UP),
        ),
    ),
    Method(
        id="second-hand",
        group="other-cases",
        title=_l("Bought second-hand: it asks for the seller's account"),
        summary=_l("Only the seller can release the phone from their account."),
        warnings=(
            Warning(
                _l(
                    "Do not ask Xiaomi for an unlock in the seller's name or with the seller's "
                    "papers: only the rightful owner may ask."
                ),
                ("unlock-documents",),
            ),
            Warning(
                PENADAHAN,
                ("kuhp-in-force", "kuhp-amended", "penadahan"),
            ),
        ),
        sources=(
            "imei-kemenperin",
            "kuhp-in-force",
            "kuhp-amended",
            "penadahan",
            "second-hand-xiaomi",
            "mi-sign-out",
        ),
        steps=(
            Step(
                "sh-ask-seller",
                _l("Ask the seller to release the phone: send them the message below."),
            ),
            Step(
                "sh-seller-steps",
                _l(
                    "What the seller does: type their Mi account password on the locked screen; "
                    "once the phone opens, go to Settings → Mi Account and sign out (it asks for "
                    "the password again); then remove their Google account from the phone."
                ),
            ),
            Step(
                "sh-screenshot",
                _l(
                    "Ask for a screenshot of Settings → Mi Account that shows the account signed "
                    "out, as Xiaomi Indonesia advises buyers."
                ),
            ),
            Step(
                "sh-return",
                _l(
                    "If the seller cannot or will not, the phone may be stolen: return it and ask "
                    "for your money back. Cannot reach the seller at all? Read this."
                ),
                goes_to="seller-gone",
            ),
            Step(
                "sh-check-next",
                _l(
                    "Next time, before you pay: check that the Mi account is signed out "
                    "(Settings → Mi Account) and that the IMEI is registered at "
                    "imei.kemenperin.go.id. Otherwise the account's owner can lock the phone "
                    "from afar, even without a reset."
                ),
                link=IMEI_CHECK_SITE,
            ),
        ),
        message=_l(
            "Hello, I bought your Redmi 4A. It is still locked to your Mi account (“This device "
            "is locked”). Please release it: type your Mi account password on the phone, then "
            "sign out in Settings → Mi Account and remove your Google account. Or tell me when "
            "we can meet to do it together. Thank you."
        ),
    ),
    Method(
        id="seller-gone",
        group="other-cases",
        title=_l("The seller cannot be reached"),
        summary=_l("Returning the phone is impossible, but you can still protect yourself."),
        warnings=(Warning(PENADAHAN, ("kuhp-in-force", "kuhp-amended", "penadahan")),),
        sources=("kuhp-in-force", "kuhp-amended", "penadahan", "fake-cs-warning"),
        steps=(
            Step(
                "sg-keep",
                _l("Keep the chat with the seller, the listing and the proof of payment."),
            ),
            Step(
                "sg-report-listing",
                _l("Report the listing and the seller to the marketplace or group you used."),
            ),
            Step(
                "sg-police",
                _l(
                    "If you think the phone was stolen, report it to the police with those "
                    "proofs. Reporting in good faith protects you."
                ),
            ),
            Step(
                "sg-no-resale",
                _l("Do not resell the phone, and never pay anyone for a “bypass”."),
            ),
        ),
    ),
    Method(
        id="account-set-up",
        group="other-cases",
        title=_l("An account someone else set up for you"),
        summary=_l(
            "The account belongs to the person whose number or e-mail it uses (a shop's staff, "
            "a child, a relative). Only that person can change its password or ask Xiaomi."
        ),
        warnings=(),
        sources=("unlock-documents", "mi-sign-out", "forgot-password-flow"),
        steps=(
            Step(
                "as-who",
                _l("Find out whose number or e-mail address the account uses."),
            ),
            Step(
                "as-ask",
                _l(
                    "Ask that person to change the password with their number or e-mail, then "
                    "to sign in on the phone for you, or to give you the new password."
                ),
                goes_to="password-reset",
            ),
            Step(
                "as-xiaomi",
                _l(
                    "If Xiaomi must be asked, that person asks, with their own KTP, the invoice "
                    "and the box. Is the invoice in a parent's name? Then the parent comes too."
                ),
            ),
            Step(
                "as-own-account",
                _l(
                    "Once the phone opens, sign out of that account (Settings → Mi Account) and "
                    "make your own, with your number and e-mail."
                ),
            ),
        ),
    ),
    Method(
        id="heir",
        group="other-cases",
        title=_l("The account of someone who has died"),
        summary=_l(
            "Nobody can change a dead person's password, but an heir can ask with the right papers."
        ),
        warnings=(),
        sources=("unlock-documents", "google-deceased"),
        steps=(
            Step(
                "he-papers",
                _l(
                    "Gather the death certificate, proof that you are an heir, your KTP, and the "
                    "phone's invoice and box."
                ),
            ),
            Step(
                "he-xiaomi",
                _l(
                    "We found no public process of Xiaomi's for heirs. Take the papers and the "
                    "phone to a Mi service centre and ask there."
                ),
            ),
            Step(
                "he-google",
                _l(
                    "For the Google account, Google's help has a request about a deceased user's "
                    "account: it can close it or sometimes give some of its data, never the "
                    "password."
                ),
            ),
            Step(
                "he-no-bypass",
                _l("Do not pay anyone for a “bypass”: it can kill the phone."),
            ),
        ),
    ),
    Method(
        id="selling",
        group="other-cases",
        title=_l("Selling the phone or giving it away"),
        summary=_l("Do it in this order, or the next owner gets a locked phone."),
        warnings=(
            Warning(
                _l(
                    "Never reset it from the recovery menu: that turns on Google's lock. Reset "
                    "from Settings, after signing out."
                ),
                ("android-frp",),
            ),
        ),
        sources=("mi-sign-out", "android-frp", "second-hand-xiaomi"),
        steps=(
            Step(
                "se-mi-password",
                _l("Make sure you know the Mi account password; if not, change it first."),
                goes_to="password-reset",
            ),
            Step(
                "se-backup",
                _l("Save your photos and files, and take out the SIM and microSD cards."),
            ),
            Step(
                "se-sign-out",
                _l(
                    "Sign out of the Mi account: Settings → Mi Account → Sign out. It asks for the password."
                ),
            ),
            Step(
                "se-screenshot",
                _l("Take a screenshot that shows the account signed out, for the buyer."),
            ),
            Step(
                "se-google",
                _l("Remove the Google account from the accounts in Settings."),
            ),
            Step(
                "se-reset",
                _l("Only then reset, from Settings, never from the recovery menu."),
            ),
            Step(
                "se-hand-over",
                _l("Give the box and the invoice with the phone."),
            ),
        ),
    ),
    Method(
        id="scammed",
        group="other-cases",
        title=_l("Already paid a fake CS, or sent them a code or a KTP photo"),
        summary=_l("Act now, in this order."),
        warnings=(),
        sources=("fake-cs", "fake-cs-warning", "scam-report"),
        steps=(
            Step(
                "sc-passwords",
                _l(
                    "Change the password of the Mi account, of your e-mail, and of every account "
                    "whose code you sent."
                ),
                goes_to="password-reset",
            ),
            Step(
                "sc-bank",
                _l(
                    "If you paid: call your bank at once with the proof of transfer and ask it to "
                    "block the receiving account."
                ),
            ),
            Step(
                "sc-report",
                _l(
                    "Report it to the police, and the scammer's account number at "
                    "cekrekening.id. Report the fake account on WhatsApp, Facebook or Instagram."
                ),
            ),
            Step(
                "sc-ktp",
                _l(
                    "Sent a photo of your KTP? Watch for messages about loans or accounts you "
                    "never opened, and report them at once."
                ),
            ),
        ),
    ),
    Method(
        id="screen-lock",
        group="before-reset",
        title=_l("Forgot the screen lock (pattern or PIN)"),
        summary=_l(
            "Try what erases nothing first, then get ready: a reset without both passwords can "
            "leave the phone locked to the Mi or Google account."
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
                "sl-try-first",
                _l(
                    "First try what erases nothing: after several wrong tries, older MIUI "
                    "versions offered a way to open the phone with the Mi account password. "
                    "Whether MIUI 9 or 10 on this phone offers it is not confirmed."
                ),
            ),
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
                _l(
                    "Only then, and only if you know both passwords, follow the factory reset steps."
                ),
                goes_to="factory-reset",
                only_if="both-passwords-known",
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
                    "and their tools often carry malware."
                ),
                ("fake-cs", "fake-cs-warning", "official-site"),
            ),
        ),
        sources=(
            "bootloader",
            "edl-authorized",
            "edl-test-point",
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
                    "Videos show “EDL mode” through a “test point”: the phone is opened and two "
                    "points on its board are joined, so that it can be flashed even with the "
                    "bootloader locked. It does not open the Mi lock for good: the lock is tied to "
                    "the phone on Xiaomi's servers."
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
                "ut-imei",
                _l(
                    "Paid “IMEI removal” or IMEI change is a scam: the lock stays. Whether changing "
                    "an IMEI is itself an offence in Indonesia, we could not confirm."
                ),
            ),
            Step(
                "ut-brick",
                _l("Opening the phone and a wrong flash can kill it for good."),
            ),
            Step(
                "ut-law",
                _l(
                    "Using such a tool on someone else's phone is a crime: illegal access to an "
                    "electronic system is an offence in Indonesia's national criminal code, KUHP "
                    "Nasional (UU No. 1 Tahun 2023, amended by UU No. 1 Tahun 2026 tentang "
                    "Penyesuaian Pidana), in force since 2 January 2026 (checked %(date)s). This "
                    "is a caution, not legal advice.",
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
            Step(
                "pv-two-step",
                _l(
                    "Turn on two-step verification, and if the site gives you backup codes, keep "
                    "them on paper at home."
                ),
            ),
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
                    "Selling the phone or giving it away? Do it in the right order, or the next "
                    "owner gets a locked phone."
                ),
                goes_to="selling",
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
        method_ids=("screen-lock", "password-reset", "google-password"),
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
            "That is the Mi account lock; another reset will not open it. First: whose account "
            "is it? Xiaomi unlocks only for the account's own owner."
        ),
        method_ids=(
            "whose-account",
            "password-reset",
            "unlock-request",
            "second-hand",
            "account-set-up",
            "heir",
        ),
        sources=(
            "find-device-forum",
            "find-device-after-wipe",
            "unlock-documents",
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
        method_ids=("password-reset", "lost-number"),
        sources=(
            "forgot-password-flow",
            "mi-account-id",
        ),
    ),
    Situation(
        id="second-hand",
        title=_l("It asks for someone else's account: I bought it second-hand"),
        advice=_l(
            "Only the seller can release it. If they will not, the phone may be stolen: return "
            "it. Never ask Xiaomi in the seller's name."
        ),
        method_ids=("second-hand", "seller-gone"),
        sources=("unlock-documents", "second-hand-xiaomi"),
    ),
    Situation(
        id="selling",
        title=_l("The phone works and I want to sell it or give it away"),
        advice=_l("Do it in the right order, or the next owner gets a locked phone."),
        method_ids=("selling",),
        sources=("mi-sign-out", "android-frp"),
    ),
    Situation(
        id="scammed",
        title=_l("I already paid a fake CS, or sent them a code or a photo of my KTP"),
        advice=_l("Act now: change the passwords, call your bank, report it."),
        method_ids=("scammed",),
        sources=("fake-cs", "scam-report"),
    ),
    Situation(
        id="not-sure",
        title=_l("I'm not sure"),
        advice=_l("Compare the screen with the drawings. Until you know, do not reset the phone."),
        method_ids=("which-lock",),
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
            "appear after a reset, so a reset done to get past the screen lock can bring them up."
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
            "We found no source that says whether Xiaomi's unlock request costs anything today: "
            "ask first. For history only: in September 2018, service centres charged a fee for "
            "software service on phones not sold officially in Indonesia, then dropped it about "
            "a week later; since 2019 they no longer serve such phones."
        ),
        ("service-fee-2018", "service-stopped-2019"),
    ),
    Question(
        "fake-cs",
        _l("Someone on WhatsApp or Facebook says they are Xiaomi and can unlock it. Is it real?"),
        _l(
            "Almost certainly a scam. Xiaomi's official channels never ask for a verification "
            "code, money transfers or a photo of your KTP by chat. Beware of look-alike sites: "
            "mi-co.id was a fake Xiaomi Indonesia site. Xiaomi's own addresses in this guide are "
            "mi.co.id, account.xiaomi.com and i.mi.com."
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
            "two: IMEI 1 and IMEI 2. *#06# may not work on a locked phone, and the "
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
        "which-model",
        _l("Is this really a Redmi 4A? And if it is another Redmi?"),
        _l(
            "The model is on the box label and the invoice; on a phone that still works, "
            "Settings → About phone shows it. On another Redmi the locks and the ways in are "
            "the same kind, but key presses, menus and labels may differ: follow what the phone "
            "shows, not this guide's menu names."
        ),
        ("rolex-device", "second-hand-xiaomi", "find-device-forum"),
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
