"""Preparing an audit: how long the business manager waits on each of its screens.

On the large database (bench/generate_large.py: 20 audits of 10 agencies × 5 cases, every
agency graded in every case), offscreen, median of several runs:

  open          opening an audit (its first screen shown)
  first <page>  the first time a screen is shown (built, then read from the database)
  again <page>  showing it again (read only)
  grid letter   one cell of the involvement grid set from the keyboard (written, read again)
  grid paste    a whole case column pasted into another (one transaction, read again)
  summary key   a pause in typing an agency summary saved (written, completeness read again)

    python bench/audit_screens.py [--runs 5] [--database URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QItemSelectionModel  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from panel_app.database import open_database  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.pages.involvement import InvolvementPage  # noqa: E402
from ui.pages.summaries import SummariesPage  # noqa: E402
from ui.workspace import PAGES  # noqa: E402


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    QApplication.processEvents()
    return (time.perf_counter() - start) * 1000


def one_run(window: MainWindow, audit_id: int, figures: dict[str, list[float]]) -> None:
    figures["open"].append(timed(lambda: window.open_audit(audit_id)))
    workspace = window.workspace
    assert workspace is not None
    for page in PAGES:
        figures[f"first {page.title}"].append(timed(lambda p=page: workspace.go_to(p)))
    for page in PAGES:
        figures[f"again {page.title}"].append(timed(lambda p=page: workspace.go_to(p)))
    grid = workspace.go_to(InvolvementPage)
    assert isinstance(grid, InvolvementPage)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
    grid.view.selectionModel().setCurrentIndex(grid.model.index(0, 0), flags)
    figures["grid letter"].append(timed(lambda: grid.actions_by_status[_next(grid)].trigger()))
    grid.view.selectColumn(0)
    grid.copy()
    grid.view.clearSelection()
    grid.view.selectColumn(1)
    QGuiApplication.clipboard().setText(QGuiApplication.clipboard().text().replace(
        "Audited", "Not known"))  # fmt: skip
    figures["grid paste"].append(timed(grid.paste))
    summaries = workspace.go_to(SummariesPage)
    assert isinstance(summaries, SummariesPage)
    box = summaries.editor.summary
    box.setPlainText(box.toPlainText() + " More.")
    figures["summary key"].append(timed(summaries.editor.commit))
    window.undo_group.activeStack().setIndex(0)  # everything back as it was for the next run


def _next(grid: InvolvementPage) -> object:
    from db.enums import InvolvementStatus

    now = grid.model.status(grid.model.index(0, 0))
    return (InvolvementStatus.OUT_OF_SCOPE if now is InvolvementStatus.AUDITED
            else InvolvementStatus.AUDITED)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", default="")
    args = parser.parse_args()
    url = args.database
    if not url:
        path = ROOT / "bench" / "large.db"
        if not path.exists():
            subprocess.run([sys.executable, str(ROOT / "bench" / "generate_large.py")], check=True)
        url = f"sqlite:///{path}"
    app = make_application()
    database = open_database(url)
    window = MainWindow(database)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    audit_id = window.list_page.model.rows()[0].id
    figures: dict[str, list[float]] = defaultdict(list)
    for _ in range(args.runs):
        one_run(window, audit_id, figures)
        window.show_list()
    print(f"Audit screens on {database.location}, median of {args.runs} runs (ms):")
    for name, values in figures.items():
        print(f"  {name:<28} {statistics.median(values):7.1f}   (worst {max(values):.1f})")
    sys.stdout.flush()
    os._exit(0)  # the figures are taken; Qt's tear-down at exit is not what anyone waits for


if __name__ == "__main__":
    main()
