"""The dispatcher: its own process (`flask --app app reminders run`) that sends due reminders.

Each round it claims the due reminders atomically (an UPDATE ... RETURNING inside one
write transaction), so two dispatchers never send the same reminder. A claim is a lease:
if the dispatcher dies mid-send, the reminder becomes due again when the lease ends.
Sends run in a thread pool, so one slow push service does not hold up the others.
"""

import logging
import signal
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from urllib.parse import urlsplit

import click
from flask import Blueprint, current_app

from ..core.services import service
from .db import Schema, connect, database_path, now, transaction
from .sender import Outcome, Result, build_payload, current_config, send_reminder
from .store import Retention, purge, subscription_by_id
from .vapid import VapidKeys

log = logging.getLogger("webapp.reminders")
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
            record(self.db, reminder, subscription, future.result(), self.config)

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

    def run(self, once: bool = False) -> None:
        log.info("dispatcher %s started", self.name)
        while not self.stopping:
            self.purge_when_due()
            self.submit_due()
            if once:
                while self.in_flight:
                    self.record_finished(1)
                break
            self.record_finished(self.config["DISPATCH_INTERVAL"])
        self.pool.shutdown(wait=True)
        for future, (reminder, subscription) in list(self.in_flight.items()):
            record(self.db, reminder, subscription, future.result(), self.config)
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
