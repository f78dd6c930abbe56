"""Reading and writing subscriptions and reminders; each change is one transaction."""

import hashlib
import hmac
import re
import secrets
import sqlite3
from dataclasses import dataclass

from . import reminders
from .db import get_db, now, remember_subscriptions_were_stored, transaction


@dataclass(frozen=True)
class Subscription:
    id: int
    endpoint: str
    p256dh: str
    auth: str
    lang: str


class TooManySubscriptions(Exception):
    """The global cap on subscriptions is reached."""


class EndpointTaken(Exception):
    """Another subscription already holds this push endpoint."""


class UnknownSubscription(Exception):
    """No subscription has this key: it was deleted, or never existed."""


class WrongKey(Exception):
    """The key is missing, malformed, or its secret does not match."""


# A subscription's key: "<selector>.<secret>". The selector finds the row; the secret
# (256 bits) proves the caller received the key, and only its SHA-256 is stored.
SELECTOR_BYTES, SECRET_BYTES = 9, 32
KEY_FORMAT = re.compile(r"^([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def _new_key() -> tuple[str, str, str]:
    """(the key to hand out once, its selector, the digest of its secret)."""
    selector = secrets.token_urlsafe(SELECTOR_BYTES)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    return f"{selector}.{secret}", selector, _digest(secret)


def _subscription(row: sqlite3.Row | None) -> Subscription | None:
    if row is None:
        return None
    return Subscription(row["id"], row["endpoint"], row["p256dh"], row["auth"], row["lang"])


def authenticate(key: str) -> Subscription:
    """The subscription this key opens; WrongKey or UnknownSubscription otherwise."""
    match = KEY_FORMAT.match(key)
    if not match:
        raise WrongKey
    selector, secret = match.groups()
    row = (
        get_db()
        .execute("SELECT * FROM subscriptions WHERE token_selector = ?", (selector,))
        .fetchone()
    )
    if row is None:
        raise UnknownSubscription
    if not hmac.compare_digest(row["token_hash"] or "", _digest(secret)):
        raise WrongKey
    return _subscription(row)


def subscription_by_id(subscription_id: int, db: sqlite3.Connection) -> Subscription | None:
    row = db.execute("SELECT * FROM subscriptions WHERE id = ?", (subscription_id,)).fetchone()
    return _subscription(row)


def create_subscription(
    endpoint: str, p256dh: str, auth: str, lang: str, retention: "Retention", cap: int
) -> str:
    """Store a new subscription and return its key, which is handed out this once.

    An endpoint already stored is never taken over (EndpointTaken): only the holder of
    its key may change its keys, with change_subscription. At the cap, expired data is
    purged first; still at the cap, TooManySubscriptions.
    """
    key, selector, digest = _new_key()
    db = get_db()  # the tables first, then the marker, then the row
    remember_subscriptions_were_stored()
    with transaction(db):
        if db.execute("SELECT 1 FROM subscriptions WHERE endpoint = ?", (endpoint,)).fetchone():
            raise EndpointTaken
        if _count(db) >= cap:
            purge(db, retention)
            if _count(db) >= cap and not _make_room(db):
                raise TooManySubscriptions
        moment = now()
        db.execute(
            "INSERT INTO subscriptions (endpoint, p256dh, auth, lang, created_at, token_selector, "
            "token_hash, last_active_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (endpoint, p256dh, auth, lang, moment, selector, digest, moment),
        )
    return key


def _make_room(db: sqlite3.Connection) -> bool:
    """At the cap, the subscription unused the longest with no reminder waiting goes, so
    that nobody can fill the cap and lock everyone else out; a waiting reminder is never
    given up for a newcomer. False when every subscription has one waiting."""
    return (
        db.execute(
            """
            DELETE FROM subscriptions WHERE id = (
                SELECT id FROM subscriptions
                WHERE NOT EXISTS (
                    SELECT 1 FROM reminders
                    WHERE reminders.subscription_id = subscriptions.id
                      AND reminders.state IN (?, ?)
                )
                ORDER BY COALESCE(last_active_at, created_at), id LIMIT 1
            )
            """,
            reminders.ACTIVE,
        ).rowcount
        > 0
    )


def _count(db: sqlite3.Connection) -> int:
    return db.execute("SELECT COUNT(*) FROM subscriptions").fetchone()[0]


@dataclass(frozen=True)
class Retention:
    """How long finished reminders, subscriptions with nothing pending, and subscriptions
    never used since they were stored (no reminder ever set) are kept, in seconds."""

    reminders: float
    subscriptions: float
    unused: float


def purge(db: sqlite3.Connection, retention: Retention) -> tuple[int, int]:
    """Delete what is kept no longer: reminders sent or failed more than retention.reminders
    ago; subscriptions with no pending reminder whose last activity is older than
    retention.subscriptions (their finished reminders go with them); and subscriptions
    never used since they were stored (no reminder, no change) older than
    retention.unused. Runs inside the caller's transaction when there is one. Returns
    (reminders, subscriptions) deleted."""
    moment = now()
    finished = reminders.delete_finished(db, moment - retention.reminders)
    subscriptions = db.execute(
        """
        DELETE FROM subscriptions
        WHERE COALESCE(last_active_at, created_at) < ?
          AND NOT EXISTS (
              SELECT 1 FROM reminders
              WHERE reminders.subscription_id = subscriptions.id AND reminders.state IN (?, ?)
          )
        """,
        (moment - retention.subscriptions, *reminders.ACTIVE),
    ).rowcount
    # Stored and never used: no reminder ever set (last activity is still the creation).
    subscriptions += db.execute(
        """
        DELETE FROM subscriptions
        WHERE created_at < ? AND COALESCE(last_active_at, created_at) <= created_at
          AND NOT EXISTS (SELECT 1 FROM reminders WHERE reminders.subscription_id = subscriptions.id)
        """,
        (moment - retention.unused,),
    ).rowcount
    return finished, subscriptions


def change_subscription(
    subscription: Subscription, endpoint: str, p256dh: str, auth: str, lang: str | None
) -> None:
    """New push endpoint and keys for a subscription; its reminders stay with it."""
    with transaction() as db:
        taken = db.execute(
            "SELECT 1 FROM subscriptions WHERE endpoint = ? AND id != ?",
            (endpoint, subscription.id),
        ).fetchone()
        if taken:
            raise EndpointTaken
        db.execute(
            "UPDATE subscriptions SET endpoint = ?, p256dh = ?, auth = ?, lang = ?, "
            "last_active_at = ? WHERE id = ?",
            (endpoint, p256dh, auth, lang or subscription.lang, now(), subscription.id),
        )


def delete_subscription(subscription: Subscription) -> bool:
    """Remove a subscription and, by cascade, its reminders."""
    with transaction() as db:
        deleted = db.execute("DELETE FROM subscriptions WHERE id = ?", (subscription.id,))
        return deleted.rowcount > 0
