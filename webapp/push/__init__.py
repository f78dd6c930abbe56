"""Push reminders across the waiting days: VAPID, subscriptions, reminders, the dispatcher."""

from ..core.features import Feature
from ..core.services import provide, service
from . import db
from .api import bp as api_bp
from .backup import bp as backup_bp
from .dispatcher import bp as dispatcher_bp
from .health import bp as health_bp
from .reminder_rows import bp as reminder_rows_bp
from .vapid import VapidKeys


def prepare(app) -> None:
    """Open the database and load (or make) the key now, so a problem stops the start."""
    service(db.Schema, app).ensure(app)
    _ = service(VapidKeys, app).private


def setup(app) -> None:
    """The database and the key."""
    db.init_app(app)
    provide(app, VapidKeys(app))


feature = Feature(
    "push",
    # `flask reminders run`, GET /healthz, `flask db backup PATH`, the method page's reminder rows
    blueprints=(dispatcher_bp, health_bp, backup_bp, reminder_rows_bp),
    api_blueprints=(api_bp,),
    setup=setup,
    prepare=prepare,
)
