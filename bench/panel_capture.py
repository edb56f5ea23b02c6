"""Panel-mode benchmark: how long the minute-taker waits after Enter, and the chair after
choosing another case, on the large generated database (bench/large.db: 100 discussion points
on each case, all at its discussion step, so the list being added to is a long one).

  capture    Enter in the capture line → the entry committed (its own transaction, synced
             to disk: SQLite synchronous=FULL) and shown in the list, painted; with the
             presentation view open, then also the projector redrawn (straight after);
  case       a click on another case in the agenda → the whole walk-through (step, agenda,
             steps, captured list) redrawn and painted; then the new position saved;
  step       Page Down → the next step shown, painted; then saved.

A move is shown first and saved straight after the repaint, so "shown" is what the chair waits
for and "saved" when it is on disk. Each figure is also taken with the presentation view open
(the projector following). The floor is a bare SQLite commit on the same disk: no entry can be
committed faster than that. Prints the median and 99th percentile of each; the aim is one
frame (16 ms) at the median. Works on a copy of the database, so the generated file is left as
it is.

    python bench/panel_capture.py [--entries 150] [--switches 80] [--database PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
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


def report(name: str, values: list[float], cpu: list[float] | None = None) -> None:
    ms = [v * 1000 for v in values]
    line = (
        f"  {name:<46} median {statistics.median(ms):6.2f} ms   p99 {percentile(ms, 0.99):6.2f} ms"
    )
    if cpu:
        line += f"   (CPU {statistics.median(cpu) * 1000:5.2f} ms)"
    print(f"{line}   n={len(ms)}", flush=True)


def disk_floor(folder: Path, runs: int = 60) -> list[float]:
    """A one-row commit in WAL mode with synchronous=FULL, as the app's database does."""
    connection = sqlite3.connect(folder / "floor.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE t (x)")
    times = []
    for number in range(runs):
        began = time.perf_counter()
        connection.execute("BEGIN")
        connection.execute("INSERT INTO t VALUES (?)", (number,))
        connection.execute("COMMIT")
        times.append(time.perf_counter() - began)
    connection.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=150)
    parser.add_argument("--switches", type=int, default=80)
    parser.add_argument("--database", type=Path, default=ROOT / "bench" / "large.db")
    args = parser.parse_args()
    if not args.database.exists():
        print(f"{args.database} is missing: generating it first (about a minute)…", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_large.py")], check=True)

    work = Path(tempfile.mkdtemp(prefix="panel-bench-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")
    os.environ["XDG_CONFIG_HOME"] = str(work / "config")
    copy = work / "large.db"
    shutil.copyfile(args.database, copy)

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import text

    from db.enums import Step
    from panel_app.database import open_database
    from panel_app.panel.flow import Position, StepRef
    from panel_app.services.audits import list_audits
    from ui.app import make_application
    from ui.main_window import MainWindow

    database = open_database(f"sqlite:///{copy}")  # upgraded here, before any timing
    with database.transaction() as session:
        audits = list_audits(session)
        points = session.execute(text("SELECT COUNT(*) FROM discussion_point")).scalar() or 0
    print(
        f"Panel mode on {args.database.name}: {len(audits)} audits, {points:,} discussion "
        f"points (Qt platform: {os.environ['QT_QPA_PLATFORM']}, window 1366×768)",
        flush=True,
    )
    report("floor: a bare SQLite commit on this disk", disk_floor(work))

    _app = make_application()  # kept alive for the whole run
    window = MainWindow(database)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)  # the keys below go through its shortcuts
    workspace = window.open_audit(audits[0].id)
    assert workspace is not None
    panel = workspace.start_panel()
    assert panel is not None
    panel.start_walkthrough()
    walk, controller = panel.walk, panel.controller
    line = walk.capture.line
    first = controller.walk.cases[0].case_id
    controller.go(Position(first, StepRef(Step.DISCUSSION)))
    QApplication.processEvents()

    def shown() -> None:
        QApplication.sendPostedEvents()  # layout and repaint of what changed, not the save

    cpu: dict[str, list[float]] = {}

    def timed(action: Callable[[], object], what: str) -> tuple[float, float]:
        """(until shown, until shown and saved); the process's own CPU time is kept too,
        as the figure another program on a shared machine cannot inflate."""
        began, began_cpu = time.perf_counter(), time.process_time()
        action()
        shown()
        painted, painted_cpu = time.perf_counter(), time.process_time()
        QApplication.processEvents()  # the save after the repaint, and anything queued
        cpu.setdefault(f"{what} shown", []).append(painted_cpu - began_cpu)
        cpu.setdefault(f"{what} saved", []).append(time.process_time() - began_cpu)
        return painted - began, time.perf_counter() - began

    def capture_run(count: int, offset: int) -> tuple[list[float], list[float]]:
        before = walk.capture_model.rowCount()
        seen, after = [], []
        for number in range(count):
            line.setText(f"{LINES[number % len(LINES)]} ({offset + number})")
            result = timed(lambda: QTest.keyClick(line, Qt.Key.Key_Return), "capture")
            seen.append(result[0])
            after.append(result[1])
            walk.capture.prompt.setVisible(False)
        assert walk.capture_model.rowCount() == before + count, "an entry went missing"
        return seen, after

    def case_run(count: int) -> tuple[list[float], list[float]]:
        agenda = walk.agenda_model
        seen, saved = [], []
        for number in range(count):
            index = agenda.index((number + 1) % agenda.rowCount())
            point: QPoint = walk.agenda.visualRect(index).center()
            viewport = walk.agenda.viewport()
            result = timed(
                lambda p=point, v=viewport: QTest.mouseClick(v, Qt.MouseButton.LeftButton, pos=p),
                "case",
            )
            seen.append(result[0])
            saved.append(result[1])
        return seen, saved

    def step_run(count: int) -> tuple[list[float], list[float]]:
        seen, saved = [], []
        while len(seen) < count:
            position = controller.position
            assert position is not None
            if controller.walk.is_last_step(position):
                controller.go(controller.walk.start_of(first))  # round again, untimed
                QApplication.processEvents()
                continue
            result = timed(lambda: QTest.keyClick(line, Qt.Key.Key_PageDown), "step")
            assert controller.position != position, "Page Down did not move on"
            seen.append(result[0])
            saved.append(result[1])
        return seen, saved

    for projector in (False, True):
        if projector:
            presentation = panel.toggle_presentation()
            presentation.resize(1920, 1080)
            controller.go(Position(first, StepRef(Step.DISCUSSION)))
            QApplication.processEvents()
            print("With the presentation view open (1920×1080), following live:", flush=True)
        else:
            print("Panel mode alone:", flush=True)
        cpu.clear()
        listed = walk.capture_model.rowCount()
        seen, after = capture_run(args.entries, 1000 * projector)
        report(f"Enter → committed and shown ({listed}+ listed)", seen, cpu["capture shown"])
        if projector:
            report("Enter → … and the projector redrawn", after, cpu["capture saved"])
        seen, saved = case_run(args.switches)
        report("click another case → case shown", seen, cpu["case shown"])
        report("click another case → shown and saved", saved, cpu["case saved"])
        seen, saved = step_run(args.switches)
        report("Page Down → next step shown", seen, cpu["step shown"])
        report("Page Down → shown and saved", saved, cpu["step saved"])

    database.close()
    shutil.rmtree(work, ignore_errors=True)
    os._exit(0)  # the figures are taken; tearing Qt down is not what anyone waits for


if __name__ == "__main__":
    main()
