"""Reading and writing subscriptions and reminders; each change is one transaction."""

import sqlite3
from dataclasses import dataclass

from .db import get_db, now, transaction

ACTIVE = ("pending", "sending")


@dataclass(frozen=True)
class Subscription:
    id: int
    endpoint: str
    p256dh: str
    auth: str
    lang: str


class TooManyReminders(Exception):
    """The subscription already has the most pending reminders we keep for one."""


def _subscription(row: sqlite3.Row | None) -> Subscription | None:
    if row is None:
        return None
    return Subscription(row["id"], row["endpoint"], row["p256dh"], row["auth"], row["lang"])


def find_subscription(endpoint: str, db: sqlite3.Connection | None = None) -> Subscription | None:
    db = db or get_db()
    row = db.execute("SELECT * FROM subscriptions WHERE endpoint = ?", (endpoint,)).fetchone()
    return _subscription(row)


def subscription_by_id(subscription_id: int, db: sqlite3.Connection) -> Subscription | None:
    row = db.execute("SELECT * FROM subscriptions WHERE id = ?", (subscription_id,)).fetchone()
    return _subscription(row)


def save_subscription(endpoint: str, p256dh: str, auth: str, lang: str) -> bool:
    """Store or refresh a subscription; True when it is new."""
    with transaction() as db:
        updated = db.execute(
            "UPDATE subscriptions SET p256dh = ?, auth = ?, lang = ? WHERE endpoint = ?",
            (p256dh, auth, lang, endpoint),
        ).rowcount
        if updated:
            return False
        db.execute(
            "INSERT INTO subscriptions (endpoint, p256dh, auth, lang, created_at) VALUES (?, ?, ?, ?, ?)",
            (endpoint, p256dh, auth, lang, now()),
        )
        return True


def delete_subscription(endpoint: str, db: sqlite3.Connection | None = None) -> bool:
    """Remove a subscription and, by cascade, its reminders."""
    with transaction(db) as db:
        return db.execute("DELETE FROM subscriptions WHERE endpoint = ?", (endpoint,)).rowcount > 0


def add_reminder(
    subscription: Subscription, step: str, delay: int, limit: int
) -> tuple[int, float]:
    """(id, due_at) of a new reminder; the count and the insert happen in one transaction."""
    with transaction() as db:
        (active,) = db.execute(
            "SELECT COUNT(*) FROM reminders WHERE subscription_id = ? AND state IN (?, ?)",
            (subscription.id, *ACTIVE),
        ).fetchone()
        if active >= limit:
            raise TooManyReminders
        due_at = now() + delay
        cursor = db.execute(
            "INSERT INTO reminders (subscription_id, step, due_at) VALUES (?, ?, ?)",
            (subscription.id, step, due_at),
        )
        return cursor.lastrowid, due_at


def active_reminders(subscription: Subscription) -> list[sqlite3.Row]:
    return (
        get_db()
        .execute(
            "SELECT id, step, due_at FROM reminders WHERE subscription_id = ? AND state IN (?, ?) "
            "ORDER BY due_at, id",
            (subscription.id, *ACTIVE),
        )
        .fetchall()
    )


def delete_reminder(subscription: Subscription, reminder_id: int) -> bool:
    with transaction() as db:
        deleted = db.execute(
            "DELETE FROM reminders WHERE id = ? AND subscription_id = ?",
            (reminder_id, subscription.id),
        ).rowcount
    return deleted > 0


def subscriptions_exist(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM subscriptions LIMIT 1").fetchone() is not None
