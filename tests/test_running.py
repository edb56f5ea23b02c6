"""Knowing that the last run did not close properly, and the crash log."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from panel_app import running


def test_a_clean_exit_leaves_no_marker() -> None:
    running.mark_running("sqlite:///x.db")
    running.mark_closed()
    assert running.unclean_last_run() is None


def test_a_killed_run_is_noticed_with_its_crash_log(private_folders: Path) -> None:
    code = (
        "import os, signal\n"
        "from panel_app import running\n"
        "running.install_crash_log()\n"
        "running.mark_running('sqlite:///panel.db')\n"
        "os.kill(os.getpid(), signal.SIGSEGV)\n"
    )
    env = {**os.environ}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True)
    assert result.returncode == -signal.SIGSEGV
    last = running.unclean_last_run()
    assert last is not None and last.database == "sqlite:///panel.db"
    assert last.crash_log is not None
    assert "Fatal Python error: Segmentation fault" in last.crash_log.read_text()


def test_an_uncaught_exception_is_logged_and_told_plainly() -> None:
    told: list[str] = []
    running.install_excepthook(told.append)
    try:
        raise ValueError("boom")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        sys.excepthook = sys.__excepthook__
    assert "ValueError: boom" in running.crash_log_path().read_text()
    assert told and "What you had saved is safe" in told[0]


def test_a_refusal_no_screen_caught_is_told_in_its_own_words_not_as_a_crash() -> None:
    from panel_app.errors import StorageError

    told: list[str] = []
    running.install_excepthook(told.append)
    try:
        raise StorageError("Not saved: the disk holding the database is full.")
    except StorageError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    finally:
        sys.excepthook = sys.__excepthook__
    assert told == ["Not saved: the disk holding the database is full."]
    assert not running.crash_log_path().exists()
