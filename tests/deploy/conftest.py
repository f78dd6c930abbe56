"""One production stack for every test of this folder: `scripts/serve.py` as `make serve`
runs it (export, gunicorn with its dispatcher, Caddy over HTTPS with its own CA), on free
ports, with a local push service for the reminders."""

import base64
import hashlib
import os
import socket
import ssl
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from tools.push_service import LocalPushService

from ..helpers import ONE_ADDRESS_LIMITS, ROOT, free_port

START_SECONDS = 180  # a busy machine exports and starts slowly; the wait ends when it serves


@dataclass
class Stack:
    url: str  # https://localhost:PORT
    https_port: int
    http_port: int
    app_port: int
    instance: Path
    root_certificate: Path
    push: LocalPushService
    log: Path

    def leaf_spki_hash(self) -> str:
        """base64 SHA-256 of the served certificate's public key, for Chromium's
        --ignore-certificate-errors-spki-list (which trusts that key like a CA would)."""
        context = ssl.create_default_context(cafile=str(self.root_certificate))
        with socket.create_connection(("localhost", self.https_port), timeout=30) as raw:
            with context.wrap_socket(raw, server_hostname="localhost") as tls:
                der = tls.getpeercert(binary_form=True)
        key = x509.load_der_x509_certificate(der).public_key()
        spki = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return base64.b64encode(hashlib.sha256(spki).digest()).decode()


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("stack")
    instance = workdir / "instance"
    log = workdir / "serve.log"
    with LocalPushService(workdir / "push") as push:
        ports = {"HTTPS_PORT": free_port(), "HTTP_PORT": free_port(), "PORT": free_port()}
        env = {
            **os.environ,
            **{name: str(port) for name, port in ports.items()},
            "INSTANCE_PATH": str(instance),
            "WEB_WORKERS": "2",
            **ONE_ADDRESS_LIMITS,
            "PUSH_SERVICE_HOSTS": push.host_entry,
            "REQUESTS_CA_BUNDLE": push.ca_bundle,
            "REMINDER_MIN_DELAY": "1",
            "DISPATCH_INTERVAL": "1",
        }
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "scripts/serve.py"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_SECONDS
        while b"\nServing " not in log.read_bytes():
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError("the stack did not start:\n" + log.read_text()[-4000:])
            time.sleep(0.2)
        https_port = ports["HTTPS_PORT"]
        yield Stack(
            f"https://localhost:{https_port}",
            https_port,
            ports["HTTP_PORT"],
            ports["PORT"],
            instance,
            instance / "tls" / "root.crt",
            push,
            log,
        )
        process.terminate()  # as Ctrl-C: serve.py stops Caddy, then gunicorn
        assert process.wait(timeout=90) == 0, log.read_text()[-4000:]
