"""A reminder's life and all the SQL that moves it: pending -> sending -> sent or failed.

Claiming a reminder leases it to one dispatcher and counts the attempt, before anything
is sent: a reminder whose send kills the dispatcher (or never ends) comes back when its
lease runs out, and once its attempts are spent it ends as failed instead of being
claimed again. Every claimed reminder is finished with an outcome of its own, so no
reminder can hold up the others.
"""

import logging
import sqlite3
from dataclasses import dataclass
from enum import Enum, StrEnum

from .db import now, transaction

log = logging.getLogger("webapp.reminders")


class State(StrEnum):
    PENDING = "pending"  # waiting for its time
    SENDING = "sending"  # claimed by a dispatcher until lease_until
    SENT = "sent"
    FAILED = "failed"


ACTIVE = (State.PENDING, State.SENDING)
FINISHED = (State.SENT, State.FAILED)
STATE_CHECK = "state IN ({})".format(", ".join(f"'{state}'" for state in State))


class Outcome(Enum):
    """What became of one send, and so of the reminder."""

    SENT = "sent"
    GONE = "gone"  # 404/410: the subscription no longer exists
    RETRY = "retry"  # 429, 5xx, timeouts, connection errors
    REFUSED = "refused"  # 400/401/403/413, a redirect, an endpoint off the allowlist: our bug
    BROKEN = "broken"  # this reminder cannot be sent at all (an unknown step, an error of ours)


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    status: int | None = None
    retry_after: float | None = None
    detail: str = ""


@dataclass(frozen=True)
class Claimed:
    id: int
    subscription_id: int
    step: str
    attempts: int  # this one included


@dataclass(frozen=True)
class Retries:
    max_attempts: int
    base: float  # seconds before the first retry; doubled for each one after


class TooManyReminders(Exception):
    """The subscription already has the most pending reminders we keep for one."""


def schedule(
    db: sqlite3.Connection, subscription_id: int, step: str, delay: int, limit: int
) -> tuple[int, float]:
    """(id, due_at) of a new pending reminder; counted and inserted in one transaction."""
    with transaction(db):
        (active,) = db.execute(
            "SELECT COUNT(*) FROM reminders WHERE subscription_id = ? AND state IN (?, ?)",
            (subscription_id, *ACTIVE),
        ).fetchone()
        if active >= limit:
            raise TooManyReminders
        moment = now()
        cursor = db.execute(
            "INSERT INTO reminders (subscription_id, step, due_at, state) VALUES (?, ?, ?, ?)",
            (subscription_id, step, moment + delay, State.PENDING.value),
        )
        db.execute(
            "UPDATE subscriptions SET last_active_at = ? WHERE id = ?", (moment, subscription_id)
        )
        return cursor.lastrowid, moment + delay


def active_of(db: sqlite3.Connection, subscription_id: int) -> list[sqlite3.Row]:
    return db.execute(
        "SELECT id, step, due_at FROM reminders WHERE subscription_id = ? AND state IN (?, ?) "
        "ORDER BY due_at, id",
        (subscription_id, *ACTIVE),
    ).fetchall()


def cancel(db: sqlite3.Connection, subscription_id: int, reminder_id: int) -> bool:
    with transaction(db):
        deleted = db.execute(
            "DELETE FROM reminders WHERE id = ? AND subscription_id = ?",
            (reminder_id, subscription_id),
        ).rowcount
    return deleted > 0


