"""The bad-input sweep (tests/test_bad_input.py) at ten times its usual size, or as many times
as given: prints Hypothesis' examples per field at the end.

    python bench/bad_input_sweep.py [SCALE]
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    scale = sys.argv[1] if len(sys.argv) > 1 else "10"
    env = {**os.environ, "AUDIT_PANEL_SWEEP": scale, "QT_QPA_PLATFORM": "offscreen"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
               str(ROOT / "tests" / "test_bad_input.py")]  # fmt: skip
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
