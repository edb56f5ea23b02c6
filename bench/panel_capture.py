"""Panel-mode benchmark: how long the minute-taker waits after Enter, and the chair after
choosing another case, on the large generated database.

  capture   Enter in the capture line → the entry committed (its own transaction, synced to
            disk) and shown in the list, painted;
  case      a case chosen on the agenda → the new position saved and the whole walk-through
            (step, agenda, steps, captured list) redrawn and painted;
  step      Next (Page Down) → the next step saved and shown.

Prints the median and 99th percentile of each. The aim is one frame (16 ms) at the median.
Works on a copy of the database, so the generated file is left as it is.

    python bench/panel_capture.py [--entries 300] [--switches 200] [--database PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

LINES = (
    "The agencies shared information promptly at the strategy discussion.",
    "gp: Persistent challenge by the Virtual School until a place was agreed.",
    "l: Plans must say what will change for the child, not list adult tasks.",
    "a: Refresh the chronology @Police by +4w",
)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(name: str, values: list[float]) -> None:
    ms = [v * 1000 for v in values]
    print(
        f"  {name:<44} median {statistics.median(ms):6.2f} ms   "
        f"p99 {percentile(ms, 0.99):6.2f} ms   (n={len(ms)})"
    )


def timed(action: Callable[[], object], settle: Callable[[], None]) -> float:
    began = time.perf_counter()
    action()
    settle()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=300)
    parser.add_argument("--switches", type=int, default=200)
    parser.add_argument("--database", type=Path, default=ROOT / "bench" / "large.db")
    args = parser.parse_args()
    if not args.database.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_large.py")], check=True)

    work = Path(tempfile.mkdtemp(prefix="panel-bench-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    copy = work / "large.db"
    shutil.copyfile(args.database, copy)

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import text

    from panel_app.database import open_database
    from panel_app.services.audits import list_audits
    from ui.app import make_application
    from ui.main_window import MainWindow

    database = open_database(f"sqlite:///{copy}")  # upgraded here, before any timing
    with database.transaction() as session:
        audits = list_audits(session)
    _app = make_application()  # kept alive for the whole run
    window = MainWindow(database)
    window.resize(1366, 768)
    window.show()
    workspace = window.open_audit(audits[0].id)
    assert workspace is not None
    panel = workspace.start_panel()
    assert panel is not None
    panel.start_walkthrough()
    walk = panel.walk
    line = walk.capture.line

    def settle() -> None:
        QApplication.processEvents()  # the queued repaint of what changed

    settle()
    capture: list[float] = []
    shown_before = walk.capture_model.rowCount()
    for number in range(args.entries):
        line.setText(f"{LINES[number % len(LINES)]} ({number})")
        capture.append(timed(lambda: QTest.keyClick(line, Qt.Key.Key_Return), settle))
        walk.capture.prompt.setVisible(False)
    assert walk.capture_model.rowCount() == shown_before + args.entries, "an entry went missing"

    cases: list[float] = []
    agenda = walk.agenda_model
    for number in range(args.switches):
        index = agenda.index((number + 1) % agenda.rowCount())
        cases.append(timed(lambda i=index: walk._case_chosen(i), settle))

    steps: list[float] = []
    controller = panel.controller
    while len(steps) < args.switches:
        position = controller.position
        assert position is not None
        if controller.walk.is_last_step(position):
            controller.jump_case(controller.walk.cases[0].case_id)  # round again, untimed
            settle()
            continue
        steps.append(timed(walk.next_button.click, settle))

    with database.transaction() as session:
        points = session.execute(text("SELECT COUNT(*) FROM discussion_point")).scalar() or 0
    print(
        f"Panel mode on {args.database.name}: {len(audits)} audits, {points:,} discussion points "
        f"(Qt platform: {os.environ['QT_QPA_PLATFORM']}, SQLite synchronous=FULL)"
    )
    report("Enter → entry committed and shown", capture)
    report("choose another case → case shown", cases)
    report("Next → next step shown", steps)
    sys.stdout.flush()
    database.close()
    shutil.rmtree(work, ignore_errors=True)
    os._exit(0)  # the figures are taken; tearing Qt down is not what anyone waits for


if __name__ == "__main__":
    main()
