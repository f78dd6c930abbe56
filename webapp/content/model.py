"""The shapes the guide's content comes in.

Ids are stable: they never depend on language or position, so progress saved
on a phone by step id survives edits to the text and the order.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    id: str
    text: str
    link: str | None = None  # an official address the step sends the person to
    waits: bool = False  # the person waits after this step (reminders attach here)


@dataclass(frozen=True)
class Method:
    id: str
    title: str
    summary: str
    warnings: tuple[str, ...]
    steps: tuple[Step, ...]
    intro: tuple[str, ...] = ()
    after: tuple[str, ...] = ()


@dataclass(frozen=True)
class Situation:
    id: str
    title: str
    advice: str
    method_ids: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    answer: str
