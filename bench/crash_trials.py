"""Crash trials benchmark: real Audit Panel processes capturing entries, each killed with SIGKILL
at a random moment; each database is opened again and checked (integrity, every entry reported
committed present, nothing that was not typed). Prints the typing lost per kill.

  lost          from the last keystroke kept (in an entry or the draft) to the last one typed,
                in ms: the figure the issue asks for (a pause to think counts in it);
  typing lost   how long the lost keystrokes took to type, and how many there were.

    python bench/crash_trials.py [--trials 100] [--seed N] [--pace steady|brisk]
                                 [--window 0.2 12] [--spawn]

``--pace steady`` is about 90 words a minute, ``brisk`` a fast burst (what CI uses); the kill
comes at a uniformly random moment within ``--window`` seconds of the first keystroke.
``--spawn`` starts every process from nothing instead of forking it from one that has
imported the app (slower; the same app start-up otherwise).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20170510)
    parser.add_argument("--pace", choices=["steady", "brisk"], default="steady")
    parser.add_argument("--window", type=float, nargs=2, default=(0.2, 12.0))
    parser.add_argument("--side-by-side", type=int, default=2)
    parser.add_argument("--spawn", action="store_true")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="audit-panel-crash-") as folder:
        # Backups, settings and crash markers of the reopened databases stay in here.
        os.environ["XDG_DATA_HOME"] = f"{folder}/data"
        os.environ["XDG_CONFIG_HOME"] = f"{folder}/config"
        from panel_app.database import open_database
        from tests.builders import build_audit
        from tests.crash_trials import Trials

        template = Path(folder) / "template.db"
        database = open_database(f"sqlite:///{template}")
        with database.transaction() as session:
            audit_id = build_audit(session).audit_id
        database.close()
        started = time.monotonic()
        with Trials(template, audit_id, Path(folder) / "trials", spawn=args.spawn) as trials:
            report = trials.run(
                args.trials,
                args.seed,
                pace=args.pace,
                window=(args.window[0], args.window[1]),
                side_by_side=args.side_by_side,
            )
        took = time.monotonic() - started

    figures = report.figures()
    lost = sorted(t.lost_ms for t in report.trials)
    typing = [t.lost_typing_ms for t in report.trials]
    start_up = [t.start_s for t in report.trials]
    print(f"Crash trials: {figures['trials']} kills (SIGKILL), pace {args.pace}, "
          f"seed {args.seed}, {took:.0f} s")  # fmt: skip
    print(f"  failures                         {figures['failures']}")
    print(f"  entries recorded before a kill   {figures['entries']}")
    print(f"  lost (last key kept → last typed) worst {figures['worst_ms']:7.0f} ms   "
          f"median {statistics.median(lost):5.0f} ms   "
          f"p90 {lost[int(0.9 * (len(lost) - 1))]:5.0f} ms")  # fmt: skip
    print(f"  typing lost                       worst {max(typing):7.0f} ms   "
          f"median {statistics.median(typing):5.0f} ms   "
          f"worst {figures['worst_keys']} keystrokes")  # fmt: skip
    print(f"  start-up to the first keystroke   median {statistics.median(start_up):.2f} s")
    for trial in report.failures:
        print(f"  FAILED seed {trial.seed}: {'; '.join(trial.problems)}")
    sys.exit(1 if report.failures else 0)


if __name__ == "__main__":
    main()
