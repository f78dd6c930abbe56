""" "Where do I start?": what the phone shows, then only the questions that matter.

The rules live here only. They form a small tree: each node is the answers given so
far, and either asks the next question or gives the advice. The page carries the whole
tree, so the browser walks it offline without a copy of the rules; without JavaScript
the same form is answered by the server, one question at a time, and where no server
answers (a static host) the same tree is asked by links, one exported page per node.

Safety rules (tests check them for every path): the safe ways in come first; a reset is
never advised before the passwords are known, and only for the screen lock; unlock tools
are never advised; Xiaomi is asked to unlock a phone only when the answers establish that
it is locked to the person's own Mi account ("whose account is it?" is asked before any
unlock request or proof question); no path is sent on to a page it says to skip.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import abort, request, url_for
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


# In the order they are asked (and shown in the form).
QUESTIONS = (
    Question(
        "shows",
        _l("What does the phone show?"),
        tuple((situation.id, situation.title) for situation in SITUATIONS),
    ),
    Question(
        "whose",
        _l("Whose Mi account does the phone ask for?"),
        (
            ("mine", _l("My own")),
            ("second-hand", _l("The seller's: I bought the phone second-hand")),
            ("set-up", _l("One that someone set up for me (a shop, a relative)")),
            ("died", _l("The account of someone who has died")),
            NOT_SURE,
        ),
    ),
    Question("seller", _l("Can you reach the seller?"), YES_NO),
    Question("knows_mi", _l("Do you know the Mi account password?"), YES_NO),
    Question(
        "knows_google", _l("Do you know the password of the Google account on the phone?"), YES_NO
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

REASONS = {
    "code-reaches-you": _l("The code can reach you: this is the fastest official way."),
    "move-the-sim": _l(
        "Get the code first: move the SIM into another phone, or get a new SIM with the same "
        "number at the operator's outlet."
    ),
    "number-first": _l("Lost, broken or expired number? What you can still do, and the risk."),
    "try-every-contact": _l(
        "Try each phone number, e-mail and the Mi account ID: one of them may be the bound one."
    ),
    "look-for-contact": _l("Where to look for the account's number or e-mail."),
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
    "mi-may-follow": _l("The Mi account lock may also appear: know its password too."),
    "recover-google": _l("Recover the Google password first; if you cannot, do not reset."),
    "prepare": _l("Get ready: passwords, Find Device, what to save."),
    "reset-last": _l("Only after you are ready, and only if nothing else opened it."),
    "seller-removes": _l("Only the seller can release it; if not, return the phone."),
    "seller-gone": _l("What you can still do, and what never to do."),
    "if-no-answer": _l("If the seller does not answer."),
    "owner-asks": _l("The person whose account it is changes the password or asks Xiaomi."),
    "heir-papers": _l("What an heir needs, and where to go."),
    "find-whose": _l("Find out whose account it is before anything else."),
    "match-the-picture": _l("Compare the screen with the drawings."),
    "mi-password-either-way": _l(
        "Whatever the lock, check from another device that you know the Mi account password."
    ),
    "sell-in-order": _l("Sign out first, reset last, from Settings."),
    "act-now": _l("Change the passwords, call your bank, report it."),
    "then-find-lock": _l("Then find out which lock it is."),
    "once-back-in": _l("Once you are back in, so that it does not happen again."),
    # Why to skip something.
    "already-locked": _l("The phone is already locked: another reset will not help."),
    "works-keep-data": _l("The phone works: a reset would erase it and could lock it."),
    "not-before-passwords": _l(
        "Not before you know both passwords: a reset would lock the phone to them."
    ),
    "not-until-sure": _l("Not until you know which lock it is: a reset can make it worse."),
    "not-from-recovery": _l("Not from the recovery menu: reset from Settings, after signing out."),
    "not-locked": _l("The Mi account has not locked the phone, so Xiaomi has nothing to unlock."),
    "not-in-sellers-name": _l("Only the rightful owner may ask, never in the seller's name."),
    "owner-asks-xiaomi": _l("Only the account's owner may ask Xiaomi, with their own papers."),
    "own-account-only": _l("This request is for your own account; an heir asks in person."),
    "not-until-own": _l("Only for your own account: first find out whose it is."),
    "not-a-way-in": _l("There is no safe or legal tool, and many sellers are scammers."),
}

# The reasons an unlock request is followed (never skipped) with.
PROOF_REASONS = ("have-proof", "gather-proof", "look-for-proof")

# The cases in which a page's conditional link (Step.only_if, Method.following_when) applies.
CONDITIONS = {
    "own-account-locked": lambda a: a.get("shows") == "device-locked" and a.get("whose") == "mine",
    "both-passwords-known": lambda a: a.get("knows_mi") == "yes" and a.get("knows_google") == "yes",
}


@dataclass(frozen=True)
class Advice:
    target: str  # a method id
    reason_id: str

    @property
    def key(self) -> str:
        return f"{self.target}:{self.reason_id}"

    @property
    def writes_to_xiaomi(self) -> bool:
        """Followed to Xiaomi's unlock request: the support helper writes the message."""
        return self.target == "unlock-request" and self.reason_id in PROOF_REASONS


