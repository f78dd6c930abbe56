"""A rate limit shared by every gunicorn worker, and kept across restarts: a storage for the
`limits` library (which Flask-Limiter uses) in a small SQLite file of its own.

Flask-Limiter and `limits` do the limiting (the fixed-window strategy); this module only
keeps their counters. In memory, each worker process counted on its own, so two workers
let twice the limit through. Redis or memcached would be a server to run beside a small
app that has none; the app already depends on SQLite. The counters live in their own
file (`instance/rate-limits.sqlite3`, mode 600), not in the reminders' database: a flood
of requests never waits on a reminder being written, and losing the file loses nothing
but counts.

Client addresses are not stored: each key is an HMAC under a random salt kept in the same
file, and a counter is deleted once its window has passed.
"""

import hashlib
import hmac
import secrets
import sqlite3
import threading
import time
from pathlib import Path

from limits.storage import Storage

from .files import private_file, private_folder

SCHEMA = """
CREATE TABLE IF NOT EXISTS counters (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    expires_at REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS salt (value BLOB NOT NULL);
"""
SWEEP_EVERY = 60.0  # seconds between deletions of expired counters, per process
JOURNAL_LIMIT = 64 * 1024  # bytes


class SQLiteStorage(Storage):
    """`guide+sqlite://` with the storage option `path`: the counters' file."""

    STORAGE_SCHEME = ["guide+sqlite"]

    def __init__(
        self,
        uri: str | None = None,
        wrap_exceptions: bool = False,
        path: str = "",
        busy_seconds: float = 10,
        **options,
    ):
        if not path:
            raise ValueError("guide+sqlite:// needs the storage option path")
        self.path = Path(path)
        self.busy_seconds = float(busy_seconds)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._next_sweep = 0.0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return sqlite3.Error

    # One connection per thread, opened on first use: building the app opens nothing.
    def _connection(self) -> tuple[sqlite3.Connection, bytes]:
        opened = getattr(self._local, "opened", None)
        if opened is None:
            private_folder(self.path.parent)
            private_file(self.path)
            connection = sqlite3.connect(self.path, timeout=self.busy_seconds, isolation_level=None)
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = NORMAL")  # counts, not records
            # A small journal: checkpointed every 16 pages and cut back to 64 KB, so a burst
            # of counters never takes the disk the reminders need.
            connection.execute("PRAGMA wal_autocheckpoint = 16")
            connection.execute(f"PRAGMA journal_size_limit = {JOURNAL_LIMIT}")
            connection.executescript(SCHEMA)
            opened = (connection, self._salt(connection))
            self._local.opened = opened
        return opened

    @staticmethod
    def _salt(connection: sqlite3.Connection) -> bytes:
        connection.execute("BEGIN IMMEDIATE")
        try:
            row = connection.execute("SELECT value FROM salt").fetchone()
            if row is None:
                row = (secrets.token_bytes(32),)
                connection.execute("INSERT INTO salt (value) VALUES (?)", row)
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return row[0]

    def _key(self, key: str, salt: bytes) -> str:
        return hmac.new(salt, key.encode("utf-8"), hashlib.sha256).hexdigest()

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        connection, salt = self._connection()
        now = time.time()
        connection.execute("BEGIN IMMEDIATE")
        try:
            (count,) = connection.execute(
                """
                INSERT INTO counters (key, count, expires_at) VALUES (:key, :amount, :until)
                ON CONFLICT (key) DO UPDATE SET
                    count = CASE WHEN expires_at <= :now THEN :amount ELSE count + :amount END,
                    expires_at = CASE WHEN expires_at <= :now THEN :until ELSE expires_at END
                RETURNING count
                """,
                {"key": self._key(key, salt), "amount": amount, "now": now, "until": now + expiry},
            ).fetchone()
            if self._sweep_due(now):
                connection.execute("DELETE FROM counters WHERE expires_at <= ?", (now,))
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return count

    def _sweep_due(self, now: float) -> bool:
        with self._lock:
            if now < self._next_sweep:
                return False
            self._next_sweep = now + SWEEP_EVERY
            return True

    def get(self, key: str) -> int:
        connection, salt = self._connection()
        row = connection.execute(
            "SELECT count FROM counters WHERE key = ? AND expires_at > ?",
            (self._key(key, salt), time.time()),
        ).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        connection, salt = self._connection()
        row = connection.execute(
            "SELECT expires_at FROM counters WHERE key = ? AND expires_at > ?",
            (self._key(key, salt), time.time()),
        ).fetchone()
        return row[0] if row else time.time()

    def check(self) -> bool:
        try:
            self._connection()[0].execute("SELECT 1").fetchone()
        except sqlite3.Error:
            return False
        return True

    def reset(self) -> int | None:
        connection, _salt = self._connection()
        return connection.execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        connection, salt = self._connection()
        connection.execute("DELETE FROM counters WHERE key = ?", (self._key(key, salt),))
