"""`make bench`: the budgets (bench/run.py), then the production stack's figures
(bench/production.py); what it prints is kept in docs/bench-latest.md.

The entry point imports both; neither imports the other back.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import production  # noqa: E402
import run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LATEST = ROOT / "docs" / "bench-latest.md"


class Recorder:
    """Writes to the terminal and keeps a copy, for the latest figures' file."""

    def __init__(self, stream):
        self.stream, self.text = stream, []

    def write(self, text: str) -> int:
        self.text.append(text)
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()


def write_latest(output: str) -> None:
    """The figures live in a file `make bench` rewrites, never in hand-edited prose."""
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    LATEST.write_text(
        "# Latest `make bench` figures\n\n"
        f"{when}, commit `{commit or 'unknown'}`, {os.cpu_count()} CPUs; written by `make bench`.\n\n"
        f"```\n{output.rstrip()}\n```\n"
    )


if __name__ == "__main__":
    sys.stdout = recorder = Recorder(sys.stdout)
    status = run.main(then=production.report)
    write_latest("".join(recorder.text))
    sys.exit(status)
