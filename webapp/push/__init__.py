"""Push reminders across the waiting days: VAPID, subscriptions, reminders, the dispatcher."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from ..core.services import provide, service
from . import db
from .api import bp as api_bp
from .dispatcher import bp as dispatcher_bp
from .vapid import VapidKeys


def prepare(app) -> None:
    """Open the database and load (or make) the key now, so a problem stops the start."""
    service(db.Schema, app).ensure(app)
    _ = service(VapidKeys, app).private


def init_app(app) -> None:
    db.init_app(app)
    provide(app, VapidKeys(app))
    # Per process: with several gunicorn workers the effective limit is a multiple of it.
    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://")
    limiter.limit(lambda: app.config["API_RATE_LIMIT"])(api_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(dispatcher_bp)
