"""Attacks on the production stack from outside: oversized bodies under any Host,
headers that would change the app's view of the request, the proxy's own ports."""

import json
import os
import socket
import ssl
import subprocess
from pathlib import Path

import pytest

from ..helpers import ROOT

BODY = 20 * 1024 * 1024
MIB = 1024 * 1024


def caddy_pid(stack) -> int:
    """The stack's Caddy: `caddy run` with this stack's HTTPS port in its environment."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            environment = (entry / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if command[:2] and Path(os.fsdecode(command[0])).name == "caddy" and b"run" in command:
            if f"HTTPS_PORT={stack.https_port}".encode() in environment:
                return int(entry.name)
    raise AssertionError("the stack's Caddy is not running")


def rss(pid: int) -> int:
    """Resident memory in bytes, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def post_big_body(stack, host: str, chunked: bool) -> bytes:
    """POST 20 MB over TLS with this Host; the answer's status line (the server may stop
    reading and close early: what it answered is what counts)."""
    context = ssl.create_default_context(cafile=str(stack.root_certificate))
    framing = (
        b"Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {BODY}\r\n".encode()
    )
    head = (
        (
            f"POST /api/language HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            "Accept-Language: en\r\n"
        ).encode()
        + framing
        + b"Connection: close\r\n\r\n"
    )
    piece = b"x" * 65536
    with socket.create_connection(("127.0.0.1", stack.https_port), timeout=60) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(head)
            try:
                for _ in range(BODY // len(piece)):
                    tls.sendall(b"10000\r\n" + piece + b"\r\n" if chunked else piece)
                if chunked:
                    tls.sendall(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                pass  # refused before the end: the answer is waiting
            answer = b""
            try:
                while b"\r\n" not in answer and (chunk := tls.recv(65536)):
                    answer += chunk
            except (ConnectionResetError, ssl.SSLError):
                pass
    return answer.split(b"\r\n", 1)[0]


@pytest.mark.parametrize("chunked", [False, True], ids=["announced", "chunked"])
@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1"])
def test_a_20_mb_body_under_a_foreign_host_is_refused_without_caddy_growing(stack, host, chunked):
    pid = caddy_pid(stack)
    before = rss(pid)
    status = post_big_body(stack, host, chunked)
    after = rss(pid)
    assert status.split(b" ")[1] in (b"413", b"400"), status
    # Reading it whole would hold 20 MB (and more while copying); the cap holds 16 KB.
    assert after - before < 8 * MIB, f"Caddy grew from {before // MIB} to {after // MIB} MiB"


def test_plain_http_for_a_foreign_host_is_refused_not_redirected(stack):
    with socket.create_connection(("127.0.0.1", stack.http_port), timeout=30) as sock:
        sock.sendall(b"GET /en/faq HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]
    assert b"Location" not in answer


def listening_addresses(port: int) -> set[str]:
    """The local addresses of sockets on this port, TCP listening or UDP (HTTP/3), in hex."""
    found = set()
    for table, listening in (("tcp", "0A"), ("tcp6", "0A"), ("udp", "07"), ("udp6", "07")):
        for line in Path(f"/proc/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == listening:
                found.add(address)
    return found


def test_caddy_listens_on_loopback_only_by_default(stack):
    loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1
    for port in (stack.https_port, stack.http_port):
        addresses = listening_addresses(port)
        assert addresses and addresses <= loopback, (port, addresses)


def test_every_block_drops_request_headers_with_an_underscore(stack):
    """In the adapted configuration: a header deletion in each site block (Caddy orders
    request_header before any handler that answers or proxies; a WSGI server reads
    SCRIPT_NAME and SCRIPT-NAME alike)."""
    env = {**os.environ, "EXPORT_DIR": str(stack.instance / "site")}
    adapted = subprocess.run(
        ["caddy", "adapt", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=True,
    ).stdout
    servers = json.loads(adapted)["apps"]["http"]["servers"]
    blocks = [route for server in servers.values() for route in server["routes"]]
    assert len(blocks) == 4  # the site and the catch-all, over HTTPS and over HTTP
    deletion = {"handler": "headers", "request": {"delete": ["*_*"]}}
    for block in blocks:
        handlers = [h for route in block["handle"][0]["routes"] for h in route["handle"]]
        assert deletion in handlers, handlers


def test_gunicorn_listens_only_on_its_unix_socket_in_the_private_instance_folder(stack):
    """No other local user can hold gunicorn's connections or call it with forged proxy
    headers: there is no TCP port, and the socket sits in a folder only we may enter."""
    socket_path = stack.instance / "gunicorn.sock"
    assert socket_path.is_socket()
    assert os.stat(socket_path).st_mode & 0o777 == 0o660
    assert os.stat(stack.instance).st_mode & 0o077 == 0
    assert not listening_addresses(stack.app_port)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", stack.app_port), timeout=5).close()


def load_serve():
    import importlib.util

    spec = importlib.util.spec_from_file_location("serve", ROOT / "scripts" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("caddy", "go", "old"),
    [
        ("v2.6.2 h1:mXN6w", "go1.19.8", True),  # Debian 12's
        ("v2.7.5 h1:x", "go1.21.3", True),  # Rapid Reset fixed, CONTINUATION not
        ("v2.7.6 h1:x", "go1.21.9", False),
        ("v2.8.4 h1:x", "go1.22.2", False),
        ("v2.8.4 h1:x", "go1.22.1", True),
        ("v2.10.2 h1:x", "go1.24.4", False),
    ],
)
def test_make_serve_knows_which_caddy_is_too_old_for_production(caddy, go, old):
    assert (load_serve().caddy_too_old(caddy, go) is not None) == old


def test_make_serve_warns_about_an_old_caddy(stack):
    installed = subprocess.run(["caddy", "version"], capture_output=True, text=True).stdout
    info = subprocess.run(["caddy", "build-info"], capture_output=True, text=True).stdout
    go = next(line.split()[1] for line in info.splitlines() if line.startswith("go\t"))
    old = load_serve().caddy_too_old(installed, go) is not None
    assert ("WARNING:" in stack.log.read_text()) == old
