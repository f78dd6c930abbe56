"""`make serve`: the production stack on this machine, in the foreground.

Exports the guide, starts gunicorn (which starts and watches the dispatcher) on a unix
socket in the instance folder (no other local user can reach it) behind Caddy, which serves the export over HTTPS with its own CA by default; Ctrl-C (or
SIGTERM) stops everything. Caddy keeps its data (its CA, certificates) under
instance/caddy/, never in the user's home; the CA's root certificate is copied to
instance/tls/root.crt.

Environment: SITE_ADDRESS (default localhost), HTTPS_PORT (8443), HTTP_PORT (8080),
LISTEN_ADDRESS (Caddy's, default 127.0.0.1), BIND (gunicorn's, default
unix:INSTANCE_PATH/gunicorn.sock), INSTANCE_PATH (./instance), TLS ("internal",
or the ACME e-mail for a real domain), CADDY (the caddy binary, default caddy on PATH).
"""

import os
import shutil
import signal
import socket
import subprocess  # nosec B404  # fixed local tools, no shell
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEP_SECONDS = 0.2
START_TIMEOUT = 120  # seconds; a busy machine is slow, and every wait ends with its event


def settings() -> dict[str, str]:
    env = os.environ
    instance = Path(env.get("INSTANCE_PATH") or ROOT / "instance").resolve()
    address = env.get("SITE_ADDRESS", "localhost")
    https_port = env.get("HTTPS_PORT", "8443")
    local = address in ("localhost", "127.0.0.1")
    bind = env.get("BIND") or f"unix:{instance / 'gunicorn.sock'}"
    site_url = env.get("SITE_URL") or (
        f"https://{address}:{https_port}" if local or https_port != "443" else f"https://{address}"
    )
    return {
        "INSTANCE_PATH": str(instance),
        "SITE_ADDRESS": address,
        "SITE_URL": site_url,
        "HTTPS_PORT": https_port,
        "HTTP_PORT": env.get("HTTP_PORT", "8080"),
        # Only Caddy talks to gunicorn: over a socket in the instance folder (mode 700).
        # BIND=127.0.0.1:PORT puts it back on TCP (the benchmark measures it bare).
        "BIND": bind,
        "PROXY_FIX_HOPS": "1",  # Caddy
        "TLS": env.get("TLS", "internal" if local else ""),
        "EXPORT_DIR": str(instance / "site"),
        "UPSTREAM": f"unix/{bind.removeprefix('unix:')}" if bind.startswith("unix:") else bind,
        "HTTPS_SUFFIX": "" if https_port == "443" else f":{https_port}",
        "XDG_DATA_HOME": str(instance / "caddy" / "data"),
        "XDG_CONFIG_HOME": str(instance / "caddy" / "config"),
    }


# Older Caddy, or one built with an older Go, is open to HTTP/2 floods: Rapid Reset
# (CVE-2023-44487, fixed in Go 1.21.3, Caddy 2.7.5) and CONTINUATION (CVE-2023-45288,
# fixed in Go 1.21.9 and 1.22.2). Debian 12's caddy is 2.6.2 built with Go 1.19.8.
MIN_CADDY = (2, 7, 5)
MIN_GO = {(1, 21): (1, 21, 9), (1, 22): (1, 22, 2)}  # later Go releases have both fixes


def version_tuple(text: str) -> tuple[int, ...]:
    numbers = []
    for part in text.strip().lstrip("v").removeprefix("go").split(" ")[0].split("."):
        digits = "".join(char for char in part if char.isdigit())
        if not digits:
            break
        numbers.append(int(digits))
    return tuple(numbers)


def caddy_too_old(caddy_version: str, go_version: str) -> str | None:
    """Why this Caddy should not face the internet, or None."""
    caddy, go = version_tuple(caddy_version), version_tuple(go_version)
    if caddy < MIN_CADDY:
        return f"Caddy {caddy_version.split()[0]} is older than 2.7.5"
    floor = MIN_GO.get(go[:2], (1, 22, 2) if go < (1, 21) else (0,))
    if go < floor:
        return f"this Caddy was built with {go_version}, older than Go 1.21.9 / 1.22.2"
    return None


