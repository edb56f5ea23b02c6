"""One writer per database file: a second copy of the app is told who has it open.

The lock is an exclusive ``flock`` on ``<database>.lock`` held for as long as the database is
open, so it goes away by itself when the holder exits or is killed; the file's text says who
holds it. Network shares are warned against: SQLite's WAL needs shared memory on one machine.
"""

from __future__ import annotations

import fcntl
import getpass
import json
import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO

from panel_app.errors import DatabaseError

NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "davfs"}


class DatabaseInUseError(DatabaseError):
    """Another copy of the app has the database open for writing."""


@dataclass
class WriterLock:
    path: Path
    handle: IO[str]

    def release(self) -> None:
        if not self.handle.closed:
            fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


def _holder(text: str, today: date | None = None) -> str:
    """Who holds the lock, from its file: the user, the process and since when."""
    try:
        data = json.loads(text)
        since = datetime.fromisoformat(data["since"])
        pid = int(data["pid"])
    except (ValueError, KeyError, TypeError):
        return "another copy of Audit Panel"
    day = "today" if since.date() == (today or date.today()) else f"on {since:%d/%m/%Y}"
    return f"{data.get('user') or 'someone'} (process {pid}, since {since:%H:%M} {day})"


def acquire(database: Path) -> WriterLock:
    """Hold the database for writing, or raise ``DatabaseInUseError`` naming who has it."""
    path = lock_path(database)
    try:
        handle = path.open("a+", encoding="utf-8")
    except OSError as error:
        raise DatabaseError(f"The lock file {path} cannot be made: {error.strerror}.") from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        who = _holder(handle.read())
        handle.close()
        raise DatabaseInUseError(
            f"The database at {database} is already open in Audit Panel by {who}. Two copies "
            "writing at once could lose work, so this one can open it read-only: you can look, "
            "but not change anything."
        ) from None
    handle.seek(0)
    handle.truncate()
    record = {
        "user": getpass.getuser(),
        "pid": os.getpid(),
        "since": datetime.now().isoformat(timespec="seconds"),
    }
    handle.write(json.dumps(record))
    handle.flush()
    return WriterLock(path, handle)


def on_network_share(path: Path) -> bool:
    """Whether the file lives on a network filesystem (from /proc/mounts; False elsewhere)."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    target = str(path.resolve())

    def contains(mount: str) -> bool:
        return target == mount or target.startswith(mount.rstrip("/") + "/")

    # The longest mount point containing the file is the filesystem it is on.
    found = [(len(f[1]), f[2]) for f in map(str.split, mounts) if len(f) >= 3 and contains(f[1])]
    return bool(found) and max(found)[1] in NETWORK_FILESYSTEMS
