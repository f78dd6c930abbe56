"""Is the dispatcher alive? Two files in the instance folder say so.

The heartbeat: the dispatcher touches it after each completed round; its age is the age
of the last round. The restart log: the supervisor appends the time of each restart of
a dispatcher that died or hung. /healthz reads both; nothing here needs the app.
"""

import os
import socket
import time
from pathlib import Path

from ..core.files import private_file

HEARTBEAT_NAME = "dispatcher-heartbeat"
RESTARTS_NAME = "dispatcher-restarts"
RESTARTS_KEPT = 50  # lines: the log never grows past a screenful


def heartbeat_path(instance: str | Path) -> Path:
    return Path(instance) / HEARTBEAT_NAME


def restarts_path(instance: str | Path) -> Path:
    return Path(instance) / RESTARTS_NAME


def beat(instance: str | Path) -> None:
    """A round completed now. OSError when the file cannot be touched (the caller logs)."""
    path = heartbeat_path(instance)
    if not path.exists():
        private_file(path)
    os.utime(path)


def last_round_age(instance: str | Path) -> float | None:
    """Seconds since the last completed round; None when no round ever completed."""
    try:
        return max(0.0, time.time() - heartbeat_path(instance).stat().st_mtime)
    except OSError:
        return None


def record_restart(instance: str | Path, moment: float | None = None) -> None:
    path = restarts_path(instance)
    private_file(path)
    lines = path.read_text(encoding="ascii").split()[-(RESTARTS_KEPT - 1) :]
    lines.append(f"{moment or time.time():.0f}")
    path.write_text("\n".join(lines) + "\n", encoding="ascii")


def restarts_since(instance: str | Path, since: float) -> int:
    try:
        text = restarts_path(instance).read_text(encoding="ascii")
    except (OSError, UnicodeError):
        return 0
    count = 0
    for word in text.split():
        try:
            count += float(word) >= since
        except ValueError:
            continue
    return count


def notify_systemd(state: str) -> bool:
    """sd_notify without a library: under a unit of Type=notify, tell systemd READY=1 (once)
    or WATCHDOG=1 (after each round: a dispatcher that stops beating is restarted)."""
    address = os.environ.get("NOTIFY_SOCKET")
    if not address:
        return False
    if address.startswith("@"):  # an abstract socket
        address = "\0" + address[1:]
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.sendto(state.encode("ascii"), address)
    except OSError:
        return False
    return True