def warn_if_caddy_is_old(caddy: str) -> None:
    try:
        version = subprocess.run(  # noqa: S603  # nosec B603
            [caddy, "version"], capture_output=True, text=True, check=True
        ).stdout
        info = subprocess.run(  # noqa: S603  # nosec B603
            [caddy, "build-info"], capture_output=True, text=True, check=False
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return  # starting it will say what is wrong
    go = next((line.split()[1] for line in info.splitlines() if line.startswith("go\t")), "go0")
    reason = caddy_too_old(version, go)
    if reason:
        print(
            f"WARNING: {reason}: open to HTTP/2 request floods. Fine on this machine; in "
            "production use Caddy 2.7.5 or later (caddyserver.com/docs/install).",
            file=sys.stderr,
            flush=True,
        )


def run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603  # nosec B603


def wait_for(condition, what: str, processes: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while not condition():
        for process in processes:
            if process.poll() is not None:
                raise SystemExit(f"{what}: a process exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise SystemExit(f"{what}: not within {START_TIMEOUT}s")
        time.sleep(STEP_SECONDS)


def port_open(port: str) -> bool:
    """Is Caddy listening? On LISTEN_ADDRESS when one is set (every address: loopback)."""
    host = os.environ.get("LISTEN_ADDRESS", "").strip() or "127.0.0.1"
    host = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # noqa: S104  # nosec B104
    with socket.create_connection((host, int(port)), timeout=1):
        return True


def port_answers(port: str) -> bool:
    try:
        return port_open(port)
    except OSError:
        return False


def gunicorn_answers(bind: str) -> bool:
    if not bind.startswith("unix:"):
        host, _, port = bind.rpartition(":")
        with socket.socket() as sock:
            sock.settimeout(1)
            return sock.connect_ex((host, int(port))) == 0
    with socket.socket(socket.AF_UNIX) as sock:
        sock.settimeout(1)
        return sock.connect_ex(bind.removeprefix("unix:")) == 0


def stop(processes: list[subprocess.Popen]) -> None:
    for process in reversed(processes):  # Caddy first: no request reaches a stopped app
        if process.poll() is None:
            process.terminate()
    for process in reversed(processes):
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main() -> int:
    config = settings()
    env = {**os.environ, **config}
    if not env["TLS"]:
        raise SystemExit(
            f"Set TLS to the e-mail Let's Encrypt should write to about {config['SITE_ADDRESS']}'s "
            "certificate (TLS=you@example.org), or TLS=internal for Caddy's own CA."
        )
    instance = Path(config["INSTANCE_PATH"])
    instance.mkdir(mode=0o700, parents=True, exist_ok=True)
    python = sys.executable
    run([python, "-m", "flask", "--app", "app", "export", config["EXPORT_DIR"]], env)

    processes: list[subprocess.Popen] = []
    stopping = False

    def on_signal(signum, _frame):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        processes.append(
            subprocess.Popen(  # noqa: S603  # nosec B603
                [python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "app:app"],
                cwd=ROOT,
                env=env,
                start_new_session=True,  # Ctrl-C reaches us; we stop it in order
            )
        )
        wait_for(lambda: gunicorn_answers(config["BIND"]), "gunicorn", processes)
        caddy = os.environ.get("CADDY", "caddy")
        warn_if_caddy_is_old(caddy)
        processes.append(
            subprocess.Popen(  # noqa: S603  # nosec B603
                [caddy, "run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
        )
        wait_for(lambda: port_answers(config["HTTPS_PORT"]), "caddy", processes)
        root = Path(config["XDG_DATA_HOME"]) / "caddy/pki/authorities/local/root.crt"
        if config["SITE_ADDRESS"] in ("localhost", "127.0.0.1") or root.exists():
            wait_for(root.exists, "Caddy's local CA", processes)
            target = instance / "tls" / "root.crt"
            target.parent.mkdir(mode=0o700, exist_ok=True)
            shutil.copyfile(root, target)
            print(f"Caddy's root certificate (trust it to open the site): {target}", flush=True)
        print(
            f"Serving {config['SITE_URL']} (HTTP on port {config['HTTP_PORT']} redirects); "
            "Ctrl-C stops everything.",
            flush=True,
        )
        while not stopping:
            for process in processes:
                if process.poll() is not None:
                    print(f"{process.args[0]} exited with {process.returncode}: stopping")
                    return 1
            time.sleep(STEP_SECONDS)
        return 0
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main())
