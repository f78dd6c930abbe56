"""GET /healthz: can the database be read, and did the dispatcher complete a round lately?

200 when both hold, 503 otherwise, with JSON saying which, for a monitor or an operator:
the database's state and its pending and overdue reminders, and the age of the
dispatcher's last completed round (the heartbeat file it touches after each).
"""

import sqlite3
import time

from flask import Blueprint, current_app, jsonify

from .db import database_path
from .dispatcher import heartbeat_path

bp = Blueprint("health", __name__)
OVERDUE_AFTER = 300  # seconds past due: a reminder this late means sending is stuck


def max_round_age(config) -> float:
    """A round lasts about DISPATCH_INTERVAL; a few missed in a row is a dead dispatcher."""
    return config["HEALTH_MAX_ROUND_AGE"] or 3 * config["DISPATCH_INTERVAL"] + 10


def database_state() -> dict:
    path = database_path()
    if not path.exists():
        return {"state": "missing"}
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            moment = time.time()
            pending, overdue = connection.execute(
                "SELECT count(*), count(CASE WHEN due_at < ? THEN 1 END) FROM reminders "
                "WHERE state IN ('pending', 'sending')",
                (moment - OVERDUE_AFTER,),
            ).fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return {"state": "error", "detail": str(error)}
    return {"state": "ok", "pending_reminders": pending, "overdue_reminders": overdue}


def dispatcher_state() -> dict:
    limit = max_round_age(current_app.config)
    try:
        age = max(0.0, time.time() - heartbeat_path(current_app).stat().st_mtime)
    except OSError:
        return {"state": "never ran", "max_round_age": limit}
    state = "ok" if age <= limit else "late"
    return {"state": state, "last_round_age": round(age, 1), "max_round_age": limit}


@bp.get("/healthz")
def healthz():
    database = database_state()
    dispatcher = dispatcher_state()
    healthy = database["state"] == "ok" and dispatcher["state"] == "ok"
    response = jsonify(
        {"status": "ok" if healthy else "failing", "database": database, "dispatcher": dispatcher}
    )
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response
