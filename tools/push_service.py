"""A local Web Push service for tests: receives, checks and decrypts what the app sends.

It plays the part of a browser vendor's push service (RFC 8030) on https://127.0.0.1:PORT:

* every POST to /push/<id> must carry a valid VAPID ``Authorization`` header (RFC 8292),
  a ``TTL`` header and an ``aes128gcm`` body (RFC 8188 / RFC 8291) that the service decrypts
  with the private key of the subscription it handed out;
* tests can script the next answers (410 Gone, 429 with Retry-After, a redirect, a request
  that never gets an answer...) with ``respond_with``;
* every request is recorded as a ``Delivery``, whatever it was answered.

Usage::

    with LocalPushService(tmp_path) as service:
        service.expect_vapid_key(app_vapid_public_key)
        subscription = service.new_subscription()
        ...  # the app, started with REQUESTS_CA_BUNDLE=service.ca_bundle, sends to it
        [delivery] = service.wait_for_deliveries(1)
        assert delivery.payload["title"] == "..."
"""

from __future__ import annotations

import base64
import binascii
import datetime
import ipaddress
import json
import secrets
import ssl
import sys
import threading
import time
from dataclasses import dataclass
from http.client import HTTPMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

import http_ece
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

#: What ``respond_with`` accepts: a status, "hang", (status, retry_after) or ("redirect", url).
Answer = int | str | tuple[int, int] | tuple[str, str]

PUSH_PATH = "/push/"
DEFAULT_STATUS = 201
HANG = "hang"
REDIRECT = "redirect"
MAX_JWT_LIFETIME = 24 * 60 * 60  # RFC 8292: "exp" at most 24 hours ahead
MAX_BODY_BYTES = 4096  # what real push services accept (RFC 8030 section 7.2)
READ_LIMIT = 1024 * 1024  # never read more than this from a request
SOCKET_TIMEOUT = 10.0  # seconds a client may take for the TLS handshake and its request


# --- recorded requests and scripted answers ------------------------------------------------------


@dataclass(frozen=True)
class Delivery:
    """One request the service received, and what it answered."""

    endpoint_id: str  # the <id> of /push/<id> (or the whole path if it was not one)
    status: int | None  # the status we answered; None when we hung without answering
    headers: dict[str, str]  # request headers, names lower-cased
    payload: Any  # the decrypted JSON object, else its text; None if not decryptable
    vapid_ok: bool  # whether the VAPID Authorization header was valid
    detail: str = ""  # why the request was refused, for error answers


@dataclass(frozen=True)
class _ScriptedAnswer:
    """An answer, normalised: a status with optional headers, or a hang (status None)."""

    status: int | None
    retry_after: int | None = None
    location: str | None = None


@dataclass(frozen=True)
class _Subscription:
    """What the "browser" side keeps to decrypt messages sent to one endpoint."""

    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes


def _parse_answer(answer: Answer) -> _ScriptedAnswer:
    """Turn what a test passed to ``respond_with`` into a ``_ScriptedAnswer``."""
    if answer == HANG:
        return _ScriptedAnswer(status=None)
    if isinstance(answer, int) and not isinstance(answer, bool) and 100 <= answer <= 599:
        return _ScriptedAnswer(status=answer)
    if isinstance(answer, tuple) and len(answer) == 2:
        first, second = answer
        if first == REDIRECT and isinstance(second, str):
            return _ScriptedAnswer(status=307, location=second)
        if isinstance(first, int) and isinstance(second, int) and 100 <= first <= 599:
            return _ScriptedAnswer(status=first, retry_after=second)
    raise ValueError(
        f"not an answer: {answer!r} (use a status, 'hang', (status, retry_after) "
        "or ('redirect', url))"
    )


# --- encoding helpers ----------------------------------------------------------------------------


