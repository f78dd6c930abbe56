"""Push reminders across the waiting days: VAPID, subscriptions, reminders, the dispatcher."""

from ..core.services import provide, service
from . import db
from .api import bp as api_bp  # noqa: F401  # re-exported for create_app
from .backup import bp as backup_bp
from .dispatcher import bp as dispatcher_bp
from .health import bp as health_bp
from .reminder_rows import bp as reminder_rows_bp
from .vapid import VapidKeys


def prepare(app) -> None:
    """Open the database and load (or make) the key now, so a problem stops the start."""
    service(db.Schema, app).ensure(app)
    _ = service(VapidKeys, app).private


def init_app(app) -> None:
    """The database, the key and the dispatcher command; the API blueprint, api_bp, is
    nested under the app's one API blueprint (core/api.py) by create_app."""
    db.init_app(app)
    provide(app, VapidKeys(app))
    app.register_blueprint(dispatcher_bp)
    app.register_blueprint(health_bp)  # GET /healthz
    app.register_blueprint(reminder_rows_bp)  # the method page's reminder rows
    app.register_blueprint(backup_bp)  # flask db backup PATH
