"""Noticing that a database's write-ahead log went missing after the app stopped uncleanly.

In WAL mode a committed change lives in ``<database>-wal`` until it is checkpointed into the
database file; closing the app checkpoints and removes the log. After a crash the log holds the
last changes, and the next open replays them. If the log is deleted (or cut short) in between,
SQLite opens the database as it was at the last checkpoint without a word: the file is sound,
but those changes are gone. The shared-memory index beside it (``<database>-shm``) still says how
many frames the log held, which is how the loss is noticed, so the user can be told.
"""

from __future__ import annotations

import struct
from pathlib import Path

#: The WAL file's header, and each frame's header before its page.
WAL_HEADER = 32
FRAME_HEADER = 24
#: The index header (``WalIndexHdr``), kept twice at the start of the -shm file, and the
#: number of frames already copied into the database (``nBackfill``), just after both copies.
_INDEX = struct.Struct("=IIIBBHII")
_INDEX_SIZE = 48
_BACKFILL = struct.Struct("=I")
_BACKFILL_AT = 2 * _INDEX_SIZE


def lost_frames(database: Path) -> int:
    """How many committed pages in the log are missing (0 when nothing is, or it cannot tell).

    Call it before anything opens the database: opening it resets the index."""
    shm = Path(f"{database}-shm")
    try:
        index = shm.read_bytes()[: _BACKFILL_AT + _BACKFILL.size]
    except OSError:
        return 0
    whole = len(index) == _BACKFILL_AT + _BACKFILL.size
    if not whole or index[:_INDEX_SIZE] != index[_INDEX_SIZE:_BACKFILL_AT]:
        return 0  # no index, or one caught mid-change: SQLite rebuilds it from the log
    _version, _unused, _change, initialised, _big_end, page_code, frames, _pages = _INDEX.unpack(
        index[: _INDEX.size]
    )
    (copied,) = _BACKFILL.unpack(index[_BACKFILL_AT : _BACKFILL_AT + _BACKFILL.size])
    if not initialised or frames <= copied:
        return 0
    page_size = 65536 if page_code == 1 else page_code
    try:
        size = Path(f"{database}-wal").stat().st_size
    except FileNotFoundError:
        size = 0
    except OSError:
        return 0
    present = max(0, size - WAL_HEADER) // (page_size + FRAME_HEADER)
    return max(0, int(frames) - max(present, int(copied)))
