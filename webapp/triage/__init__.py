""" "Where do I start?": what the phone shows, then only the questions that matter.

The rules live here only. They form a small tree: each node is the answers given so
far, and either asks the next question or gives the advice. The page carries the whole
tree, so the browser walks it offline without a copy of the rules; without JavaScript
the same form is answered by the server, one question at a time.

Safety rules (tests check them for every path): the safe ways in come first; a reset is
never advised before the passwords are known, and only for the screen lock; unlock tools
are never advised; Xiaomi is never asked to unlock a phone that is not locked.
"""

from dataclasses import dataclass

from flask import request, url_for
from flask_babel import lazy_gettext as _l

from ..content.guide import SITUATIONS, method_by_id, situation_sources
from ..core.features import Feature, Link, Page
from ..core.i18n import language_blueprint
from ..core.rendering import render_page

bp = language_blueprint("triage", __name__, template_folder="templates")

# Translators: an answer to each question, for someone who does not know.
NOT_SURE = ("not-sure", _l("I'm not sure"))
YES_NO = (("yes", _l("Yes")), ("no", _l("No")), NOT_SURE)


@dataclass(frozen=True)
class Question:
    name: str
    text: str
    options: tuple[tuple[str, str], ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(value for value, _ in self.options)


QUESTIONS = (
    Question(
        "shows",
        _l("What does the phone show?"),
        tuple((situation.id, situation.title) for situation in SITUATIONS),
    ),
    Question(
        "knows_passwords",
        _l("Do you know both passwords, the Mi account's and the Google account's?"),
        YES_NO,
    ),
    Question(
        "know_contact",
        _l("Do you know the phone number, e-mail or Mi account ID of the Mi account?"),
        YES_NO,
    ),
    Question(
        "can_receive",
        _l("Can you still receive SMS or e-mail there? A SIM can be moved into another phone."),
        YES_NO,
    ),
    Question("has_proof", _l("Do you have the phone's box or the purchase invoice?"), YES_NO),
)
QUESTION_BY_NAME = {question.name: question for question in QUESTIONS}

# Where advice can point besides a method: the home page's "What does the phone show?".
SCREENS = "screens"

REASONS = {
    "code-reaches-you": _l("The code can reach you: this is the fastest official way."),
    "move-the-sim": _l(
        "Get the code first: move the SIM into another phone, or get a new SIM with the same "
        "number at the operator's outlet."
    ),
    "try-every-contact": _l(
        "Try each phone number, e-mail and the Mi account ID: one of them may be the bound one."
    ),
    "have-proof": _l(
        "If the password change fails: your box or invoice proves the phone is yours."
    ),
    "gather-proof": _l(
        "If the password change fails: without box or invoice it is harder, so gather your KTP "
        "and any receipt first."
    ),
    "look-for-proof": _l(
        "If the password change fails: look for the box and the invoice (nota) first, they make "
        "your request much stronger."
    ),
    "google-account": _l("Sign in with a Google account that was on the phone, or recover it."),
    "mi-may-follow": _l(
        "After Google's lock the Mi account lock may follow: know its password too."
    ),
    "know-passwords-first": _l(
        "Before any reset, make sure you can sign in to the Mi account, or change its password."
    ),
    "prepare": _l("Get ready: passwords, Find Device, what to save."),
    "reset-last": _l("Only after you are ready: a reset is the one way past a screen lock."),
    "seller-removes": _l("Only the seller can remove their account; if not, return the phone."),
    "tell-apart": _l("Look at the screen again and find which lock it is."),
    "mi-password-either-way": _l(
        "Whatever the lock, check from another device that you know the Mi account password."
    ),
    "once-back-in": _l("Once you are back in, so that it does not happen again."),
    # Why to skip something.
    "already-locked": _l("The phone is already locked: another reset will not help."),
    "works-keep-data": _l("The phone works: a reset would erase it and could lock it."),
    "not-before-passwords": _l(
        "Not before you know both passwords: a reset would lock the phone to them."
    ),
    "not-until-sure": _l("Not until you know which lock it is: a reset can make it worse."),
    "not-locked": _l("The Mi account has not locked the phone, so Xiaomi has nothing to unlock."),
    "not-in-sellers-name": _l("Only the rightful owner may ask, never in the seller's name."),
    "not-a-way-in": _l("There is no safe or legal tool, and many sellers are scammers."),
}


@dataclass(frozen=True)
class Advice:
    target: str  # a method id, or SCREENS
    reason_id: str

    @property
    def key(self) -> str:
        return f"{self.target}:{self.reason_id}"


def questions_for(answers: dict[str, str]) -> list[str]:
    """The questions that matter for the answers given so far, in the order they are asked."""
    shows = answers.get("shows")
    wanted = ["shows"]
    if shows == "screen-lock":
        wanted.append("knows_passwords")
    passwords_unknown = answers.get("knows_passwords") in ("no", "not-sure")
    if shows in ("device-locked", "still-inside") or (shows == "screen-lock" and passwords_unknown):
        wanted.append("know_contact")
        if answers.get("know_contact") == "yes":
            wanted.append("can_receive")
    # Proof matters only for Xiaomi's unlock request, so not when the code still arrives.
    if shows == "device-locked" and answers.get("can_receive") != "yes":
        wanted.append("has_proof")
    return wanted


def next_question(answers: dict[str, str]) -> str | None:
    """The name of the next question that matters, or None when the advice can be given."""
    return next((name for name in questions_for(answers) if name not in answers), None)


def password_reset_advice(answers: dict[str, str]) -> Advice:
    if answers["know_contact"] != "yes":
        return Advice("password-reset", "try-every-contact")
    if answers["can_receive"] == "yes":
        return Advice("password-reset", "code-reaches-you")
    return Advice("password-reset", "move-the-sim")


def recommend(answers: dict[str, str]) -> tuple[list[Advice], list[Advice]]:
    """(what to follow in order, what to skip), each with its one-line reason."""
    shows = answers["shows"]
    tools = Advice("unlock-tools", "not-a-way-in")
    afterwards = Advice("prevention", "once-back-in")
    if shows == "device-locked":
        proof = {"yes": "have-proof", "no": "gather-proof"}.get(answers.get("has_proof"))
        follow = [
            password_reset_advice(answers),
            Advice("unlock-request", proof or "look-for-proof"),
            afterwards,
        ]
        return follow, [Advice("factory-reset", "already-locked"), tools]
    if shows == "google-verify":
        follow = [
            Advice("google-lock", "google-account"),
            Advice("password-reset", "mi-may-follow"),
            afterwards,
        ]
        return follow, [Advice("factory-reset", "already-locked"), tools]
    if shows == "still-inside":
        follow = [password_reset_advice(answers), afterwards]
        return follow, [
            Advice("factory-reset", "works-keep-data"),
            Advice("unlock-request", "not-locked"),
            tools,
        ]
    if shows == "screen-lock":
        if answers["knows_passwords"] == "yes":
            follow = [
                Advice("screen-lock", "prepare"),
                Advice("factory-reset", "reset-last"),
                afterwards,
            ]
            return follow, [Advice("unlock-request", "not-locked"), tools]
        follow = [
            Advice("password-reset", password_reset_advice(answers).reason_id),
            Advice("screen-lock", "prepare"),
            afterwards,
        ]
        return follow, [
            Advice("factory-reset", "not-before-passwords"),
            Advice("unlock-request", "not-locked"),
            tools,
        ]
    if shows == "second-hand":
        follow = [Advice("second-hand", "seller-removes")]
        return follow, [
            Advice("factory-reset", "already-locked"),
            Advice("unlock-request", "not-in-sellers-name"),
            tools,
        ]
    # Not sure which lock it is.
    follow = [Advice(SCREENS, "tell-apart"), Advice("password-reset", "mi-password-either-way")]
    return follow, [Advice("factory-reset", "not-until-sure"), tools]


def path_key(answers: dict[str, str], asked: list[str]) -> str:
    return "/".join(answers[name] for name in asked)


def decision_tree() -> dict[str, str]:
    """Every node of the tree: "answers/so/far" → "?question" or "follow keys|avoid keys"."""
    tree = {}

    def walk(answers: dict[str, str], asked: list[str]) -> None:
        name = next_question(answers)
        key = path_key(answers, asked)
        if name is not None:
            tree[key] = "?" + name
            for value in QUESTION_BY_NAME[name].values:
                walk({**answers, name: value}, [*asked, name])
            return
        follow, avoid = recommend(answers)
        tree[key] = " ".join(a.key for a in follow) + "|" + " ".join(a.key for a in avoid)

    walk({}, [])
    return tree


def every_path() -> list[dict[str, str]]:
    """Every complete set of answers a person can give."""
    paths = []

    def walk(answers: dict[str, str]) -> None:
        name = next_question(answers)
        if name is None:
            paths.append(answers)
            return
        for value in QUESTION_BY_NAME[name].values:
            walk({**answers, name: value})

    walk({})
    return paths


def every_advice() -> list[Advice]:
    seen = {}
    for answers in every_path():
        for advice in [*recommend(answers)[0], *recommend(answers)[1]]:
            seen.setdefault(advice.key, advice)
    return list(seen.values())


def read_answers(args) -> tuple[dict[str, str], list[str], bool]:
    """(valid answers along the path, the questions asked, whether something sent was wrong).

    Answers are read in the tree's order; one that does not belong there is ignored,
    one with a value that does not exist is an error.
    """
    answers, asked, invalid = {}, [], False
    while (name := next_question(answers)) is not None and name in args:
        value = args.get(name)
        if value not in QUESTION_BY_NAME[name].values:
            invalid = True
            break
        answers[name] = value
        asked.append(name)
    return answers, asked, invalid


def advice_link(advice: Advice) -> tuple[str, str]:
    """(href, title) of what an advice points to."""
    if advice.target == SCREENS:
        return url_for("guide.home") + "#screens", str(_l("What does the phone show?"))
    return url_for("guide.method", method_id=advice.target), method_by_id(advice.target).title


@bp.get("/start")
def start():
    answers, asked, invalid = read_answers(request.args)
    pending = next_question(answers)
    follow, avoid = ([], []) if pending else recommend(answers)
    response = render_page(
        "triage/start.html",
        questions=QUESTIONS,
        reasons=REASONS,
        advice_link=advice_link,
        tree=decision_tree(),
        pool=every_advice(),
        answers=answers,
        asked=asked,
        pending=pending if request.args else None,
        follow=follow,
        avoid=avoid,
        invalid=invalid,
        page_sources=situation_sources(),
    )
    return response, 400 if invalid else 200


feature = Feature(
    "triage",
    blueprints=(bp,),
    pages=(Page("triage.start"),),
    footer=(Link("triage.start", _l("Where do I start?"), place=30),),
)
