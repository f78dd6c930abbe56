"""Every step id ever published, in the order of step_ids.txt (append only).

A progress code numbers the ticked steps by their place in this list, so a code made on
one phone means the same steps on another, across edits and versions of the guide.
"""

from pathlib import Path

STEP_ID_FILE = Path(__file__).resolve().parent / "step_ids.txt"


def published_step_ids() -> tuple[str, ...]:
    lines = STEP_ID_FILE.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