def claim(db: sqlite3.Connection, limit: int, lease: float, max_attempts: int) -> list[Claimed]:
    """Lease up to `limit` due reminders to the caller, counting an attempt for each.

    A lease that ran out means the send before it never finished (the dispatcher died or
    hung): that reminder is claimed again while it has attempts left, and fails otherwise."""
    moment = now()
    with transaction(db):
        given_up = db.execute(
            "UPDATE reminders SET state = :failed, finished_at = :now, lease_until = NULL "
            "WHERE state = :sending AND lease_until <= :now AND attempts >= :max "
            "RETURNING id, attempts",
            {"failed": State.FAILED.value, "sending": State.SENDING.value, "now": moment,
             "max": max_attempts},
        ).fetchall()  # fmt: skip
        rows = db.execute(
            """
            UPDATE reminders SET state = :sending, lease_until = :lease_until,
                                 attempts = attempts + 1
            WHERE id IN (
                SELECT id FROM reminders
                WHERE (state = :pending AND due_at <= :now)
                   OR (state = :sending AND lease_until <= :now)
                ORDER BY due_at LIMIT :limit
            )
            RETURNING id, subscription_id, step, attempts
            """,
            {"sending": State.SENDING.value, "pending": State.PENDING.value, "now": moment,
             "lease_until": moment + lease, "limit": limit},
        ).fetchall()  # fmt: skip
    for row in given_up:
        log.error(
            "reminder %s failed: its last %d sends never finished (the dispatcher died or hung)",
            row["id"], row["attempts"],
        )  # fmt: skip
    return [
        Claimed(row["id"], row["subscription_id"], row["step"], row["attempts"]) for row in rows
    ]


def finish(
    db: sqlite3.Connection, reminder: Claimed, result: Result, retries: Retries, host: str
) -> State | None:
    """Write what became of one send; the new state, or None when the subscription is gone.
    Every outcome is logged, with the push service's host, never the endpoint's URL."""
    moment = now()
    attempts = reminder.attempts
    with transaction(db):
        # A finished reminder is the subscription's last activity: retention counts from it.
        db.execute(
            "UPDATE subscriptions SET last_active_at = ? WHERE id = ?",
            (moment, reminder.subscription_id),
        )
        if result.outcome is Outcome.GONE:
            db.execute("DELETE FROM subscriptions WHERE id = ?", (reminder.subscription_id,))
            log.info(
                "reminder %s: subscription gone at %s (%s), deleted",
                reminder.id, host, result.status,
            )  # fmt: skip
            return None
        if result.outcome is Outcome.SENT:
            state, due_at = State.SENT, None
            log.info("reminder %s sent via %s (%s)", reminder.id, host, result.status)
        elif result.outcome is Outcome.RETRY and attempts < retries.max_attempts:
            delay = max(retries.base * 2 ** (attempts - 1), result.retry_after or 0)
            state, due_at = State.PENDING, moment + delay
            log.warning(
                "reminder %s: %s from %s, retry %d in %.0fs",
                reminder.id, result.status or result.detail, host, attempts, delay,
            )  # fmt: skip
        else:
            state, due_at = State.FAILED, None
            level = logging.WARNING if result.outcome is Outcome.RETRY else logging.ERROR
            log.log(
                level,
                "reminder %s failed at %s: %s %s (attempt %d)",
                reminder.id, host, result.status, result.detail, attempts,
            )  # fmt: skip
        if state is State.PENDING:
            db.execute(
                "UPDATE reminders SET state = ?, due_at = ?, lease_until = NULL WHERE id = ?",
                (state.value, due_at, reminder.id),
            )
        else:
            db.execute(
                "UPDATE reminders SET state = ?, finished_at = ?, lease_until = NULL WHERE id = ?",
                (state.value, moment, reminder.id),
            )
    return state


def delete_finished(db: sqlite3.Connection, before: float) -> int:
    """Delete reminders sent or failed before `before`; inside the caller's transaction."""
    return db.execute(
        "DELETE FROM reminders WHERE state IN (?, ?) AND finished_at < ?",
        (*FINISHED, before),
    ).rowcount


def overdue(db: sqlite3.Connection, before: float) -> tuple[int, int]:
    """(reminders not yet finished, those among them due before `before`)."""
    return db.execute(
        "SELECT count(*), count(CASE WHEN due_at < ? THEN 1 END) FROM reminders "
        "WHERE state IN (?, ?)",
        (before, *ACTIVE),
    ).fetchone()
