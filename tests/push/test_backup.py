"""`flask --app app db backup PATH` while the database is being written: a consistent copy."""

import os
import sqlite3
import stat
import subprocess
import sys
import threading
import time

from webapp import create_app
from webapp.core.services import service
from webapp.push.db import Schema

from ..helpers import ROOT


def test_a_backup_taken_during_writes_is_consistent(tmp_path):
    instance = tmp_path / "instance"
    app = create_app({"TESTING": True}, str(instance))
    service(Schema, app).ensure(app)
    database = instance / "guide.sqlite3"

    stop = threading.Event()
    written = []

    def write_pairs():
        """Each transaction stores a subscription and its reminder: a copy holding one
        without the other would be torn."""
        writer = sqlite3.connect(database, isolation_level=None, timeout=30)
        number = 0
        while not stop.is_set():
            number += 1
            writer.execute("BEGIN IMMEDIATE")
            cursor = writer.execute(
                "INSERT INTO subscriptions (endpoint, p256dh, auth, lang, created_at) "
                "VALUES (?, 'k', 'a', 'id', 0)",
                (f"https://push.example/{number}",),
            )
            writer.execute(
                "INSERT INTO reminders (subscription_id, step, due_at) VALUES (?, 's', 0)",
                (cursor.lastrowid,),
            )
            writer.execute("COMMIT")
            written.append(number)
        writer.close()

    thread = threading.Thread(target=write_pairs)
    thread.start()
    copies = []
    try:
        for attempt in range(3):
            while len(written) < 50 * (attempt + 1):  # writes are going on
                stop.wait(0.01)
            target = tmp_path / f"backup-{attempt}.sqlite3"
            result = subprocess.run(
                [sys.executable, "-m", "flask", "--app", "app", "db", "backup", str(target)],
                cwd=ROOT,
                env={**os.environ, "INSTANCE_PATH": str(instance)},
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
            )
            assert result.returncode == 0, result.stderr
            copies.append(target)
    finally:
        stop.set()
        thread.join()

    counts = []
    for copy in copies:
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        connection = sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        subscriptions = connection.execute("SELECT count(*) FROM subscriptions").fetchone()[0]
        reminders = connection.execute("SELECT count(*) FROM reminders").fetchone()[0]
        orphans = connection.execute(
            "SELECT count(*) FROM reminders WHERE subscription_id NOT IN "
            "(SELECT id FROM subscriptions)"
        ).fetchone()[0]
        connection.close()
        assert subscriptions == reminders and orphans == 0
        counts.append(subscriptions)
    assert counts == sorted(counts) and counts[0] >= 50
    assert not list(tmp_path.glob(".*.partial"))


def test_a_backup_without_a_database_says_so(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "app", "db", "backup", str(tmp_path / "b")],
        cwd=ROOT,
        env={**os.environ, "INSTANCE_PATH": str(tmp_path / "empty")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "there is no database" in result.stderr
    assert not (tmp_path / "b").exists()


def test_prune_deletes_only_backups_past_the_retention_and_never_the_new_one(tmp_path):
    instance = tmp_path / "instance"
    env = {**os.environ, "INSTANCE_PATH": str(instance), "BACKUP_RETENTION": str(14 * 86400)}
    app = create_app({"TESTING": True}, str(instance))
    service(Schema, app).ensure(app)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    folder = tmp_path / "backups"
    folder.mkdir()
    day = 86400
    ages = {"guide-old.sqlite3": 15, "guide-recent.sqlite3": 13, "notes.txt": 30}
    for name, days in ages.items():
        (folder / name).write_text("x")
        then = time.time() - days * day
        os.utime(folder / name, (then, then))
    target = folder / "guide-new.sqlite3"
    result = subprocess.run(
        [*flask, "db", "backup", "--prune", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "deleted 1 backups" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == [
        "guide-new.sqlite3",
        "guide-recent.sqlite3",
        "notes.txt",
    ]


def test_prune_skips_folders_and_links_removes_old_partials_and_refuses_the_instance(tmp_path):
    instance = tmp_path / "instance"
    env = {**os.environ, "INSTANCE_PATH": str(instance), "BACKUP_RETENTION": str(14 * 86400)}
    app = create_app({"TESTING": True}, str(instance))
    service(Schema, app).ensure(app)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    folder = tmp_path / "backups"
    folder.mkdir()
    old = time.time() - 30 * 86400
    (folder / "guide-20260101T0000.sqlite3").mkdir()  # a folder named like a backup
    (folder / "guide-20260102T0000.sqlite3").symlink_to(folder / "nowhere")  # a broken link
    (folder / "guide-20260103T0000.sqlite3").write_text("x")  # a real old backup
    (folder / ".guide-20260104T0000.sqlite3.partial").write_text("x")  # a failed one's rest
    (folder / "other.sqlite3").write_text("x")  # not ours
    for path in folder.iterdir():
        os.utime(path, (old, old), follow_symlinks=False)
    result = subprocess.run(
        [*flask, "db", "backup", "--prune", str(folder / "guide-20261202T0530.sqlite3")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert "deleted 2 backups" in result.stdout
    assert sorted(p.name for p in folder.iterdir()) == [
        "guide-20260101T0000.sqlite3",
        "guide-20260102T0000.sqlite3",
        "guide-20261202T0530.sqlite3",
        "other.sqlite3",
    ]
    # Pointed at the instance folder, whose live database is older than the retention.
    live = instance / "guide.sqlite3"
    os.utime(live, (old, old))
    refused = subprocess.run(
        [*flask, "db", "backup", "--prune", str(instance / "guide-20261202T0531.sqlite3")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "holds the live database" in refused.stderr
    assert live.exists()
