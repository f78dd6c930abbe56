"""The SQLite database in the instance folder: push subscriptions and their reminders.

WAL mode, so the dispatcher and the web workers read and write side by side; every
change runs in one transaction; a writer holding the lock makes others wait (busy
timeout), not fail.
"""

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from flask import current_app, g

from ..core.files import private_file, private_folder, tighten
from ..core.services import provide, service

# The states are reminders.State (a test holds the two together); the lifecycle and all
# its SQL live in reminders.py.
SCHEMA = """
CREATE TABLE IF NOT EXISTS subscriptions (
    id INTEGER PRIMARY KEY,
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at REAL NOT NULL,
    token_selector TEXT,
    token_hash TEXT,
    last_active_at REAL
);
CREATE TABLE IF NOT EXISTS reminders (
    id INTEGER PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    due_at REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until REAL,
    finished_at REAL
);
CREATE INDEX IF NOT EXISTS reminders_due ON reminders (state, due_at);
CREATE INDEX IF NOT EXISTS reminders_subscription ON reminders (subscription_id, state);
"""
# Columns added after the first release: a database made before them gets them on start.
ADDED_COLUMNS = {
    "subscriptions": (
        ("token_selector", "TEXT"),  # the public half of the subscription's key
        ("token_hash", "TEXT"),  # SHA-256 of its secret half; the secret itself is never kept
        ("last_active_at", "REAL"),  # stored, changed, given a reminder, or one finished
    ),
}
INDEXES = """
CREATE UNIQUE INDEX IF NOT EXISTS subscriptions_token ON subscriptions (token_selector);
"""


def add_missing_columns(connection: sqlite3.Connection) -> None:
    for table, columns in ADDED_COLUMNS.items():
        # Names from the constants above, never from input.
        info = f"PRAGMA table_info({table})"
        present = {row[1] for row in connection.execute(info)}
        for name, kind in columns:
            if name not in present:
                connection.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


def database_path(app=None) -> Path:
    app = app or current_app
    return Path(app.config["DATABASE"] or Path(app.instance_path) / "guide.sqlite3")


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(
        path, timeout=current_app.config["DATABASE_BUSY_SECONDS"], isolation_level=None
    )
    connection.row_factory = sqlite3.Row
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


class Schema:
    """Makes sure the tables exist, once per process, on the first connection."""

    def __init__(self):
        self._lock = threading.Lock()
        self.ready = False

    def ensure(self, app) -> None:
        with self._lock:
            if not self.ready:
                init_db(app)
                self.ready = True


def get_db() -> sqlite3.Connection:
    if "db" not in g:
        service(Schema).ensure(current_app._get_current_object())
        g.db = connect(database_path())
    return g.db


def close_db(error=None) -> None:
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


@contextmanager
def transaction(connection: sqlite3.Connection | None = None):
    """One write transaction, taken at once (BEGIN IMMEDIATE): all of it lands, or none."""
    connection = connection or get_db()
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        # Some errors (a full disk, SQLITE_FULL) end the transaction themselves.
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


# Written before the first subscription is stored: from then on an empty database is a
# lost one, never a fresh start.
MARKER_NAME = "subscriptions-were-stored"
MARKER_TEXT = """Push subscriptions were stored in {database}.
While this file exists the app refuses to start on an empty database there (a lost or
truncated one): restore it from a backup. Delete this file only to start afresh on purpose.
"""


def marker_path(app=None) -> Path:
    return Path((app or current_app).instance_path) / MARKER_NAME


def remember_subscriptions_were_stored(app=None) -> None:
    """Write the marker, once; before the first subscription, so none is ever stored
    without it (a full disk stops the request here, with nothing written)."""
    marker = marker_path(app)
    if marker.exists():
        return
    try:
        descriptor = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(MARKER_TEXT.format(database=database_path(app)))


def has_tables(path: Path) -> bool:
    """Does the database exist with our tables? Opened read-only: nothing is created."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        found = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'subscriptions'"
        ).fetchone()
    finally:
        connection.close()
    return found is not None


TABLES = ("subscriptions", "reminders")


def missing_tables(path: Path) -> list[str]:
    """Our tables absent from a database that has some of them: a damaged one. None
    missing for a database with none of them yet (new) or all of them."""
    if not path.exists() or path.stat().st_size == 0:
        return []
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=10)
    try:
        present = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    missing = [table for table in TABLES if table not in present]
    return missing if len(missing) < len(TABLES) else []


def refuse_a_lost_database(app, path: Path) -> None:
    if missing := missing_tables(path):
        raise SystemExit(
            f"The database {path} is missing its table(s) {', '.join(missing)} but has the "
            "others: it is damaged. Restore it from a backup."
        )
    marker = marker_path(app)
    if marker.exists() and not has_tables(path):
        raise SystemExit(
            f"The database {path} is empty or missing its tables, but {marker} says push "
            "subscriptions were stored: restore the database from a backup (or delete "
            f"{marker.name} to start afresh on purpose)."
        )


def init_db(app) -> None:
    """Create the schema on start; a folder we cannot write stops the start with a clear
    message, and so does an empty database where subscriptions were stored before.

    A database that already holds subscriptions gets the marker now, if it has none: one
    made before the marker existed would otherwise be lost silently when truncated."""
    path = database_path(app)
    try:
        refuse_a_lost_database(app, path)
        private_folder(path.parent)
        private_file(path)  # mode 600 before SQLite makes it; -wal and -shm take its mode
        with app.app_context():
            connection = connect(path)
            try:
                connection.execute("PRAGMA journal_mode = WAL")
                connection.executescript(SCHEMA)
                add_missing_columns(connection)
                connection.executescript(INDEXES)
            finally:
                connection.close()
        for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            tighten(companion)  # left readable by an older version
        if has_subscriptions(path):
            remember_subscriptions_were_stored(app)
    except (OSError, sqlite3.Error) as error:
        raise SystemExit(
            f"Cannot open the database at {path}: {error}. "
            "Check that the instance folder exists, is writable and the disk is not full."
        ) from None


def has_subscriptions(path: Path) -> bool:
    """Whether the database at path holds a push subscription; False when it has none yet."""
    if not path.exists():
        return False
    connection = sqlite3.connect(path, timeout=10)
    try:
        return connection.execute("SELECT 1 FROM subscriptions LIMIT 1").fetchone() is not None
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return False
        raise
    finally:
        connection.close()


def now() -> float:
    return time.time()


def init_app(app) -> None:
    provide(app, Schema())
    app.teardown_appcontext(close_db)
