"""`flask --app app db backup PATH`: a consistent copy of the database, safe while it runs.

SQLite's online backup API copies the database as one read transaction sees it, so the
gunicorn workers and the dispatcher go on writing meanwhile (WAL): the copy holds every
transaction that had committed when it began and none half. It is written beside PATH,
checked (`PRAGMA integrity_check`), made mode 600 and only then renamed to PATH, so a
failed backup never leaves a half file under the name a restore would use.

With --prune, older backups beside PATH are deleted once they are older than
BACKUP_RETENTION: a copy holds the same push addresses as the database, so it is kept
no longer than the About page says. Only regular files named as PATH is named (its name
up to its last "-", then letters and digits, then .sqlite3) are backups; a leftover
.partial of one goes after an hour. Pruning in the instance folder is refused: the live database
is no backup.
"""

import os
import re
import sqlite3
import stat
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


PARTIAL_MAX_AGE = 3600  # seconds: a backup that takes longer has failed


def backup_pattern(name: str) -> re.Pattern:
    """Backups named like `name` ("guide-20261202T0530.sqlite3"): the same text up to its
    last "-" or "_" (else up to its first digit), then letters and digits."""
    stem = name.removesuffix(".sqlite3")
    cut = max(stem.rfind("-"), stem.rfind("_"))
    prefix = stem[: cut + 1] if cut >= 0 else re.match(r"[^0-9]*", stem).group(0)
    if not prefix:
        return re.compile(rf"\.?{re.escape(stem)}\.sqlite3(\.partial)?")
    return re.compile(rf"\.?{re.escape(prefix)}[0-9A-Za-z]*\.sqlite3(\.partial)?")


def _regular_file(path: Path) -> os.stat_result | None:
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def prune_backups(folder: Path, keep: Path, max_age: int) -> list[Path]:
    """Delete the backups in `folder` older than `max_age` seconds, never `keep`: regular
    files of keep's name pattern only (never a folder or a link), and leftover partial
    copies older than an hour."""
    pattern = backup_pattern(keep.name)
    now = time.time()
    old = []
    for path in sorted(folder.iterdir()):
        if path.name == keep.name or not pattern.fullmatch(path.name):
            continue
        info = _regular_file(path)
        partial = path.name.endswith(".partial")
        if info and info.st_mtime < now - (PARTIAL_MAX_AGE if partial else max_age):
            old.append(path)
    for path in old:
        path.unlink(missing_ok=True)
    return old


def refuse_the_instance_folder(app, folder: Path) -> None:
    live = database_path(app).resolve()
    if folder.resolve() in (live.parent, Path(app.instance_path).resolve()):
        raise click.ClickException(
            f"{folder} holds the live database: write backups to a folder of their own "
            "(e.g. /var/lib/guide-backup), never the instance folder"
        )


@bp.cli.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--prune", is_flag=True, help="Also delete backups beside PATH past BACKUP_RETENTION."
)
def backup_command(path: Path, prune: bool) -> None:
    """Copy the database to PATH (consistent, while the app runs; mode 600)."""
    app = current_app._get_current_object()
    if prune:
        refuse_the_instance_folder(app, path.parent)
    pages = backup(app, path)
    click.echo(f"backed up {database_path()} to {path} ({pages} pages)")
    if prune:
        removed = prune_backups(path.parent, path, app.config["BACKUP_RETENTION"])
        click.echo(f"deleted {len(removed)} backups older than the retention")
