"""Slow work (an export, reading a big spreadsheet) off the GUI thread, with progress shown.

``run_in_background`` runs ``work(session)`` in a ``QThread`` with a session of its own (one
transaction, as every user action), shows a busy ``QProgressDialog`` if it takes longer than
half a second, and calls back on the GUI thread with the result or a plain-English refusal.
The window keeps painting meanwhile, so the chair never sees it freeze.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, QThread
from PySide6.QtWidgets import QProgressDialog, QWidget

from panel_app.errors import DomainError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from panel_app.database import Database

log = logging.getLogger(__name__)

#: Anything quicker than this finishes without a progress dialog ever appearing.
SHOW_PROGRESS_AFTER_MS = 500

#: Jobs still running, kept alive here: a QThread destroyed while running takes the app down.
_RUNNING: set[Job] = set()


class Job(QThread):
    """One piece of work in its own thread and its own transaction."""

    def __init__(self, database: Database, work: Callable[[Session], Any]) -> None:
        super().__init__()
        self.database = database
        self.work = work
        self.result: Any = None
        self.error: DomainError | None = None
        self.progress: QProgressDialog | None = None  # shown if the work takes a while

    def run(self) -> None:
        try:
            with self.database.transaction() as session:
                self.result = self.work(session)
        except DomainError as refusal:
            self.error = refusal
        except Exception:  # never a traceback for the user; the details go to the log
            log.exception("background work failed")
            self.error = DomainError(
                "Something went wrong and the work was not finished. Nothing in the audit "
                "was changed; the details are in the log."
            )


def busy() -> bool:
    """Whether a job is still at work (a restore must not close the database under it)."""
    return bool(_RUNNING)


def _wait_for_jobs() -> None:
    for job in list(_RUNNING):
        job.wait()


_watching: list[QCoreApplication] = []


def _watch_quit() -> None:
    """Wait for running jobs when the app quits, once per application."""
    app = QCoreApplication.instance()
    if app is not None and app not in _watching:
        app.aboutToQuit.connect(_wait_for_jobs)
        _watching.append(app)


def run_in_background(
    parent: QWidget,
    label: str,
    database: Database,
    work: Callable[[Session], Any],
    done: Callable[[Any], None],
    failed: Callable[[DomainError], None],
) -> Job:
    """Start ``work``; ``done(result)`` or ``failed(error)`` follows on the GUI thread.

    Neither is called if ``parent`` has gone by then (the audit was closed meanwhile).
    """
    progress = QProgressDialog(label, "", 0, 0, parent.window())
    progress.setWindowTitle("Audit Panel")
    progress.setCancelButton(None)  # the work cannot be stopped halfway
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setAutoReset(False)
    progress.setAutoClose(False)
    progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
    progress.setValue(0)
    job = Job(database, work)
    job.progress = progress

    def finished() -> None:
        _RUNNING.discard(job)
        if shiboken6.isValid(progress):
            progress.reset()
            progress.hide()
            progress.deleteLater()
        job.deleteLater()
        if not shiboken6.isValid(parent):
            return
        if job.error is not None:
            failed(job.error)
        else:
            done(job.result)

    job.finished.connect(finished, Qt.ConnectionType.QueuedConnection)
    _watch_quit()
    _RUNNING.add(job)
    job.start()
    return job
