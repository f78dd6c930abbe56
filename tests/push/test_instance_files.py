"""What the start checks in the instance folder: the VAPID key's kind, every file's mode,
every table of the database."""

import os
import sqlite3
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from ..helpers import ROOT


def start(instance, **env) -> subprocess.CompletedProcess:
    """Start the app in a process of its own, as gunicorn's on_starting does."""
    return subprocess.run(
        [sys.executable, "-c", "from webapp import create_app, prepare; prepare(create_app())"],
        cwd=ROOT,
        env={**os.environ, "INSTANCE_PATH": str(instance), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@pytest.mark.parametrize(
    ("key", "said"),
    [
        (lambda: "not a key at all", "cannot be read"),
        (lambda: pem(rsa.generate_private_key(65537, 2048)), "not an EC P-256 key"),
        (lambda: pem(ec.generate_private_key(ec.SECP384R1())), "secp384r1"),
    ],
    ids=["garbage", "rsa", "p384"],
)
def test_a_vapid_key_other_than_p256_stops_the_start_with_one_line(tmp_path, key, said):
    result = start(tmp_path / "instance", VAPID_PRIVATE_KEY=key())
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and said in lines[0], result.stderr


def test_a_p256_key_starts(tmp_path):
    key = pem(ec.generate_private_key(ec.SECP256R1()))
    assert start(tmp_path / "instance", VAPID_PRIVATE_KEY=key).returncode == 0


def test_every_instance_file_left_readable_is_made_owner_only_at_start(tmp_path):
    instance = tmp_path / "instance"
    assert start(instance).returncode == 0
    (instance / "rate-limits.sqlite3").touch()
    for path in instance.iterdir():
        if path.is_file():
            os.chmod(path, 0o644)
    assert start(instance).returncode == 0
    for name in ("vapid_private_key.pem", "guide.sqlite3", "rate-limits.sqlite3"):
        assert os.stat(instance / name).st_mode & 0o077 == 0, name


def test_a_database_missing_one_table_stops_the_start(tmp_path):
    instance = tmp_path / "instance"
    assert start(instance).returncode == 0
    with sqlite3.connect(instance / "guide.sqlite3") as db:
        db.execute("DROP TABLE reminders")
    result = start(instance)
    assert result.returncode != 0
    assert "reminders" in result.stderr and "Traceback" not in result.stderr
