"""Push reminders across the waiting days: VAPID, subscriptions, reminders, the dispatcher."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from . import db, store
from .api import bp as api_bp
from .dispatcher import bp as dispatcher_bp
from .vapid import load_key, public_key


def init_app(app) -> None:
    db.init_app(app)
    with app.app_context():
        connection = db.connect(db.database_path(app))
        try:
            has_subscriptions = store.subscriptions_exist(connection)
        finally:
            connection.close()
    key = load_key(app, has_subscriptions)
    app.extensions["vapid_key"] = key
    app.extensions["vapid_public_key"] = public_key(key)
    # Per process: with several gunicorn workers the effective limit is a multiple of it.
    limiter = Limiter(get_remote_address, app=app, storage_uri="memory://")
    limiter.limit(lambda: app.config["API_RATE_LIMIT"])(api_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(dispatcher_bp)
