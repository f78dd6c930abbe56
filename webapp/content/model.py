"""The shapes the guide's content comes in.

Ids are stable: they never depend on language or position, so progress saved
on a phone by step id survives edits to the text and the order.

Every claim the guide makes rests on sources: a method, a warning, a situation and
an FAQ answer each name the ids of the sources (see sources.py) they rest on.
"""

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Source:
    id: str
    title: str  # as the source titles itself, in its own language
    url: str
    checked: date  # when we last read it and found it still says what we cite


@dataclass(frozen=True)
class Warning:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    link: str | None = None  # an official address the step sends the person to
    waits: bool = False  # the person waits after this step (reminders attach here)
    goes_to: str | None = None  # the id of the method this step sends the person on to
    # The case in which goes_to applies, when not every case (see triage.CONDITIONS); the
    # step's text says it too. Triage checks that no path is sent on to what it skips.
    only_if: str | None = None
    # Tappable contacts shown under the step: (href, text), e.g. mailto: or tel: links.
    contacts: tuple[tuple[str, str], ...] = ()
    support: bool = False  # the step links to the support helper, which writes the message


@dataclass(frozen=True)
class Group:
    """A part of the home page. Only safe groups are ways in; the others are read first."""

    id: str
    title: str
    intro: str
    safe: bool


@dataclass(frozen=True)
class Method:
    id: str
    group: str
    title: str
    summary: str
    warnings: tuple[Warning, ...]
    steps: tuple[Step, ...]
    sources: tuple[str, ...]
    intro: tuple[str, ...] = ()
    following: str | None = None  # the method offered as "next", never a riskier group
    following_when: str | None = None  # the case in which "next" applies, when not every case
    # Who may use the page, said at its top, with the page for everyone else: (text, method id).
    audience: tuple[str, str] | None = None
    message: str | None = (
        None  # a ready message the person sends to someone (copy, WhatsApp, e-mail)
    )


@dataclass(frozen=True)
class Situation:
    """What the phone shows: the first fork of the guide."""

    id: str
    title: str
    advice: str
    method_ids: tuple[str, ...]
    sources: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answer: str
    sources: tuple[str, ...]
