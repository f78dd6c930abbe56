"""Files only the app's own user may read: the instance folder 700, its files 600.

The database holds push endpoints and keys, the VAPID key signs every message: neither
is anyone else's business on a shared machine. Folders and files are created with these
modes (never opened up and closed again afterwards), and files an older version left
readable are closed on start.
"""

import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_folder(path: Path) -> None:
    """Create the folder (and its missing parents) readable by us only; an existing
    folder is left as its owner set it."""
    path = Path(path)
    if path.is_dir():
        return
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(path, FOLDER_MODE)  # mkdir's mode passes through the umask


def private_file(path: Path) -> None:
    """Make sure the file exists with mode 600, before anything else creates it."""
    if not os.path.lexists(path):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        os.close(descriptor)
    tighten(path)


def tighten(path: Path) -> None:
    """Take away any access of the group and others from a regular file of ours, if it
    exists. Anything else (a device such as /dev/full, a symlink) is never touched."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
        os.chmod(path, info.st_mode & 0o700)
