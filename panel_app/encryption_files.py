"""The files under encryption: converting one (plain to encrypted, back, or to another key)
through a checked copy put in place in one step, and leaving no plain copy readable.

A conversion writes the copy with ``sqlcipher_export`` beside the original, checks it
(integrity, and every table's row count against the original) and only then renames it over
the original; the original's content is then overwritten before it is deleted.
"""

from __future__ import annotations

import os
from contextlib import closing
from pathlib import Path
from typing import Any

from panel_app import encryption
from panel_app.encryption import SQLITE_MAGIC, Key
from panel_app.errors import DatabaseError

#: Files a SQLite database leaves beside itself; beside a plain backup they hold its pages.
SIDE_FILES = ("-wal", "-shm", "-journal")
#: What a conversion stopped part-way (a crash, a power cut) can leave beside a file.
LEFTOVERS = (".converting", ".old")


def is_plain(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return path.is_file() and handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def shred(path: Path) -> None:
    """Overwrite, then delete: a plain copy is not left readable on the disk (as far as the
    disk allows: an SSD may keep old blocks, which only full-disk encryption covers)."""
    try:
        info = path.stat()
        if info.st_nlink > 1:
            # Another name holds the same content (a conversion cut short before its rename):
            # overwriting would destroy that file too. Only this name goes.
            path.unlink(missing_ok=True)
            return
        size = info.st_size
        with path.open("r+b") as handle:
            zeros = bytes(1 << 20)
            while size > 0:
                size -= handle.write(zeros[: min(size, len(zeros))])
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        pass
    path.unlink(missing_ok=True)


def remove_with_side_files(path: Path) -> None:
    for side in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_FILES)):
        if side.exists():
            shred(side)


def put_in_place(new: Path, path: Path) -> None:
    """``new`` replaces ``path`` in one step; the old content is then overwritten."""
    with new.open("rb+") as handle:
        os.fsync(handle.fileno())
    old = path.with_name(path.name + ".old")
    if old.exists():
        shred(old)
    try:
        os.link(path, old)
        linked = True
    except OSError:
        linked = False  # a filesystem without hard links: the old file is only unlinked
    os.replace(new, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
    if linked:
        shred(old)


def checkpoint(connection: Any) -> None:
    """Everything into the main file and the WAL emptied, or refuse (someone is reading)."""
    busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy is not None and busy[0]:
        raise DatabaseError(
            "Another program is reading the database, so it cannot be converted now. Close "
            "other copies of Audit Panel and try again; nothing has been changed."
        )


def counts(connection: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def export(source: Path, source_key: Key | None, target: Path, target_key: Key | None) -> None:
    """Write ``source`` (keyed with ``source_key``) to ``target`` with ``target_key`` (None:
    plain) and check the copy; ``source`` is not changed. The source's WAL is emptied."""
    remove_with_side_files(target)
    try:
        with closing(encryption.connect(source, source_key)) as connection:
            checkpoint(connection)
            expected = counts(connection)
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            literal = target_key.literal if target_key is not None else ""
            connection.execute("ATTACH DATABASE ? AS converted KEY ?", (str(target), literal))
            # A staging file: no journal and no syncing while it is written (one fsync of the
            # whole file before it is used); a crash part-way leaves a file nobody opens.
            connection.execute("PRAGMA converted.journal_mode = OFF")
            connection.execute("PRAGMA converted.synchronous = OFF")
            connection.execute("SELECT sqlcipher_export('converted')")
            connection.execute(f"PRAGMA converted.user_version = {version}")
            connection.execute("DETACH DATABASE converted")
        with closing(encryption.connect(target, target_key, read_only=True)) as check:
            healthy = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            if not healthy or counts(check) != expected:
                raise DatabaseError(
                    "The converted copy did not match the database, so it was not used. "
                    "Nothing has been changed."
                )
    except BaseException:
        remove_with_side_files(target)
        raise


def convert_file(path: Path, old: Key | None, new: Key | None) -> None:
    staged = path.with_name(path.name + ".converting")
    export(path, old, staged, new)
    for suffix in SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)  # emptied by the export's checkpoint
    put_in_place(staged, path)


def rekey(path: Path, old: Key, new: Key) -> None:
    """SQLCipher rewrites every page under the new key in one transaction; the WAL is emptied
    before and after, so no page under the old key is left in it."""
    try:
        with closing(encryption.connect(path, old)) as connection:
            checkpoint(connection)
            connection.execute(f'PRAGMA rekey = "{new.literal}"')
            checkpoint(connection)
    except encryption.errors() as error:
        raise DatabaseError(
            f"The passphrase of {path.name} could not be changed: {error}."
        ) from error


def tidy(path: Path) -> None:
    """Remove what an interrupted conversion of ``path`` left (a plain copy, maybe)."""
    for suffix in LEFTOVERS:
        leftover = path.with_name(path.name + suffix)
        if leftover.exists():
            remove_with_side_files(leftover)
