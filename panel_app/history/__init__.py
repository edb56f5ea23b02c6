"""The change history: who changed what in an audit, and when (recorder.py writes it, lines.py
reads it back in plain English)."""

from panel_app.history.recorder import AMENDMENT, OFF, USER, MinutesLockedError, install, paused

__all__ = ["AMENDMENT", "OFF", "USER", "MinutesLockedError", "install", "paused"]
