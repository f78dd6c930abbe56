"""The constants the app writes above the worker's source are the ones ESLint knows as the
worker's globals: a constant added on one side only fails here, not in a browser."""

import re

from ..helpers import ROOT


def test_eslint_declares_exactly_the_constants_the_app_writes(client):
    script = client.get("/sw.js").get_data(as_text=True)
    source = (ROOT / "service_worker" / "sw.js").read_text()
    written = re.findall(r"^const (\w+) = ", script[: script.index(source)], re.M)
    config = (ROOT / "eslint.config.js").read_text()
    declared = re.findall(r'"(\w+)"', re.search(r"WORKER_CONSTANTS = \[(.*?)\]", config, re.S)[1])
    assert len(written) >= 7
    assert sorted(written) == sorted(declared)
