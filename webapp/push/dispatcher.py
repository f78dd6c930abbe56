"""The dispatcher: its own process (`flask --app app reminders run`) that sends due reminders.

Each round it claims the due reminders atomically (an UPDATE ... RETURNING inside one
write transaction), so two dispatchers never send the same reminder. A claim is a lease:
if the dispatcher dies mid-send, the reminder becomes due again when the lease ends.
Sends run in a thread pool, so one slow push service does not hold up the others.

It never stays dead: a database error, a lock held past the busy timeout or a full disk in
a round is logged and the round is tried again after a growing pause (up to
MAX_ROUND_BACKOFF seconds); outcomes not yet written are kept until they are. Each round
that completes touches the heartbeat file, whose age `GET /healthz` reports; gunicorn's
arbiter restarts a dispatcher that dies anyway (gunicorn.conf.py).
"""

import logging
import os
import signal
import sqlite3
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from urllib.parse import urlsplit

import click
from flask import Blueprint, current_app

from ..core.files import private_file
from ..core.services import service
from .db import Schema, connect, database_path, now, transaction
from .sender import Outcome, Result, build_payload, current_config, send_reminder
from .store import Retention, purge, subscription_by_id
from .vapid import VapidKeys

log = logging.getLogger("webapp.reminders")
MAX_ROUND_BACKOFF = 60.0  # seconds between rounds at most, while rounds keep failing
HEARTBEAT_NAME = "dispatcher-heartbeat"


def heartbeat_path(app) -> Path:
    return Path(app.instance_path) / HEARTBEAT_NAME


bp = Blueprint("reminders", __name__, cli_group="reminders")


def claim_due_reminders(db, limit: int, lease_seconds: float) -> list:
    """Mark up to `limit` due reminders as being sent by us, and return them."""
    moment = now()
    with transaction(db):
        return db.execute(
            """
            UPDATE reminders SET state = 'sending', lease_until = :lease_until
            WHERE id IN (
                SELECT id FROM reminders
                WHERE (state = 'pending' AND due_at <= :now)
                   OR (state = 'sending' AND lease_until <= :now)
                ORDER BY due_at LIMIT :limit
            )
            RETURNING id, subscription_id, step, attempts
            """,
            {"now": moment, "lease_until": moment + lease_seconds, "limit": limit},
        ).fetchall()


def record(db, reminder, subscription, result: Result, config: dict) -> None:
    """Write what the push service said; every outcome is logged (the host, never the URL)."""
    host = urlsplit(subscription.endpoint).hostname if subscription else "-"
    attempts = reminder["attempts"] + 1
    with transaction(db):
        # A finished reminder is the subscription's last activity: retention counts from it.
        db.execute(
            "UPDATE subscriptions SET last_active_at = ? WHERE id = ?",
            (now(), reminder["subscription_id"]),
        )
        if result.outcome is Outcome.SENT:
            db.execute(
                "UPDATE reminders SET state = 'sent', attempts = ?, finished_at = ? WHERE id = ?",
                (attempts, now(), reminder["id"]),
            )
            log.info("reminder %s sent via %s (%s)", reminder["id"], host, result.status)
        elif result.outcome is Outcome.GONE:
            db.execute("DELETE FROM subscriptions WHERE id = ?", (reminder["subscription_id"],))
            log.info(
                "reminder %s: subscription gone at %s (%s), deleted",
                reminder["id"],
                host,
                result.status,
            )
        elif result.outcome is Outcome.RETRY and attempts < config["REMINDER_MAX_ATTEMPTS"]:
            backoff = config["REMINDER_RETRY_BASE"] * 2 ** (attempts - 1)
            delay = max(backoff, result.retry_after or 0)
            db.execute(
                "UPDATE reminders SET state = 'pending', attempts = ?, due_at = ?, lease_until = NULL "
                "WHERE id = ?",
                (attempts, now() + delay, reminder["id"]),
            )
            log.warning(
                "reminder %s: %s from %s, retry %d in %.0fs",
                reminder["id"], result.status or result.detail, host, attempts, delay,
            )  # fmt: skip
        else:
            db.execute(
                "UPDATE reminders SET state = 'failed', attempts = ?, finished_at = ? WHERE id = ?",
                (attempts, now(), reminder["id"]),
            )
            level = logging.ERROR if result.outcome is Outcome.REFUSED else logging.WARNING
            log.log(
                level,
                "reminder %s failed at %s: %s %s (attempt %d)",
                reminder["id"], host, result.status, result.detail, attempts,
            )  # fmt: skip


