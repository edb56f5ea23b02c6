"""Start-up benchmark: how long the chair waits between launching and seeing the audits.

Measured in the same run, each in a fresh process, from just before the process is started
(so interpreter start-up and imports count), median of several runs:

  bare   a bare PySide6 QMainWindow's first paint (the floor no Qt app can beat);
  app    Audit Panel's main window's first paint, on the large database;
  list   Audit Panel until the audit list of the large database is painted with its rows;
  first  the very first start: a new data folder, the database made and the demo audits
         loaded, until they are listed.

Prints the figures and the ratios app/bare, list/bare and first/bare.

    python bench/startup.py [--runs 5] [--database URL]   (default: bench/large.db, generated
                                                          by bench/generate_large.py if absent)
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, time
t0 = float(os.environ["BENCH_T0"])
mode, url = sys.argv[1], sys.argv[2]
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

app = QApplication(sys.argv[:1])
seen = {}

def done():
    if mode != "bare":  # a clean close, or the next run would go back to where this one was
        from panel_app import running
        running.mark_closed()
    print(json.dumps(seen))
    sys.stdout.flush()
    os._exit(0)  # the figures are taken; closing down is not what the chair waits for

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            now = time.time() - t0
            if isinstance(obj, QMainWindow) and "first_paint" not in seen:
                seen["first_paint"] = now
                if mode == "bare":
                    done()
            parent = obj.parent()
            if isinstance(parent, QTableView) and parent.model() is not None \
                    and parent.model().rowCount() > 0 and "list" not in seen:
                seen["list"] = now
                seen["rows"] = parent.model().rowCount()
                done()
        return False

watch = Watch()
app.installEventFilter(watch)
if mode == "bare":
    window = QMainWindow()
    window.resize(1100, 680)
    window.show()
    app.exec()
else:
    from ui.app import run_app
    run_app(url)
"""


def first_start() -> dict[str, float]:
    """The app started on a data folder of its own, as on a new laptop."""
    with tempfile.TemporaryDirectory() as home:
        folders = {f"XDG_{kind}_HOME": f"{home}/{kind.lower()}" for kind in ("DATA", "CONFIG")}
        url = f"sqlite:///{home}/audit-panel.db"
        return measure("app", url, folders)


def measure(mode: str, url: str, extra: dict[str, str] | None = None) -> dict[str, float]:
    env = {**os.environ, **(extra or {}), "BENCH_T0": repr(time.time()), "PYTHONPATH": str(ROOT)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen" if not os.environ.get("DISPLAY") else "xcb")
    result = subprocess.run(
        [sys.executable, "-c", CHILD, mode, url],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0 or not result.stdout.strip():
        raise SystemExit(f"{mode} run failed:\n{result.stderr}")
    return dict(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database", default=f"sqlite:///{ROOT / 'bench' / 'large.db'}")
    args = parser.parse_args()
    # The bench's own settings and markers, not the user's (nor a previous run's).
    os.environ.update(
        {f"XDG_{kind}_HOME": tempfile.mkdtemp(prefix="bench-") for kind in ("DATA", "CONFIG")}
    )
    if (
        args.database == f"sqlite:///{ROOT / 'bench' / 'large.db'}"
        and not (ROOT / "bench" / "large.db").exists()
    ):
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_large.py")], check=True)
    measure("bare", args.database)  # warm the file cache for both
    measure("app", args.database)
    bare, first, listed, new = [], [], [], []
    rows = demos = 0
    for _ in range(args.runs):
        bare.append(measure("bare", args.database)["first_paint"])
        app = measure("app", args.database)
        first.append(app["first_paint"])
        listed.append(app["list"])
        rows = int(app["rows"])
        started = first_start()
        new.append(started["list"])
        demos = int(started["rows"])
    b, f, l_, n = (statistics.median(x) * 1000 for x in (bare, first, listed, new))
    platform = os.environ.get("QT_QPA_PLATFORM") or (
        "xcb" if os.environ.get("DISPLAY") else "offscreen"
    )
    print(f"Start-up, median of {args.runs} runs (Qt platform: {platform})")
    print(f"  bare PySide6 window, first paint      {b:7.0f} ms")
    print(f"  Audit Panel, first paint              {f:7.0f} ms")
    print(f"  Audit Panel, audit list shown ({rows} rows) {l_:7.0f} ms")
    print(f"  first start, demo audits listed ({demos} rows) {n:6.0f} ms")
    print(f"  ratio app first paint / bare          {f / b:7.2f}")
    print(f"  ratio audit list shown / bare         {l_ / b:7.2f}")
    print(f"  ratio first start / bare              {n / b:7.2f}")


if __name__ == "__main__":
    main()
