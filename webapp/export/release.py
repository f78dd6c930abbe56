"""Releases: an export written beside the live one, then switched to at once.

The export folder holds `releases/<digest>/` (each a whole site with its header files) and
`current`, a symlink to one of them, moved with one rename(2): a reader of `current`
sees the old release or the new one, never a half-written or emptied folder. Caddy's
headers.caddy names its own release as the root it serves from, so Caddy keeps serving the
old files with the old headers until it restarts (or reloads) and then serves the new ones
with the new headers: files and headers change together.

The previous release is kept (Caddy may still serve it, and it is the way back); older ones
are removed. The folder must be empty, missing, or one this module wrote (its marker file,
or headers.caddy at its top from the earlier one-folder layout): never anything else.
"""

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import click

MARKER = ".guide-export"
RELEASES = "releases"
CURRENT = "current"
LEGACY_HEADERS = "headers.caddy"  # the one-folder layout's sign


def digest_of(files: dict[str, bytes], extra: bytes = b"") -> str:
    """Same site, same name: exporting twice without a change switches nothing."""
    sha = hashlib.sha256(extra)
    for path in sorted(files):
        sha.update(path.encode() + b"\0" + hashlib.sha256(files[path]).digest())
    return sha.hexdigest()[:16]


def check_ownership(folder: Path) -> None:
    if not folder.exists():
        return
    if not folder.is_dir():
        raise click.ClickException(f"{folder} is not a folder")
    if not any(folder.iterdir()):
        return  # empty: for example the state folder systemd creates for the unit
    if not ((folder / MARKER).is_file() or (folder / LEGACY_HEADERS).is_file()):
        raise click.ClickException(f"{folder} is not empty and is not an earlier export")


def current_release(folder: Path) -> Path | None:
    link = folder / CURRENT
    return link.resolve() if link.is_symlink() else None


def publish(
    folder: Path,
    files: dict[str, bytes],
    finish: Callable[[Path], dict[str, bytes]],
    finish_source: bytes = b"",
):
    """Write `files` (path → bytes) as a new release, add what `finish(release_path)` returns
    (the files that name the release; `finish_source` is what they are made from, part of
    the release's name with `files`), and switch `current` to it.

    Returns the release's path."""
    check_ownership(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("written by `flask --app app export`\n", encoding="utf-8")
    releases = folder / RELEASES
    releases.mkdir(exist_ok=True)
    release = releases / digest_of(files, finish_source)
    previous = current_release(folder)
    if not release.is_dir():
        staging = releases / f".staging-{os.getpid()}"
        shutil.rmtree(staging, ignore_errors=True)
        for path, body in {**files, **finish(release)}.items():
            target = staging / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        staging.rename(release)  # complete before anything points at it
    link = folder / f".{CURRENT}-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    link.symlink_to(release.relative_to(folder))
    os.replace(link, folder / CURRENT)  # the switch: one rename
    for old in releases.iterdir():
        if old not in (release, previous):
            shutil.rmtree(old, ignore_errors=True)
    return release