class Dispatcher:
    def __init__(self, app):
        self.app = app
        self.config = {**current_config(), **{k: app.config[k] for k in (
            "REMINDER_MAX_ATTEMPTS", "REMINDER_RETRY_BASE", "REMINDER_LEASE", "DISPATCH_INTERVAL",
            "PURGE_INTERVAL",
        )}}  # fmt: skip
        self.retention = retention(app.config)
        self.next_purge = 0.0  # the first round purges
        service(Schema, app).ensure(app)
        self.key = service(VapidKeys, app).private
        self.db = connect(database_path(app))
        self.pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="push")
        self.in_flight: dict[Future, tuple] = {}
        self.unrecorded: list[tuple] = []  # sent, outcome not yet written (the database failed)
        self.failures = 0  # rounds failed in a row
        self.heartbeat = heartbeat_path(app)
        self.stopping = False
        self.name = uuid.uuid4().hex[:8]

    def submit_due(self) -> None:
        free = 32 - len(self.in_flight)
        if free <= 0:
            return
        for reminder in claim_due_reminders(self.db, free, self.config["REMINDER_LEASE"]):
            subscription = subscription_by_id(reminder["subscription_id"], self.db)
            if subscription is None:  # deleted meanwhile; its reminders went with it
                continue
            with self.app.test_request_context():
                payload = build_payload(reminder["step"], subscription.lang)
            future = self.pool.submit(
                send_reminder,
                subscription,
                payload,
                f"reminder-{reminder['id']}",
                self.key,
                self.config,
            )
            self.in_flight[future] = (reminder, subscription)

    def record_finished(self, timeout: float) -> None:
        if not self.in_flight:
            time.sleep(timeout)
            return
        done, _ = wait(list(self.in_flight), timeout=timeout, return_when=FIRST_COMPLETED)
        for future in done:
            reminder, subscription = self.in_flight.pop(future)
            self.unrecorded.append((reminder, subscription, future.result()))
        self.record_unrecorded()

    def record_unrecorded(self) -> None:
        """Write each finished send's outcome; one the database refuses stays for the next try."""
        while self.unrecorded:
            reminder, subscription, result = self.unrecorded[0]
            record(self.db, reminder, subscription, result, self.config)
            self.unrecorded.pop(0)

    def purge_when_due(self) -> None:
        """Delete what is kept no longer, every PURGE_INTERVAL seconds."""
        if time.monotonic() < self.next_purge:
            return
        self.next_purge = time.monotonic() + self.config["PURGE_INTERVAL"]
        with transaction(self.db):
            reminders, subscriptions = purge(self.db, self.retention)
        if reminders or subscriptions:
            log.info(
                "retention: deleted %d finished reminders and %d idle subscriptions",
                reminders,
                subscriptions,
            )

    def round(self) -> None:
        self.record_unrecorded()
        self.purge_when_due()
        self.submit_due()

    def beat(self) -> None:
        """A round completed: the heartbeat's modification time says when (see /healthz)."""
        try:
            if not os.path.exists(self.heartbeat):
                private_file(self.heartbeat)
            os.utime(self.heartbeat)
        except OSError as error:
            log.warning("cannot touch the heartbeat %s: %s", self.heartbeat, error)

    def pause_after_failure(self, error: Exception) -> None:
        """Logged, then a pause that doubles with each failed round in a row (up to a minute);
        the process goes on. What was sent but not written is kept in `unrecorded`."""
        self.failures += 1
        pause = min(self.config["DISPATCH_INTERVAL"] * 2 ** (self.failures - 1), MAX_ROUND_BACKOFF)
        log.error(
            "dispatcher %s: round failed (%s: %s), %d in a row; next try in %.0fs",
            self.name, type(error).__name__, error, self.failures, pause,
        )  # fmt: skip
        if self.db.in_transaction:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
        self.record_finished_for(pause)

    def record_finished_for(self, seconds: float) -> None:
        """Wait `seconds` (or until stopped), collecting finished sends meanwhile."""
        deadline = time.monotonic() + seconds
        while not self.stopping and (left := deadline - time.monotonic()) > 0:
            step = min(left, 1.0)
            if self.in_flight:
                done, _ = wait(list(self.in_flight), timeout=step, return_when=FIRST_COMPLETED)
                for future in done:
                    reminder, subscription = self.in_flight.pop(future)
                    self.unrecorded.append((reminder, subscription, future.result()))
            else:
                time.sleep(step)

    def run(self, once: bool = False) -> None:
        log.info("dispatcher %s started", self.name)
        while not self.stopping:
            try:
                self.round()
                self.beat()  # claimed and handed out what was due: the round's work is done
                if once:
                    while self.in_flight:
                        self.record_finished(1)
                    self.record_unrecorded()
                    break
                self.record_finished(self.config["DISPATCH_INTERVAL"])
            except (sqlite3.Error, OSError) as error:
                if once:
                    raise
                self.pause_after_failure(error)
                continue
            if self.failures:
                log.info("dispatcher %s: rounds succeed again", self.name)
            self.failures = 0
        self.pool.shutdown(wait=True)
        for future, (reminder, subscription) in list(self.in_flight.items()):
            self.unrecorded.append((reminder, subscription, future.result()))
        self.in_flight.clear()
        try:
            self.record_unrecorded()
        except (sqlite3.Error, OSError) as error:
            # The lease runs out and another round sends them again: at least once.
            log.error(
                "dispatcher %s: %d outcomes not written: %s", self.name, len(self.unrecorded), error
            )
        self.db.close()
        log.info("dispatcher %s stopped", self.name)

    def stop(self, *_args) -> None:
        self.stopping = True


def retention(config) -> Retention:
    return Retention(config["REMINDER_RETENTION"], config["SUBSCRIPTION_RETENTION"])


@bp.cli.command("purge")
def purge_command() -> None:
    """Delete finished reminders and idle subscriptions past their retention, now."""
    app = current_app._get_current_object()
    service(Schema, app).ensure(app)
    db = connect(database_path(app))
    try:
        with transaction(db):
            reminders, subscriptions = purge(db, retention(app.config))
    finally:
        db.close()
    click.echo(f"deleted {reminders} finished reminders and {subscriptions} idle subscriptions")


@bp.cli.command("run")
@click.option("--once", is_flag=True, help="Send what is due now, then exit.")
def run_command(once: bool) -> None:
    """Send due reminders until stopped (SIGTERM or Ctrl-C)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    dispatcher = Dispatcher(current_app._get_current_object())
    signal.signal(signal.SIGTERM, dispatcher.stop)
    signal.signal(signal.SIGINT, dispatcher.stop)
    dispatcher.run(once=once)
