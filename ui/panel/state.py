"""What panel mode remembers on this computer: which audit was in panel mode (so the next start
goes straight back to it) and the chosen text size. Per database, since a laptop may hold
several; written at once, so a killed process still finds it."""

from __future__ import annotations

import hashlib

from ui.settings import qsettings

DEFAULT_POINT_SIZE = 12
SMALLEST, LARGEST = 9, 24


def _key(location: str) -> str:
    return "panel/" + hashlib.sha1(location.encode("utf-8")).hexdigest()[:16]


def open_audit(location: str) -> int | None:
    """The audit left in panel mode in this database, if any."""
    value = qsettings().value(f"{_key(location)}/open_audit")
    try:
        return int(str(value)) if value not in (None, "") else None
    except ValueError:
        return None


def remember_open(location: str, audit_id: int) -> None:
    settings = qsettings()
    settings.setValue(f"{_key(location)}/open_audit", audit_id)
    settings.sync()


def forget_open(location: str) -> None:
    settings = qsettings()
    settings.remove(f"{_key(location)}/open_audit")
    settings.sync()


def point_size() -> int:
    value = qsettings().value("panel/point_size", DEFAULT_POINT_SIZE)
    try:
        return min(LARGEST, max(SMALLEST, int(str(value))))
    except ValueError:
        return DEFAULT_POINT_SIZE


def set_point_size(size: int) -> int:
    size = min(LARGEST, max(SMALLEST, size))
    settings = qsettings()
    settings.setValue("panel/point_size", size)
    settings.sync()
    return size
