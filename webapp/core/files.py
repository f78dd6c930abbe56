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
    """Create the folder and each of its missing parents readable by us only; an existing
    folder is left as its owner set it (see open_to_others)."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):  # outermost first
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            if folder.is_dir():
                continue  # another process made it meanwhile
            raise
        os.chmod(folder, FOLDER_MODE)  # mkdir's mode passes through the umask


def open_to_others(path: Path) -> int | None:
    """The mode of an existing folder that its group or others may use, else None."""
    mode = stat.S_IMODE(os.stat(path).st_mode)
    return mode if mode & 0o077 else None


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