def b64url_encode(data: bytes) -> str:
    """Base64url without padding, as Web Push uses everywhere."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Decode base64url with or without padding; raises ValueError on bad input."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, UnicodeEncodeError) as error:
        raise ValueError(f"not base64url: {text!r}") from error


def _uncompressed_point(public_key: ec.EllipticCurvePublicKey) -> bytes:
    """The 65-byte uncompressed P-256 point of a public key."""
    return public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def _decode_payload(plaintext: bytes) -> Any:
    """The message as JSON if it is JSON, else as text."""
    text = plaintext.decode("utf-8", errors="replace")
    try:
        return json.loads(text)
    except ValueError:
        return text


# --- VAPID (RFC 8292) ----------------------------------------------------------------------------


class VapidError(ValueError):
    """The Authorization header is not a valid VAPID authorization for this service."""


def parse_vapid_header(authorization: str | None) -> tuple[str, str]:
    """Split ``vapid t=<JWT>, k=<key>`` into (token, key)."""
    if not authorization:
        raise VapidError("missing Authorization header")
    scheme, _, rest = authorization.strip().partition(" ")
    if scheme.lower() != "vapid":
        raise VapidError(f"Authorization scheme is {scheme!r}, not 'vapid'")
    params = {}
    for part in rest.split(","):
        name, _, value = part.strip().partition("=")
        params[name.strip().lower()] = value.strip()
    if not params.get("t") or not params.get("k"):
        raise VapidError("Authorization header needs both t= and k=")
    return params["t"], params["k"]


def _load_p256_public_key(key_b64url: str) -> ec.EllipticCurvePublicKey:
    """A P-256 public key from its base64url uncompressed point."""
    raw = b64url_decode(key_b64url)
    if len(raw) != 65 or raw[0] != 0x04:
        raise VapidError("VAPID key is not a 65-byte uncompressed P-256 point")
    try:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError as error:
        raise VapidError("VAPID key is not a point on P-256") from error


def _verify_jwt_signature(token: str, public_key: ec.EllipticCurvePublicKey) -> dict[str, Any]:
    """Check an ES256 JWT's signature and return its claims."""
    parts = token.split(".")
    if len(parts) != 3:
        raise VapidError("JWT must have three parts")
    header_b64, claims_b64, signature_b64 = parts
    try:
        header = json.loads(b64url_decode(header_b64))
        claims = json.loads(b64url_decode(claims_b64))
        signature = b64url_decode(signature_b64)
    except ValueError as error:
        raise VapidError(f"JWT is not well formed: {error}") from error
    if not isinstance(header, dict) or header.get("alg") != "ES256":
        raise VapidError(f"JWT alg must be ES256, got header {header!r}")
    if len(signature) != 64:
        raise VapidError("ES256 signature must be 64 bytes (r || s)")
    r = int.from_bytes(signature[:32], "big")
    s = int.from_bytes(signature[32:], "big")
    signed = f"{header_b64}.{claims_b64}".encode("ascii")
    try:
        public_key.verify(encode_dss_signature(r, s), signed, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as error:
        raise VapidError("JWT signature does not verify with the VAPID key") from error
    if not isinstance(claims, dict):
        raise VapidError("JWT claims must be an object")
    return claims


def _check_claims(claims: dict[str, Any], audience: str, now: float) -> None:
    """Check aud, exp and sub as RFC 8292 asks."""
    if claims.get("aud") != audience:
        raise VapidError(f"JWT aud is {claims.get('aud')!r}, expected {audience!r}")
    exp = claims.get("exp")
    if not isinstance(exp, int) or isinstance(exp, bool):
        raise VapidError(f"JWT exp must be an integer, got {exp!r}")
    if exp <= now:
        raise VapidError("JWT has expired")
    if exp > now + MAX_JWT_LIFETIME:
        raise VapidError("JWT exp is more than 24 hours ahead")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.startswith(("mailto:", "https:")):
        raise VapidError(f"JWT sub must be a mailto: or https: URL, got {sub!r}")


def verify_vapid(
    authorization: str | None, expected_key: str | None, audience: str, now: float | None = None
) -> None:
    """Raise VapidError unless ``authorization`` is valid VAPID for ``audience``.

    ``expected_key`` is the app's public key (base64url); when it is None, the key in the
    header itself is used, so the token is still checked for signature and claims.
    """
    token, key = parse_vapid_header(authorization)
    try:
        sent_key = b64url_decode(key)
        wanted_key = sent_key if expected_key is None else b64url_decode(expected_key)
    except ValueError as error:
        raise VapidError(str(error)) from error
    if sent_key != wanted_key:
        raise VapidError("k= is not the expected VAPID public key")
    claims = _verify_jwt_signature(token, _load_p256_public_key(key))
    _check_claims(claims, audience, time.time() if now is None else now)


# --- TLS -----------------------------------------------------------------------------------------


def _self_signed_certificate() -> tuple[bytes, bytes]:
    """A fresh EC key and a self-signed certificate for 127.0.0.1 and localhost, as PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Local test push service")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return certificate.public_bytes(serialization.Encoding.PEM), key_pem


def _server_tls_context(cert_file: Path, key_file: Path) -> ssl.SSLContext:
    """A server-side TLS context using the given certificate and key files."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certfile=str(cert_file), keyfile=str(key_file))
    return context


# --- HTTP server ---------------------------------------------------------------------------------


class _TLSThreadingHTTPServer(ThreadingHTTPServer):
    """ThreadingHTTPServer doing the TLS handshake in each request's own thread."""

    daemon_threads = True

    def __init__(self, service: LocalPushService, tls_context: ssl.SSLContext) -> None:
        self.service = service
        self.tls_context = tls_context
        super().__init__(("127.0.0.1", 0), _PushRequestHandler)

    def finish_request(self, request: Any, client_address: Any) -> None:
        """Wrap the connection in TLS, then let the handler serve it."""
        request.settimeout(SOCKET_TIMEOUT)
        try:
            connection = self.tls_context.wrap_socket(request, server_side=True)
        except OSError:  # a failed handshake (ssl.SSLError is an OSError) or a gone client
            return
        with connection:
            self.RequestHandlerClass(connection, client_address, self)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet about clients that went away; report anything else."""
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, TimeoutError)):
            return
        super().handle_error(request, client_address)


class _PushRequestHandler(BaseHTTPRequestHandler):
    """Hands each POST to the service and writes the answer it picks."""

    server: _TLSThreadingHTTPServer
    timeout = SOCKET_TIMEOUT

    def do_POST(self) -> None:  # the name http.server looks for
        """Receive one push message."""
        body = self._read_body()
        if body is None:
            self._answer(_ScriptedAnswer(status=413), "request body too large")
            return
        service = self.server.service
        answer, detail, hang = service._receive(self.path, self.headers, body)
        if hang is not None:
            hang.wait()  # until release() or stop()
            self.close_connection = True  # and just close, without answering
            return
        self._answer(answer, detail)

    def _read_body(self) -> bytes | None:
        """The request body by Content-Length; None when it is too large to read."""
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > READ_LIMIT:
            self.close_connection = True
            return None
        return self.rfile.read(length) if length > 0 else b""

    def _answer(self, answer: _ScriptedAnswer, detail: str) -> None:
        """Write a status with its headers and a short text body."""
        assert answer.status is not None
        body = detail.encode("utf-8")
        self.send_response(answer.status)
        if answer.location is not None:
            self.send_header("Location", answer.location)
        if answer.retry_after is not None:
            self.send_header("Retry-After", str(answer.retry_after))
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # the base class names it so
        """No line on stderr for each request."""


# --- the service ---------------------------------------------------------------------------------


class LocalPushService:
    """An HTTPS Web Push service on 127.0.0.1 that records and decrypts what it receives.

    Checks on each POST /push/<id>, answered before any scripted answer is used:
    unknown endpoint -> 404, bad VAPID -> 401, no TTL -> 400, body that is not
    aes128gcm or cannot be decrypted -> 400, body over 4096 bytes -> 413.
    A request passing them all gets the next scripted answer, else 201.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = Path(workdir)
        self._condition = threading.Condition()  # guards every attribute below
        self._deliveries: list[Delivery] = []
        self._answers: list[_ScriptedAnswer] = []
        self._subscriptions: dict[str, _Subscription] = {}
        self._hanging: list[threading.Event] = []
        self._expected_key: str | None = None
        self._stopping = False
        self._server: _TLSThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # lifecycle

    def start(self) -> LocalPushService:
        """Write the certificate and start serving in a background thread."""
        if self._server is not None:
            return self
        self.workdir.mkdir(parents=True, exist_ok=True)
        cert_pem, key_pem = _self_signed_certificate()
        key_file = self.workdir / "push-key.pem"
        Path(self.ca_bundle).write_bytes(cert_pem)
        key_file.write_bytes(key_pem)
        self._server = _TLSThreadingHTTPServer(
            self, _server_tls_context(Path(self.ca_bundle), key_file)
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"local-push-service-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hanging requests and shut the server down. Safe to call twice."""
        with self._condition:
            self._stopping = True
        self.release()
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LocalPushService:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    # addresses

    @property
    def port(self) -> int:
        """The port the service listens on (only once started)."""
        if self._server is None:
            raise RuntimeError("the push service is not running; use start() or `with`")
        return self._server.server_address[1]

    @property
    def origin(self) -> str:
        """``https://127.0.0.1:PORT``, which is also the VAPID audience."""
        return f"https://127.0.0.1:{self.port}"

    @property
    def host_entry(self) -> str:
        """``127.0.0.1:PORT``, for an allowlist of push service hosts."""
        return f"127.0.0.1:{self.port}"

    @property
    def ca_bundle(self) -> str:
        """Path of the certificate PEM, for REQUESTS_CA_BUNDLE or ``session.verify``."""
        return str(self.workdir / "push-ca.pem")

    # set-up by tests

    def expect_vapid_key(self, public_key_b64url: str) -> None:
        """Require every request to be signed with this VAPID public key (base64url)."""
        _load_p256_public_key(public_key_b64url)  # fail early on a malformed key
        with self._condition:
            self._expected_key = public_key_b64url

    def new_subscription(self) -> dict[str, Any]:
        """A browser-style subscription whose messages this service can decrypt."""
        endpoint_id = secrets.token_urlsafe(16)
        private_key = ec.generate_private_key(ec.SECP256R1())
        auth_secret = secrets.token_bytes(16)
        with self._condition:
            self._subscriptions[endpoint_id] = _Subscription(private_key, auth_secret)
        return {
            "endpoint": f"{self.origin}{PUSH_PATH}{endpoint_id}",
            "keys": {
                "p256dh": b64url_encode(_uncompressed_point(private_key.public_key())),
                "auth": b64url_encode(auth_secret),
            },
        }

    def respond_with(self, *answers: Answer) -> None:
        """Queue answers for the next valid requests, in order; then back to 201.

        An answer is a status (410, 429, 500...), "hang" (no answer until ``release()``
        or ``stop()``), ``(status, retry_after_seconds)`` or ``("redirect", url)`` (a 307).
        """
        parsed = [_parse_answer(answer) for answer in answers]
        with self._condition:
            self._answers.extend(parsed)

    def release(self) -> None:
        """Let every request that is hanging now end (its connection is closed unanswered)."""
        with self._condition:
            hanging, self._hanging = self._hanging, []
        for event in hanging:
            event.set()

    # results

    @property
    def deliveries(self) -> list[Delivery]:
        """A copy of every request recorded so far, oldest first."""
        with self._condition:
            return list(self._deliveries)

    def successful(self) -> list[Delivery]:
        """The deliveries answered with a 2xx status."""
        return [d for d in self.deliveries if d.status is not None and 200 <= d.status < 300]

    def wait_for_deliveries(self, count: int, timeout: float = 30) -> list[Delivery]:
        """Block until at least ``count`` requests are recorded; AssertionError on timeout.

        The default timeout is generous, for a busy machine: the wait ends with the request.
        """
        with self._condition:
            if self._condition.wait_for(lambda: len(self._deliveries) >= count, timeout):
                return list(self._deliveries)
            received = list(self._deliveries)
        summary = "\n".join(f"  {delivery}" for delivery in received) or "  (none)"
        raise AssertionError(
            f"expected {count} push deliveries within {timeout}s, got {len(received)}:\n{summary}"
        )

    # request handling, called from the server's threads

    def _receive(
        self, path: str, headers: HTTPMessage, body: bytes
    ) -> tuple[_ScriptedAnswer, str, threading.Event | None]:
        """Check and decrypt one request, record it, and pick the answer (with a detail).
        A hang is registered as the request is recorded, in one step: a release() that
        follows wait_for_deliveries() always finds it."""
        endpoint_id = path[len(PUSH_PATH) :] if path.startswith(PUSH_PATH) else path
        with self._condition:
            subscription = self._subscriptions.get(endpoint_id)
            expected_key = self._expected_key
        vapid_problem = self._vapid_problem(headers.get("Authorization"), expected_key)
        payload, decrypt_problem = _decrypt(body, subscription)
        refusal = _refusal(subscription, vapid_problem, headers, body, decrypt_problem)
        with self._condition:
            if refusal is not None:
                answer, detail = refusal
            elif self._answers:
                answer, detail = self._answers.pop(0), "scripted answer"
            else:
                answer, detail = _ScriptedAnswer(status=DEFAULT_STATUS), ""
            self._deliveries.append(
                Delivery(
                    endpoint_id=endpoint_id,
                    status=answer.status,
                    headers={name.lower(): value for name, value in headers.items()},
                    payload=payload,
                    vapid_ok=vapid_problem is None,
                    detail=detail if answer.status is not None else "hung without answering",
                )
            )
            hang = None
            if answer.status is None:
                hang = threading.Event()
                if self._stopping:
                    hang.set()
                else:
                    self._hanging.append(hang)
            self._condition.notify_all()
        return answer, detail, hang

    def _vapid_problem(self, authorization: str | None, expected_key: str | None) -> str | None:
        """What is wrong with the VAPID authorization, or None if it is valid."""
        try:
            verify_vapid(authorization, expected_key, self.origin)
        except VapidError as error:
            return str(error)
        return None


def _decrypt(body: bytes, subscription: _Subscription | None) -> tuple[Any, str | None]:
    """(payload, problem): the decrypted message, or None and why it could not be."""
    if subscription is None or not body:
        return None, None
    try:
        plaintext = http_ece.decrypt(
            body,
            private_key=subscription.private_key,
            auth_secret=subscription.auth_secret,
            version="aes128gcm",
        )
    except Exception as error:  # http_ece and cryptography raise several kinds
        return None, f"payload could not be decrypted: {error!r}"
    return _decode_payload(plaintext), None


def _refusal(
    subscription: _Subscription | None,
    vapid_problem: str | None,
    headers: HTTPMessage,
    body: bytes,
    decrypt_problem: str | None,
) -> tuple[_ScriptedAnswer, str] | None:
    """The error answer a real push service would give this request, or None if it is fine."""
    if subscription is None:
        return _ScriptedAnswer(status=404), "unknown push endpoint"
    if vapid_problem is not None:
        return _ScriptedAnswer(status=401), f"VAPID: {vapid_problem}"
    ttl = headers.get("TTL")
    if ttl is None or not ttl.strip().isdigit():
        return _ScriptedAnswer(status=400), f"TTL header missing or invalid: {ttl!r}"
    if body and (headers.get("Content-Encoding") or "").strip().lower() != "aes128gcm":
        return _ScriptedAnswer(status=400), "Content-Encoding must be aes128gcm"
    if len(body) > MAX_BODY_BYTES:
        return _ScriptedAnswer(status=413), f"body is {len(body)} bytes, over {MAX_BODY_BYTES}"
    if decrypt_problem is not None:
        return _ScriptedAnswer(status=400), decrypt_problem
    return None
