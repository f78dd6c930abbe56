"""The reminder dispatcher: its own process (`flask --app app reminders run`) that sends due reminders.

A thin loop over the reminder lifecycle (reminders.py): claim what is due (a lease, and
an attempt counted), send each in a thread pool (one slow push service holds up no
other), finish each with its own outcome. An exception while preparing or sending one
reminder becomes that reminder's outcome (failed), never the end of the round.

It never stays dead: a database error, a lock held past the busy timeout or a full disk in
a round is logged and the round is tried again after a growing pause (up to
MAX_ROUND_BACKOFF seconds); outcomes not yet written are kept until they are. Each round
that completes touches the heartbeat (liveness.py), whose age `GET /healthz` reports; the
supervisor (supervisor.py) restarts a dispatcher that dies or stops beating anyway.
"""

import logging
import signal
import sqlite3
import time
import uuid
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from urllib.parse import urlsplit

import click
from flask import Blueprint, current_app

from ..core.services import service
from . import liveness, reminders
from .db import Schema, connect, database_path, transaction
from .reminders import Claimed, Outcome, Result, Retries
from .sender import UnknownStep, build_payload, current_config, send_reminder
from .store import Retention, Subscription, purge, subscription_by_id
from .vapid import VapidKeys

log = logging.getLogger("webapp.reminders")
MAX_ROUND_BACKOFF = 60.0  # seconds between rounds at most, while rounds keep failing
IN_FLIGHT = 32  # sends at once, at most

bp = Blueprint("reminders", __name__, cli_group="reminders")


def outcome_of(future: Future, reminder: Claimed) -> Result:
    """The send's result; an exception it raised is this reminder's failure, logged."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001  # one reminder's bug must not end the round
        log.exception("reminder %s: the send raised %s", reminder.id, type(error).__name__)
        return Result(Outcome.BROKEN, detail=type(error).__name__)


def host_of(subscription: Subscription | None) -> str:
    try:
        return (urlsplit(subscription.endpoint).hostname or "-") if subscription else "-"
    except ValueError:
        return "-"


class Dispatcher:
    def __init__(self, app):
        self.app = app
        self.config = {**current_config(), **{k: app.config[k] for k in (
            "REMINDER_MAX_ATTEMPTS", "REMINDER_RETRY_BASE", "REMINDER_LEASE", "DISPATCH_INTERVAL",
            "PURGE_INTERVAL",
        )}}  # fmt: skip
        self.retries = Retries(
            app.config["REMINDER_MAX_ATTEMPTS"], app.config["REMINDER_RETRY_BASE"]
        )
        self.retention = retention(app.config)
        self.next_purge = 0.0  # the first round purges
        service(Schema, app).ensure(app)
        self.key = service(VapidKeys, app).private
        self.db = connect(database_path(app))
        self.pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="push")
        self.in_flight: dict[Future, tuple] = {}
        self.unrecorded: list[tuple] = []  # sent, outcome not yet written (the database failed)
        self.failures = 0  # rounds failed in a row
        self.instance = app.instance_path
        self.stopping = False
        self.name = uuid.uuid4().hex[:8]

    def submit_due(self) -> None:
        free = IN_FLIGHT - len(self.in_flight)
        if free <= 0:
            return
        claimed = reminders.claim(
            self.db, free, self.config["REMINDER_LEASE"], self.retries.max_attempts
        )
        for reminder in claimed:
            subscription = subscription_by_id(reminder.subscription_id, self.db)
            if subscription is None:  # deleted meanwhile; its reminders went with it
                continue
            payload = self.payload(reminder, subscription)
            if isinstance(payload, Result):
                self.unrecorded.append((reminder, subscription, payload))
                continue
            future = self.pool.submit(
                send_reminder,
                subscription,
                payload,
                f"reminder-{reminder.id}",
                self.key,
                self.config,
            )
            self.in_flight[future] = (reminder, subscription)

    def payload(self, reminder: Claimed, subscription: Subscription) -> str | Result:
        """The reminder's payload, or the failure that ends it (it can never be sent)."""
        try:
            return build_payload(reminder.step, subscription.lang)
        except UnknownStep:
            return Result(Outcome.BROKEN, detail=f"unknown step {reminder.step[:40]!r}")
        except Exception as error:  # noqa: BLE001  # one reminder's bug must not end the round
            log.exception("reminder %s: no payload", reminder.id)
            return Result(Outcome.BROKEN, detail=type(error).__name__)

    def collect(self, done) -> None:
        for future in done:
            reminder, subscription = self.in_flight.pop(future)
            self.unrecorded.append((reminder, subscription, outcome_of(future, reminder)))

    def record_finished(self, timeout: float) -> None:
        if not self.in_flight:
            time.sleep(timeout)
            return
        done, _ = wait(list(self.in_flight), timeout=timeout, return_when=FIRST_COMPLETED)
        self.collect(done)
        self.record_unrecorded()

    def record_unrecorded(self) -> None:
        """Write each finished send's outcome; one the database refuses stays for the next try."""
        while self.unrecorded:
            reminder, subscription, result = self.unrecorded[0]
            reminders.finish(self.db, reminder, result, self.retries, host_of(subscription))
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
        liveness.notify_systemd("WATCHDOG=1")
        try:
            liveness.beat(self.instance)
        except OSError as error:
            log.warning("cannot touch the heartbeat in %s: %s", self.instance, error)

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
                self.collect(done)
            else:
                time.sleep(step)

    def run(self, once: bool = False) -> None:
        log.info("dispatcher %s started", self.name)
        liveness.notify_systemd("READY=1")
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
        self.collect(list(self.in_flight))
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
    return Retention(
        config["REMINDER_RETENTION"],
        config["SUBSCRIPTION_RETENTION"],
        config["UNUSED_SUBSCRIPTION_RETENTION"],
    )


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
