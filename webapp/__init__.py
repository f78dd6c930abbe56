"""The offline recovery guide for locked Xiaomi phones."""

import os

from flask import Flask
from flask_compress import Compress
from werkzeug.middleware.proxy_fix import ProxyFix

from . import assets, compression, errors, i18n, offline, push, security, site, translate
from .config import Config
from .guide import bp as guide_bp
from .tools import support, triage, wipe

compress = Compress()


def create_app(test_config: dict | None = None, instance_path: str | None = None) -> Flask:
    """Build the app; INSTANCE_PATH (or instance_path) says where its local data lives."""
    app = Flask(
        __name__,
        instance_path=instance_path or os.environ.get("INSTANCE_PATH") or None,
        instance_relative_config=True,
        static_folder=None,
    )
    app.config.from_object(Config)
    if test_config:
        app.config.update(test_config)
    try:
        os.makedirs(app.instance_path, exist_ok=True)
    except OSError as error:
        raise SystemExit(
            f"Cannot create the instance folder {app.instance_path}: {error.strerror}. "
            "Set INSTANCE_PATH to a writable folder."
        ) from None

    if app.config["PROXY_FIX_HOPS"]:
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    i18n.init_app(app)
    assets.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    push.init_app(app)
    compress.init_app(app)
    # Registered after Flask-Compress, so it runs just before it (after_request runs in reverse).
    app.after_request(compression.remember_body_digest)
    app.register_blueprint(guide_bp)
    for blueprint in (triage.bp, support.bp, wipe.bp, wipe.api_bp):
        app.register_blueprint(blueprint)
    offline.init_app(app)
    site.init_app(app)
    app.register_blueprint(translate.bp)
    offline.init_precache(app)  # last: it renders every page of the finished app
    return app
