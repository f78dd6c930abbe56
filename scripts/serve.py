"""`make serve`: the production stack on this machine, in the foreground.

Exports the guide, starts gunicorn (which starts and watches the dispatcher) on loopback
behind Caddy, which serves the export over HTTPS with its own CA by default; Ctrl-C (or
SIGTERM) stops everything. Caddy keeps its data (its CA, certificates) under
instance/caddy/, never in the user's home; the CA's root certificate is copied to
instance/tls/root.crt.

Environment: SITE_ADDRESS (default localhost), HTTPS_PORT (8443), HTTP_PORT (8080),
PORT (gunicorn's, 8000), INSTANCE_PATH (./instance), TLS ("internal", or the ACME
e-mail for a real domain), CADDY (the caddy binary, default caddy on PATH).
"""

import os
import shutil
import signal
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
    site_url = env.get("SITE_URL") or (
        f"https://{address}:{https_port}" if local or https_port != "443" else f"https://{address}"
    )
    return {
        "INSTANCE_PATH": str(instance),
        "SITE_ADDRESS": address,
        "SITE_URL": site_url,
        "HTTPS_PORT": https_port,
        "HTTP_PORT": env.get("HTTP_PORT", "8080"),
        "PORT": env.get("PORT", "8000"),
        "HOST": "127.0.0.1",  # only Caddy talks to gunicorn
        "PROXY_FIX_HOPS": "1",  # Caddy, on loopback
        "TLS": env.get("TLS", "internal" if local else ""),
        "EXPORT_DIR": str(instance / "site"),
        "UPSTREAM": f"127.0.0.1:{env.get('PORT', '8000')}",
        "HTTPS_SUFFIX": "" if https_port == "443" else f":{https_port}",
        "XDG_DATA_HOME": str(instance / "caddy" / "data"),
        "XDG_CONFIG_HOME": str(instance / "caddy" / "config"),
    }


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
    import socket

    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", int(port))) == 0


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
        wait_for(lambda: port_open(config["PORT"]), "gunicorn", processes)
        caddy = os.environ.get("CADDY", "caddy")
        processes.append(
            subprocess.Popen(  # noqa: S603  # nosec B603
                [caddy, "run", "--config", "deploy/Caddyfile", "--adapter", "caddyfile"],
                cwd=ROOT,
                env=env,
                start_new_session=True,
            )
        )
        wait_for(lambda: port_open(config["HTTPS_PORT"]), "caddy", processes)
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