def questions_for(answers: dict[str, str]) -> list[str]:
    """The questions that matter for the answers given so far, in the order they are asked."""
    shows = answers.get("shows")
    whose = answers.get("whose")
    wanted = ["shows"]
    if shows == "device-locked":
        wanted.append("whose")  # before anything that leads to Xiaomi
    if shows == "second-hand" or whose == "second-hand":
        wanted.append("seller")
    if shows == "screen-lock":
        wanted += ["knows_mi", "knows_google"]
    mi_unknown = answers.get("knows_mi") in ("no", "not-sure")
    own_locked = shows == "device-locked" and whose == "mine"
    if own_locked or shows == "still-inside" or (shows == "screen-lock" and mi_unknown):
        wanted.append("know_contact")
        if answers.get("know_contact") == "yes":
            wanted.append("can_receive")
    # Proof matters only for Xiaomi's unlock request: only for one's own locked phone, and
    # not when the code still arrives.
    if own_locked and answers.get("can_receive") != "yes":
        wanted.append("has_proof")
    return wanted


def next_question(answers: dict[str, str]) -> str | None:
    """The name of the next question that matters, or None when the advice can be given."""
    return next((name for name in questions_for(answers) if name not in answers), None)


def password_reset_advice(answers: dict[str, str]) -> list[Advice]:
    if answers["know_contact"] != "yes":
        return [
            Advice("whose-account", "look-for-contact"),
            Advice("password-reset", "try-every-contact"),
        ]
    if answers["can_receive"] == "yes":
        return [Advice("password-reset", "code-reaches-you")]
    return [Advice("lost-number", "number-first"), Advice("password-reset", "move-the-sim")]


def second_hand_advice(answers: dict[str, str]) -> list[Advice]:
    seller = answers["seller"]
    if seller == "yes":
        return [Advice("second-hand", "seller-removes")]
    if seller == "no":
        return [Advice("seller-gone", "seller-gone")]
    return [Advice("second-hand", "seller-removes"), Advice("seller-gone", "if-no-answer")]


