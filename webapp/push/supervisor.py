"""Keeps the reminder dispatcher running beside gunicorn (`make run`, `make serve`).

A thread in gunicorn's arbiter starts `flask reminders run` and watches it: when it
dies, or hangs (its heartbeat older than the health limit: stopped, deadlocked), it is
killed if need be and started again, after a pause that doubles with each quick death
(1 s up to 30 s) and resets once it has run for a minute. Each restart is written to the
restart log that /healthz reads. In production the dispatcher is its own systemd unit
instead, with systemd's watchdog doing this job.
"""

import logging
import signal
import subprocess  # noqa: S404  # nosec B404
import sys
import threading
import time
from pathlib import Path

from . import liveness

QUICK_DEATH = 60.0  # seconds: a dispatcher that ran shorter counts as dying quickly
MAX_PAUSE = 30.0


class DispatcherSupervisor:
    def __init__(self, log: logging.Logger, instance: str | Path, max_round_age: float):
        self.log = log
        self.instance = instance
        self.max_round_age = max_round_age
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.watch, name="dispatcher-supervisor", daemon=True)

    def spawn(self) -> None:
        command = [sys.executable, "-m", "flask", "--app", "app", "reminders", "run"]
        self.process = subprocess.Popen(command)  # noqa: S603  # nosec B603
        self.started = time.monotonic()
        self.log.info("reminder dispatcher started (pid %s)", self.process.pid)

    def hung(self) -> bool:
        """Running long enough to have beaten, and no beat for longer than the limit."""
        if time.monotonic() - self.started <= self.max_round_age:
            return False
        age = liveness.last_round_age(self.instance)
        return age is None or age > self.max_round_age

    def why_gone(self) -> str | None:
        """None while the dispatcher runs well; else what is wrong with it."""
        code = self.process.poll()
        if code is None:
            if not self.hung():
                return None
            self.process.send_signal(signal.SIGKILL)  # SIGTERM cannot reach a stopped one
            self.process.wait()
            return f"hung (no round for over {self.max_round_age:.0f}s), killed"
        if code == 0:
            # gunicorn's arbiter reaps every child it sees die, ours too; poll() then
            # cannot learn the status and says 0. The dispatcher never exits 0 unasked.
            return "exited (status unknown)"
        return f"exited (status {code})"

    def watch(self) -> None:
        pause = 1.0
        while not self.stopping.wait(0.5):
            why = self.why_gone()
            if why is None:
                continue
            if time.monotonic() - self.started > QUICK_DEATH:
                pause = 1.0
            self.log.error(
                "reminder dispatcher (pid %s) %s; restarting in %.0fs",
                self.process.pid, why, pause,
            )  # fmt: skip
            try:
                liveness.record_restart(self.instance)
            except OSError as error:
                self.log.warning("cannot write the restart log: %s", error)
            if self.stopping.wait(pause):
                return
            pause = min(pause * 2, MAX_PAUSE)
            self.spawn()

    def start(self) -> None:
        self.spawn()
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=5)
        process = self.process
        if process and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
