"""The offline recovery guide for locked Xiaomi phones."""

import os
from pathlib import Path

from flask import Flask
from flask_compress import Compress

from . import clear, export, glossary, guide, offline, push, site, support, triage
from .core import (
    api,
    assets,
    compression,
    errors,
    features,
    hosts,
    i18n,
    rendering,
    responses,
    translate,
)
from .core.config import Config
from .core.files import open_to_others, private_folder, tighten
from .core.proxies import TrustedProxyFix

compress = Compress()

# Every feature, each declared in its own package (core/features.py). Their pages are
# listed, saved and exported in this order.
FEATURES = (
    site.feature,
    guide.feature,
    triage.feature,
    support.feature,
    glossary.feature,
    clear.feature,
    push.feature,
    offline.feature,
    export.feature,
)


def create_app(
    test_config: dict | None = None,
    instance_path: str | None = None,
    with_features: tuple[features.Feature, ...] = FEATURES,
) -> Flask:
    """Wire the app together. Reads configuration only: nothing is opened, made or rendered
    until it is first needed, or until `prepare()` does it at server start."""
    app = Flask(
        __name__,
        instance_path=instance_path or os.environ.get("INSTANCE_PATH") or None,
        instance_relative_config=True,
        static_folder=None,
        template_folder="core/templates",
    )
    app.config.from_object(Config)
    if test_config:
        app.config.update(test_config)

    if app.config["PROXY_FIX_HOPS"]:
        app.wsgi_app = TrustedProxyFix(
            app.wsgi_app, app.config["PROXY_FIX_HOPS"], app.config["FORWARDED_ALLOW_IPS"]
        )

    # Plumbing.
    hosts.init_app(app)  # first: a request for a foreign host goes no further
    i18n.init_app(app)
    assets.init_app(app)
    rendering.init_app(app)
    compression.init_app(app)
    errors.init_app(app)
    compress.init_app(app)
    responses.init_app(app)  # after Flask-Compress, so the chain runs before it compresses
    app.register_blueprint(translate.bp)

    # Every feature's blueprints; every /api/* route under one parent with one set of rules.
    registered = features.init_app(app, with_features)
    api.init_app(app, *registered.api_blueprints())

    @app.cli.command("prepare")
    def prepare_command():
        """Make the instance folder, database and VAPID key, and render every page."""
        prepare(app)

    return app


def prepare(app: Flask) -> None:
    """Everything the server needs before its first request, done now so that a problem
    stops the start with one clear line: gunicorn calls this once, before forking."""
    instance = Path(app.instance_path)
    existed = instance.is_dir()
    try:
        private_folder(instance)  # mode 700 when we create it, and its parents
    except OSError as error:
        raise SystemExit(
            f"Cannot create the instance folder {app.instance_path}: {error.strerror}. "
            "Set INSTANCE_PATH to a writable folder."
        ) from None
    if existed and (mode := open_to_others(instance)):
        # The operator's folder is theirs to set: said once, never changed.
        app.logger.warning(
            "the instance folder %s is open to its group or others (mode %03o) and holds "
            "push subscriptions and keys: chmod 700 it",
            instance,
            mode,
        )
    for feature in features.features(app):
        if feature.prepare:
            feature.prepare(app)
    for path in instance.iterdir():
        tighten(path)  # every file of ours owner-only (keys, counters), whoever left it open
