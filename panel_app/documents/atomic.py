"""Saving a document so that no half-written file is ever left where the user looks.

The writer fills a temporary file beside the target, which then replaces the target in one
step (``os.replace``). The temporary file has a name of our own,
``.audit-panel-export-XXXXXXXX.pdf``: if the app is killed in the middle of an export it stays
behind, and the next export into that folder removes it once it is more than a minute old
(a younger one may belong to another copy of the app, exporting at this moment). Nothing that
does not match the pattern is ever touched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from panel_app.errors import DomainError

PREFIX = ".audit-panel-export-"
#: ``tempfile``'s eight random characters between our prefix and a document's suffix.
OURS = re.compile(r"\.audit-panel-export-[a-z0-9_]{8}\.(pdf|docx|xlsx)", re.IGNORECASE)
STALE_AFTER = 60.0  # seconds


def sweep_stale(folder: Path, now: float | None = None) -> list[Path]:
    """Remove our own temporary files older than a minute from ``folder``; return them."""
    cutoff = (time.time() if now is None else now) - STALE_AFTER
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not OURS.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):  # gone already, or not ours to remove
            if entry.is_file(follow_symlinks=False) and (
                entry.stat(follow_symlinks=False).st_mtime < cutoff
            ):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def plain_error(error: OSError, path: Path) -> DomainError:
    """What went wrong saving ``path``, in words the user can act on."""
    folder = path.parent
    if not folder.is_dir():
        return DomainError(f"The folder {folder} does not exist. Choose another folder.", "path")
    if error.errno == errno.ENOSPC:
        return DomainError(f"There is no space left to save {path.name} in {folder}.", "path")
    if path.is_dir():
        return DomainError(f"{path} is a folder. Choose a file name.", "path")
    if isinstance(error, PermissionError) and path.exists():
        return DomainError(
            f"{path.name} could not be replaced: it may be open in another program. "
            "Close it there, or save under another name.",
            "path",
        )
    return DomainError(
        f"{path.name} could not be saved in {folder}: the folder cannot be written to. "
        "Choose another folder.",
        "path",
    )


def save_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Let ``write`` fill a temporary file beside ``path``, then move it into place.

    File-system errors become a plain ``DomainError``; a file being replaced keeps its
    permissions. Returns ``path``.
    """
    sweep_stale(path.parent)
    try:
        handle, name = tempfile.mkstemp(prefix=PREFIX, suffix=path.suffix, dir=path.parent)
    except OSError as error:
        raise plain_error(error, path) from error
    temporary = Path(name)
    try:
        os.close(handle)
        write(temporary)
        if path.is_file():
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except OSError as error:
        raise plain_error(error, path) from error
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return path
