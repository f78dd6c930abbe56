""" "Where do I start?": a few plain questions lead to an order of methods, with reasons.

The rules live here only. The page carries the answer for every combination, so the
browser shows it offline without a copy of the rules; without JavaScript the same form
is answered by the server.
"""

from dataclasses import dataclass
from itertools import product

from flask import request
from flask_babel import lazy_gettext as _l

from ..content.guide import method_by_id
from ..i18n import language_blueprint
from ..rendering import render_page

bp = language_blueprint("triage", __name__)

# (name, question); every answer is yes or no.
QUESTIONS = (
    ("locked", _l("After a reset, does the phone say “This device is locked”?")),
    ("know_contact", _l("Do you know the phone number or e-mail bound to the Mi account?")),
    ("can_receive", _l("Can you still receive SMS or e-mail there?")),
    ("has_proof", _l("Do you have the phone's box or the purchase invoice?")),
    ("find_device_off", _l("Are you sure Find Device was turned off?")),
)
ANSWERS = {"yes": True, "no": False}

REASONS = {
    "code-reaches-you": _l("The code can reach you: this is the fastest official way."),
    "try-other-verification": _l(
        "The code no longer reaches you, but the site may offer another way to verify."
    ),
    "try-every-contact": _l(
        "Try each phone number and e-mail you have used: one of them may be the bound one."
    ),
    "have-proof": _l("If the password reset fails: your box or invoice proves the phone is yours."),
    "gather-proof": _l(
        "If the password reset fails: without box or invoice it is harder, so gather your ID "
        "card and any receipt first."
    ),
    "already-locked": _l("The phone is already locked: another reset will not help."),
    "find-device-off": _l(
        "Find Device was off, so a reset can give a clean phone, but it erases everything: "
        "only when the others fail."
    ),
    "would-lock": _l("Do not reset: if Find Device was on, the lock stays and you lose your data."),
    "not-a-way-in": _l("They cannot get past the lock, and many are scams."),
    "once-back-in": _l("Once you are back in, so that it does not happen again."),
}


@dataclass(frozen=True)
class Advice:
    method_id: str
    reason_id: str

    @property
    def key(self) -> str:
        return f"{self.method_id}:{self.reason_id}"


def recommend(answers: dict[str, bool]) -> tuple[list[Advice], list[Advice]]:
    """(methods to follow in order, methods to avoid), each with its one-line reason."""
    follow, avoid = [], []
    if answers["know_contact"] and answers["can_receive"]:
        follow.append(Advice("password-reset", "code-reaches-you"))
    elif answers["know_contact"]:
        follow.append(Advice("password-reset", "try-other-verification"))
    else:
        follow.append(Advice("password-reset", "try-every-contact"))
    follow.append(
        Advice("unlock-request", "have-proof" if answers["has_proof"] else "gather-proof")
    )
    if answers["locked"]:
        avoid.append(Advice("factory-reset", "already-locked"))
    elif answers["find_device_off"]:
        follow.append(Advice("factory-reset", "find-device-off"))
    else:
        avoid.append(Advice("factory-reset", "would-lock"))
    avoid.append(Advice("unlock-tools", "not-a-way-in"))
    follow.append(Advice("prevention", "once-back-in"))
    return follow, avoid


def answer_key(answers: dict[str, bool]) -> str:
    return "".join("y" if answers[name] else "n" for name, _ in QUESTIONS)


def recommendation_table() -> dict[str, str]:
    """Every combination of answers → "follow keys|avoid keys", for the page's script."""
    table = {}
    for values in product((True, False), repeat=len(QUESTIONS)):
        answers = dict(zip((name for name, _ in QUESTIONS), values, strict=True))
        follow, avoid = recommend(answers)
        table[answer_key(answers)] = (
            " ".join(a.key for a in follow) + "|" + " ".join(a.key for a in avoid)
        )
    return table


def every_advice() -> list[Advice]:
    seen = {}
    for row in recommendation_table().values():
        for key in row.replace("|", " ").split():
            method_id, reason_id = key.split(":")
            seen.setdefault(key, Advice(method_id, reason_id))
    return list(seen.values())


def parse_answers(args) -> tuple[dict[str, bool] | None, bool]:
    """(answers, invalid): None when the form was not sent; invalid when it was sent wrong."""
    sent = {name: args.get(name) for name, _ in QUESTIONS if name in args}
    if not sent:
        return None, False
    if len(sent) != len(QUESTIONS) or any(value not in ANSWERS for value in sent.values()):
        return None, True
    return {name: ANSWERS[value] for name, value in sent.items()}, False


@bp.get("/start")
def start():
    answers, invalid = parse_answers(request.args)
    follow, avoid = recommend(answers) if answers else ([], [])
    response = render_page(
        "start.html",
        questions=QUESTIONS,
        reasons=REASONS,
        method_by_id=method_by_id,
        table=recommendation_table(),
        pool=every_advice(),
        sent={name: request.args.get(name) for name, _ in QUESTIONS},
        follow=follow,
        avoid=avoid,
        invalid=invalid,
    )
    return response, 400 if invalid else 200
