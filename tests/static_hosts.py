"""Static hosts as operators run them, for the export's tests: plain Debian nginx with none of
the app's headers, a small server that applies the export's `_headers` file the way
Netlify and Cloudflare Pages document it (every matching rule's headers; `*` a prefix), and
this project's Caddy (deploy/Caddyfile) in front of the export and the app.

Each says whether the app answers behind it (`has_origin`), and what Chromium needs to trust
it (`chromium_args`)."""

import base64
import hashlib
import os
import socket
import ssl
import subprocess
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .helpers import ROOT, free_port


def wait_for_port(port: int, process: subprocess.Popen | None = None, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if (process and process.poll() is not None) or time.monotonic() > deadline:
                raise RuntimeError(f"nothing answers on port {port}") from None
            time.sleep(0.1)


class PlainNginx:
    """nginx serving the export as a GitHub-Pages-like host: `/x` from `x.html`, its own
    Content-Types, no header of the app's, its own 404 page."""

    has_origin = False
    chromium_args: tuple[str, ...] = ()

    def __init__(self, site: Path, workdir: Path):
        self.site, self.workdir, self.port = site, workdir, free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def server_block(self) -> str:
        return f"""
        root {self.site};
        location / {{
            try_files $uri $uri.html $uri/index.html =404;
        }}"""

    def start(self) -> "PlainNginx":
        config = self.workdir / "nginx.conf"
        # Run as root (CI), the workers would run as nobody, who cannot read a test's folder.
        user = "user root;" if os.geteuid() == 0 else ""
        config.write_text(
            f"""
{user}
worker_processes 1;
daemon off;
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {self.workdir};
    proxy_temp_path {self.workdir};
    fastcgi_temp_path {self.workdir};
    uwsgi_temp_path {self.workdir};
    scgi_temp_path {self.workdir};
    {self.http_extra()}
    server {{
        listen 127.0.0.1:{self.port};
        {self.server_block()}
    }}
}}
"""
        )
        self.process = subprocess.Popen(
            ["nginx", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_for_port(self.port, self.process)
        return self

    def http_extra(self) -> str:
        return ""

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)


class IncludeNginx(PlainNginx):
    """nginx with the export's include, the dynamic routes sent to `origin_port`."""

    def __init__(self, site: Path, workdir: Path, origin_port: int):
        super().__init__(site, workdir)
        self.origin_port = origin_port

    def http_extra(self) -> str:
        return (
            f"upstream guide_origin {{ server 127.0.0.1:{self.origin_port}; }}\n    gzip_static on;"
        )

    def server_block(self) -> str:
        return f"root {self.site};\n        include {self.site}/nginx-guide.conf;"


def read_rules(headers_file: Path) -> list[tuple[str, list[tuple[str, str]]]]:
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in headers_file.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith((" ", "\t")):
            rules.append((line.strip(), []))
        else:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


class HeadersFileHandler(SimpleHTTPRequestHandler):
    rules: list = []

    def resolve(self) -> Path | None:
        path = self.path.split("?", 1)[0]
        root = Path(self.directory)
        for candidate in (path, path + ".html", path.rstrip("/") + "/index.html"):
            file = (root / candidate.lstrip("/")).resolve()
            if file.is_file() and root.resolve() in file.parents:
                return file
        return None

    def do_GET(self):  # noqa: N802 (http.server's name)
        file = self.resolve()
        path = self.path.split("?", 1)[0]
        status = 200
        if file is None or path.endswith(("/_headers", "/_redirects")):
            status = 404
            lang = path.split("/")[1]
            file = Path(self.directory) / (
                f"{lang}/404.html" if lang in ("id", "en") else "404.html"
            )
        body = file.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Length", str(len(body)))
        for pattern, headers in self.rules:
            if matches(pattern, path):  # by the URL asked, as the hosts document it
                for name, value in headers:
                    self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class HeadersFileHost:
    """A static host that applies the export's `_headers` (as Netlify and Cloudflare do)."""

    has_origin = False
    chromium_args: tuple[str, ...] = ()

    def __init__(self, site: Path):
        self.site, self.port = site, free_port()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> "HeadersFileHost":
        handler = type(
            "Handler", (HeadersFileHandler,), {"rules": read_rules(self.site / "_headers")}
        )
        self.httpd = ThreadingHTTPServer(
            ("127.0.0.1", self.port), partial(handler, directory=str(self.site))
        )
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class ProjectCaddy:
    """deploy/Caddyfile as `make serve` runs it, over HTTPS with Caddy's own CA: the export
    (`folder`, holding `current/`) from disk, what it cannot hold sent to the app at
    `upstream_port`. Chromium trusts the certificate's key as a trusted CA would."""

    has_origin = True
    START_SECONDS = 60

    def __init__(self, folder: Path, workdir: Path, upstream_port: int):
        self.folder, self.workdir, self.upstream_port = folder, workdir, upstream_port
        self.https_port, self.http_port = free_port(), free_port()
        self.url = f"https://localhost:{self.https_port}"
        self.chromium_args: tuple[str, ...] = ()

    def start(self) -> "ProjectCaddy":
        data = self.workdir / "caddy"
        env = {
            **os.environ,
            "SITE_ADDRESS": "localhost",
            "TLS": "internal",
            "HTTPS_PORT": str(self.https_port),
            "HTTP_PORT": str(self.http_port),
            "HTTPS_SUFFIX": f":{self.https_port}",
            "EXPORT_DIR": str(self.folder),
            "UPSTREAM": f"127.0.0.1:{self.upstream_port}",
            "XDG_DATA_HOME": str(data / "data"),
            "XDG_CONFIG_HOME": str(data / "config"),
        }
        with (self.workdir / "caddy.log").open("wb") as log:
            self.process = subprocess.Popen(
                [os.environ.get("CADDY", "caddy"), "run", "--config", "deploy/Caddyfile"]
                + ["--adapter", "caddyfile"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        wait_for_port(self.https_port, self.process, self.START_SECONDS)
        root = data / "data/caddy/pki/authorities/local/root.crt"
        spki = self.leaf_spki_hash(root)
        self.chromium_args = (f"--ignore-certificate-errors-spki-list={spki}",)
        return self

    def leaf_spki_hash(self, root_certificate: Path) -> str:
        """base64 SHA-256 of the served certificate's key, verified against Caddy's root
        (which Caddy writes, and the certificate it issues, just after it starts)."""
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

        deadline = time.monotonic() + self.START_SECONDS
        while True:
            try:
                context = ssl.create_default_context(cafile=str(root_certificate))
                with socket.create_connection(("localhost", self.https_port), timeout=10) as raw:
                    with context.wrap_socket(raw, server_hostname="localhost") as tls:
                        der = tls.getpeercert(binary_form=True)
                break
            except (OSError, ssl.SSLError):
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "Caddy serves no certificate:\n" + (self.workdir / "caddy.log").read_text()
                    ) from None
                time.sleep(0.2)
        key = x509.load_der_x509_certificate(der).public_key()
        spki = key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        return base64.b64encode(hashlib.sha256(spki).digest()).decode()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)
