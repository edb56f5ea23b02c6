import subprocess
import sys

from panel_app import __version__


def test_version_is_printed() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "panel_app", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"Audit Panel {__version__}"
