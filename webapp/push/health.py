"""GET /healthz: can the database be read, are reminders being sent, is the dispatcher well?

200 when all hold, 503 otherwise, for a monitor or the deploy steps. Failing means: the
database cannot be read; the dispatcher's last completed round is too old (or it never
ran); a reminder is overdue by more than a minute past its lease; or the dispatcher was
restarted more than 3 times in 10 minutes. The answer says which, and no more: it is
public through the proxy, so it carries no counts.
"""

import sqlite3
import time

from flask import Blueprint, current_app, jsonify

from . import liveness, reminders
from .db import database_path

bp = Blueprint("health", __name__)
OVERDUE_GRACE = 60  # seconds past due and past a lease: a reminder this late is stuck
RESTARTS_WINDOW, MAX_RESTARTS = 600, 3


def max_round_age(config) -> float:
    """A round lasts about DISPATCH_INTERVAL; a few missed in a row is a dead dispatcher."""
    return config["HEALTH_MAX_ROUND_AGE"] or 3 * config["DISPATCH_INTERVAL"] + 10


def overdue_before(config, moment: float) -> float:
    return moment - config["REMINDER_LEASE"] - OVERDUE_GRACE


def reminders_state() -> tuple[str, str]:
    """(the database's state, the reminders' state)."""
    path = database_path()
    if not path.exists():
        return "missing", "unknown"
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            _, overdue = reminders.overdue(
                connection, overdue_before(current_app.config, time.time())
            )
        finally:
            connection.close()
    except sqlite3.Error:
        return "error", "unknown"
    return "ok", "overdue" if overdue else "ok"


def dispatcher_state() -> str:
    instance = current_app.instance_path
    age = liveness.last_round_age(instance)
    if age is None:
        return "never ran"
    if age > max_round_age(current_app.config):
        return "late"
    if liveness.restarts_since(instance, time.time() - RESTARTS_WINDOW) > MAX_RESTARTS:
        return "restarting"
    return "ok"


@bp.get("/healthz")
def healthz():
    database, due = reminders_state()
    dispatcher = dispatcher_state()
    healthy = database == due == dispatcher == "ok"
    response = jsonify(
        {
            "status": "ok" if healthy else "failing",
            "database": {"state": database},
            "reminders": {"state": due},
            "dispatcher": {"state": dispatcher},
        }
    )
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
