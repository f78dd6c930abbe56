"""`flask --app app db backup PATH`: a consistent copy of the database, safe while it runs.

SQLite's online backup API copies the database as one read transaction sees it, so the
gunicorn workers and the dispatcher go on writing meanwhile (WAL): the copy holds every
transaction that had committed when it began and none half. It is written beside PATH,
checked (`PRAGMA integrity_check`), made mode 600 and only then renamed to PATH, so a
failed backup never leaves a half file under the name a restore would use.

With --prune, older backups beside PATH (*.sqlite3) are deleted once they are older than
BACKUP_RETENTION: a copy holds the same push addresses as the database, so it is kept
no longer than the About page says.
"""

import os
import sqlite3
import time
from pathlib import Path

import click
from flask import Blueprint, current_app

from ..core.files import private_file
from .db import connect, database_path

bp = Blueprint("database", __name__, cli_group="db")


def backup(app, target: Path) -> int:
    """Copy the database to `target`; the number of pages copied."""
    source_path = database_path(app)
    if not source_path.exists():
        raise click.ClickException(f"there is no database at {source_path}")
    target = target.resolve()
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    private_file(partial)  # mode 600 before SQLite writes a byte
    with app.app_context():
        source = connect(source_path)
    try:
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)  # all pages in one step: one consistent snapshot
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            result = copy.execute("PRAGMA integrity_check").fetchone()[0]
            pages = copy.execute("PRAGMA page_count").fetchone()[0]
        finally:
            copy.close()
    finally:
        source.close()
    if result != "ok":
        partial.unlink(missing_ok=True)
        raise click.ClickException(f"the copy failed its integrity check: {result}")
    os.replace(partial, target)
    return pages


def prune_backups(folder: Path, keep: Path, max_age: int) -> list[Path]:
    """Delete the backups in `folder` older than `max_age` seconds, never `keep`."""
    oldest = time.time() - max_age
    old = [
        path
        for path in folder.glob("*.sqlite3")
        if path.resolve() != keep.resolve() and path.stat().st_mtime < oldest
    ]
    for path in old:
        path.unlink(missing_ok=True)
    return old


@bp.cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--prune", is_flag=True, help="Also delete backups beside PATH past BACKUP_RETENTION."
)
def backup_command(path: Path, prune: bool) -> None:
    """Copy the database to PATH (consistent, while the app runs; mode 600)."""
    app = current_app._get_current_object()
    pages = backup(app, path)
    click.echo(f"backed up {database_path()} to {path} ({pages} pages)")
    if prune:
        removed = prune_backups(path.parent, path, app.config["BACKUP_RETENTION"])
        click.echo(f"deleted {len(removed)} backups older than the retention")
