"""Crash trials on CI: twenty real app processes, each killed with SIGKILL at a random moment
while capturing entries; every one's database must be sound and hold every entry reported
committed, and at most about a second of typing may be lost. (bench/crash_trials.py runs 100.)

A failure names its trial's seed; AUDIT_PANEL_CRASH_SEED=<seed> with AUDIT_PANEL_CRASH_TRIALS=1
runs the same trials again (the first trial's seed is derived from the base seed).
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from panel_app.database import open_database
from tests.builders import build_audit
from tests.crash_trials import Trials
from ui import binding

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX"),
]

TRIALS = int(os.environ.get("AUDIT_PANEL_CRASH_TRIALS", "20"))
SEED = int(os.environ.get("AUDIT_PANEL_CRASH_SEED", "20170510"))
#: Typing goes unsaved for at most binding.MAX_WAIT_MS; the rest is timers firing late on a
#: busy machine.
LOST_TYPING_MS = binding.MAX_WAIT_MS + 500


@pytest.fixture(scope="module")
def trials(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Trials]:
    """One fork server and one template database for the module's trials."""
    folder = tmp_path_factory.mktemp("crash-trials")
    template = folder / "template.db"
    shutil.copyfile(sqlite_template, template)
    database = open_database(f"sqlite:///{template}")
    with database.transaction() as session:
        audit_id = build_audit(session).audit_id
    database.close()
    with Trials(template, audit_id, folder / "trials") as running:
        yield running


def test_killed_at_random_moments_nothing_committed_is_lost(trials: Trials) -> None:
    report = trials.run(TRIALS, SEED, pace="brisk", window=(0.1, 3.0))
    figures = report.figures()
    print("crash trials:", figures)
    assert [(t.seed, t.problems) for t in report.failures] == []
    assert figures["trials"] == TRIALS
    # The kills came while typing (on a busy machine the first key can come after an early one).
    assert sum(t.keys > 0 for t in report.trials) >= TRIALS * 3 // 4
    assert figures["entries"] >= TRIALS // 4  # lines were being recorded, not only typed
    assert figures["worst_typing_ms"] <= LOST_TYPING_MS, figures


def test_told_to_stop_by_a_logout_it_closes_properly_and_keeps_every_keystroke(
    trials: Trials,
) -> None:
    trial = trials.one(SEED, "brisk", (0.3, 1.0), stop=signal.SIGTERM)
    assert trial.problems == [] and trial.status == 0
    assert trial.keys > 0 and trial.lost_keys == 0  # the line being typed was kept
