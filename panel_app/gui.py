"""Starting the GUI: the one place in panel_app that reaches into ui/ (lazily)."""

from __future__ import annotations

import os
import sys


def has_display() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def start_gui(database_url: str | None) -> int:
    if not has_display():
        print(
            "audit-panel: there is no screen to show the window on (DISPLAY is not set). "
            "Run it from a desktop session, or use a command such as 'audit-panel list'.",
            file=sys.stderr,
        )
        return 1
    from ui.app import run_app

    return run_app(database_url)