def recommend(answers: dict[str, str]) -> tuple[list[Advice], list[Advice]]:
    """(what to follow in order, what to skip), each with its one-line reason."""
    shows = answers["shows"]
    tools = Advice("unlock-tools", "not-a-way-in")
    afterwards = Advice("prevention", "once-back-in")
    locked = Advice("factory-reset", "already-locked")
    if shows == "second-hand" or answers.get("whose") == "second-hand":
        not_for_buyers = Advice("unlock-request", "not-in-sellers-name")
        return second_hand_advice(answers), [not_for_buyers, locked, tools]
    if shows == "device-locked":
        whose = answers["whose"]
        if whose == "set-up":
            follow = [Advice("account-set-up", "owner-asks")]
            return follow, [Advice("unlock-request", "owner-asks-xiaomi"), locked, tools]
        if whose == "died":
            return [Advice("heir", "heir-papers")], [
                Advice("unlock-request", "own-account-only"),
                locked,
                tools,
            ]
        if whose == "not-sure":
            follow = [Advice("whose-account", "find-whose")]
            return follow, [Advice("unlock-request", "not-until-own"), locked, tools]
        # The person's own account: the only path to Xiaomi's unlock request.
        proof = {"yes": "have-proof", "no": "gather-proof"}.get(answers.get("has_proof"))
        follow = [
            *password_reset_advice(answers),
            Advice("unlock-request", proof or "look-for-proof"),
            afterwards,
        ]
        return follow, [locked, tools]
    if shows == "google-verify":
        follow = [
            Advice("google-lock", "google-account"),
            Advice("password-reset", "mi-may-follow"),
            afterwards,
        ]
        return follow, [locked, tools]
    not_locked = Advice("unlock-request", "not-locked")
    if shows == "still-inside":
        follow = [*password_reset_advice(answers), afterwards]
        return follow, [Advice("factory-reset", "works-keep-data"), not_locked, tools]
    if shows == "screen-lock":
        knows_mi = answers["knows_mi"] == "yes"
        knows_google = answers["knows_google"] == "yes"
        follow = [] if knows_mi else password_reset_advice(answers)
        if not knows_google:
            follow.append(Advice("google-password", "recover-google"))
        follow.append(Advice("screen-lock", "prepare"))
        if knows_mi and knows_google:
            follow += [Advice("factory-reset", "reset-last"), afterwards]
            return follow, [not_locked, tools]
        follow.append(afterwards)
        return follow, [Advice("factory-reset", "not-before-passwords"), not_locked, tools]
    if shows == "selling":
        follow = [Advice("selling", "sell-in-order")]
        return follow, [Advice("factory-reset", "not-from-recovery"), not_locked, tools]
    if shows == "scammed":
        follow = [Advice("scammed", "act-now"), Advice("which-lock", "then-find-lock")]
        return follow, [Advice("factory-reset", "not-until-sure"), tools]
    # Not sure which lock it is: the drawings, never a loop back to the same question.
    follow = [
        Advice("which-lock", "match-the-picture"),
        Advice("password-reset", "mi-password-either-way"),
    ]
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
    """(href, title) of the method an advice points to."""
    return url_for("guide.method", method_id=advice.target), method_by_id(advice.target).title


@bp.get("/start")
def start():
    return triage_page()


@bp.get("/answer")
def answer():
    """Where the form sends its answers without JavaScript (with JavaScript the page answers
    itself). With no answers at all, this URL asks again by links (below): that is what a
    static host without the app serves here, since it ignores the query (the export saves
    this URL's answer as a file)."""
    if not request.args:
        return by_links({}, [])
    return triage_page()


@bp.get("/answers/<path:path>/")
def answered_by_links(path: str):
    """The same questions by links, one page per node of the tree, each answer a URL of
    its own (`screen-lock/yes/no/`): pages the export saves, so that a person without
    JavaScript gets the advice on any static host. Each is a folder's index.html there (a
    node's page and its children's folder never share a name, which some hosts mishandle).
    Only a path through the tree exists."""
    answers, asked = {}, []
    for value in path.split("/"):
        name = next_question(answers)
        if name is None or value not in QUESTION_BY_NAME[name].values:
            abort(404)
        answers[name] = value
        asked.append(name)
    return by_links(answers, asked)


def by_links(answers: dict[str, str], asked: list[str]):
    pending = next_question(answers)
    follow, avoid = ([], []) if pending else recommend(answers)
    here = path_key(answers, asked)
    return render_page(
        "triage/by_links.html",
        answered=[
            (QUESTION_BY_NAME[name].text, dict(QUESTION_BY_NAME[name].options)[answers[name]])
            for name in asked
        ],
        question=QUESTION_BY_NAME[pending] if pending else None,
        next_path=lambda value: f"{here}/{value}" if here else value,
        reasons=REASONS,
        advice_link=advice_link,
        follow=follow,
        avoid=avoid,
    )


def triage_page():
    answers, asked, invalid = read_answers(request.args)
    pending = next_question(answers)
    # The question the page showed last time was sent back unanswered: say so there.
    unanswered = pending is not None and request.args.get("shown") == pending
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
        unanswered=unanswered,
        # The other language's link keeps the answers given so far.
        language_query=urlencode(answers),
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
