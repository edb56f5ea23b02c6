"""Knowing whether the app closed properly last time, and keeping a crash log.

A marker file in the data folder says the app is running (its process id and the database).
A clean exit removes it; finding it at start-up with its process gone means the last run ended
without closing: killed, crashed or the laptop lost power. Uncaught exceptions and fatal signals
are written to ``crash.log`` beside it (faulthandler catches what Python cannot).
"""

from __future__ import annotations

import faulthandler
import json
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from panel_app import paths
from panel_app.errors import DomainError

MARKER = "running.json"
CRASH_LOG = "crash.log"
_fault_file: IO[str] | None = None


@dataclass(frozen=True)
class LastRun:
    """What the marker of a run that did not close properly says."""

    started: datetime
    database: str
    crash_log: Path | None


def _marker() -> Path:
    return paths.data_dir() / MARKER


def crash_log_path() -> Path:
    return paths.data_dir() / CRASH_LOG


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def unclean_last_run() -> LastRun | None:
    """The previous run, if it did not close properly (and is not still running)."""
    try:
        data: dict[str, Any] = json.loads(_marker().read_text(encoding="utf-8"))
        pid, started = int(data["pid"]), datetime.fromisoformat(data["started"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if pid == os.getpid() or _alive(pid):
        return None  # this run's own marker, or another copy of the app still running
    return LastRun(started, str(data.get("database", "")), _written_since(started))


def _written_since(started: datetime) -> Path | None:
    """The crash log, if the run that started at ``started`` wrote to it (the file is kept
    open by every run, so that a fatal signal can be written; most runs leave nothing)."""
    log = crash_log_path()
    try:
        found = log.stat()
    except OSError:
        return None
    return log if found.st_size and found.st_mtime >= started.timestamp() - 1 else None


def mark_running(database: str) -> None:
    record = {"pid": os.getpid(), "started": datetime.now().isoformat(), "database": database}
    _marker().write_text(json.dumps(record), encoding="utf-8")


def mark_closed() -> None:
    _marker().unlink(missing_ok=True)


def install_crash_log(show: Callable[[str], None] | None = None) -> None:
    """Write uncaught exceptions and fatal signals to the crash log; ``show`` tells the user."""
    enable_fault_log()
    install_excepthook(show)


def enable_fault_log() -> None:
    """Fatal signals (a crash inside Qt) leave a Python traceback in the crash log."""
    global _fault_file
    if _fault_file is None:
        _fault_file = crash_log_path().open("a", encoding="utf-8")
        faulthandler.enable(_fault_file)


def install_excepthook(show: Callable[[str], None] | None = None) -> None:
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if isinstance(error, DomainError) and show is not None:
            # A refusal no screen caught (a move in panel mode when the disk is full): its own
            # words say what to do; it is not a crash.
            show(error.message)
            return
        with crash_log_path().open("a", encoding="utf-8") as log:
            log.write(f"\n--- {datetime.now():%d/%m/%Y %H:%M:%S} ---\n")
            log.writelines(traceback.format_exception(kind, error, tb))
        if show is not None:
            show(
                "Something went wrong inside Audit Panel. What you had saved is safe; the details "
                f"are in {crash_log_path()} for whoever supports the app."
            )
        else:
            previous(kind, error, tb)

    sys.excepthook = hook
