"""Locked, hashed dependencies: what `make test` installs is exactly what the lock files say,
and the app's lock and the test tools' lock agree on every package they share."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
LOCKS = {name: ROOT / "requirements" / f"{name}.txt" for name in ("build", "app", "test")}
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+) \\$", re.M)


def pins(lock: Path) -> dict[str, str]:
    return {canonicalize_name(name): version for name, version in PIN.findall(lock.read_text())}


def test_every_pin_carries_hashes():
    for lock in LOCKS.values():
        entries = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", lock.read_text())
        pinned = [entry for entry in entries if PIN.match(entry)]
        assert pinned, lock
        for entry in pinned:
            assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_locks_cover_what_pyproject_asks_for():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {
        "app": project["dependencies"],
        "test": project["dependencies"] + project["optional-dependencies"]["test"],
    }
    for lock, requirements in wanted.items():
        locked = pins(LOCKS[lock])
        for text in requirements:
            requirement = Requirement(text)
            name = canonicalize_name(requirement.name)
            assert name in locked, f"{name} is not in requirements/{lock}.txt: run make lock"
            assert requirement.specifier.contains(locked[name], prereleases=True), (name, lock)


def test_the_app_and_its_tests_run_the_same_versions():
    app, test, build = (pins(LOCKS[name]) for name in ("app", "test", "build"))
    assert {name: test.get(name) for name in app} == app
    assert {name: app.get(name) for name in build} == build


def test_this_environment_is_exactly_the_test_lock():
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version for dist in metadata.distributions()
    }
    locked = pins(LOCKS["test"])
    differing = {name: (installed.get(name), version) for name, version in locked.items()}
    differing = {name: pair for name, pair in differing.items() if pair[0] != pair[1]}
    assert not differing, f"installed vs locked (run make install-test): {differing}"
