"""The VAPID key that signs every push message.

Made once, on first start, into the instance folder (owner-only file), then reused:
a new key would silently break every existing subscription, so a key that goes missing
while subscriptions exist stops the start instead. VAPID_PRIVATE_KEY (PEM or base64url)
in the environment overrides the file. The key is never logged.
"""

import base64
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from py_vapid import Vapid02

from ..core.files import private_folder, tighten
from .db import database_path, has_subscriptions

KEY_FILE_NAME = "vapid_private_key.pem"


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def key_from_text(text: str) -> Vapid02:
    """A key given as PEM, or base64url of the raw 32-byte secret or of DER."""
    text = text.strip()
    if "-----BEGIN" in text:
        return Vapid02.from_pem(text.encode("ascii"))
    raw = b64url_decode(text)
    return Vapid02.from_raw(text.encode("ascii")) if len(raw) == 32 else Vapid02.from_der(raw)


def _create_key_file(path: Path) -> None:
    key = Vapid02()
    key.generate_keys()
    pem = key.private_pem()
    private_folder(path.parent)
    # O_EXCL: two processes starting at once never write two different keys.
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)


def checked(key_loader, source: str) -> Vapid02:
    """The key, if it is an EC P-256 private key (the only kind browsers accept for VAPID);
    otherwise the start stops with one line saying what is wrong."""
    try:
        key = key_loader()
    except Exception as error:  # noqa: BLE001  # any parse failure: one line, no traceback
        raise SystemExit(
            f"The VAPID key in {source} cannot be read ({type(error).__name__}): give an EC "
            "P-256 private key as PEM, or base64url of its 32-byte secret."
        ) from None
    private = getattr(key, "private_key", None)
    if not isinstance(private, ec.EllipticCurvePrivateKey) or not isinstance(
        private.curve, ec.SECP256R1
    ):
        kind = getattr(getattr(private, "curve", None), "name", type(private).__name__)
        raise SystemExit(
            f"The VAPID key in {source} is not an EC P-256 key ({kind}): browsers accept no "
            "other. Give an EC P-256 private key."
        )
    return key


def load_key(app, subscriptions_exist: bool) -> Vapid02:
    configured = app.config.get("VAPID_PRIVATE_KEY")
    if configured:
        return checked(lambda: key_from_text(configured), "VAPID_PRIVATE_KEY")
    path = Path(app.instance_path) / KEY_FILE_NAME
    if not path.exists():
        if subscriptions_exist:
            raise SystemExit(
                f"The VAPID key {path} is missing but push subscriptions exist. A new key would "
                "break every one of them: restore the key file or set VAPID_PRIVATE_KEY."
            )
        try:
            _create_key_file(path)
        except OSError as error:
            raise SystemExit(
                f"Cannot write the VAPID key to {path}: {error.strerror}. "
                "The instance folder must be writable, with free space."
            ) from None
    tighten(path)  # left readable by an older version, or by hand
    return checked(lambda: Vapid02.from_pem(path.read_bytes()), str(path))


class VapidKeys:
    """The app's signing key, loaded (or made, on the very first start) on first use."""

    def __init__(self, app):
        self.app = app
        self._lock = threading.Lock()
        self._key: Vapid02 | None = None

    @property
    def private(self) -> Vapid02:
        with self._lock:
            if self._key is None:
                self._key = load_key(self.app, has_subscriptions(database_path(self.app)))
            return self._key

    @property
    def public(self) -> str:
        return public_key(self.private)


def public_key(key: Vapid02) -> str:
    """The application server key browsers subscribe with: base64url of the uncompressed point."""
    point = key.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return b64url(point)
