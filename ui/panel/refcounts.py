"""A guard against a PySide6 build that hands back ``None`` and ``True`` without a reference.

The PySide6 6.12 wheel (an abi3 build) was compiled with Python 3.12's headers, where ``None``,
``True`` and ``False`` are immortal and ``Py_RETURN_NONE`` no longer counts a reference. On
Python 3.11 every void Qt call then takes one reference from ``None`` and every signal emitted
from Python one from ``True`` (which starts with a few hundred): a panel whose clock ticks every
second dies with "Fatal Python error: bool_dealloc" within minutes.

pyproject.toml therefore asks for a PySide6 before 6.12; this guard stays for anyone who runs
the app on such a build anyway. ``guard()`` checks for the leak and, only when it is there
(Python before 3.12), gives the three singletons enough references never to reach zero: they
are never freed anyway.
"""

from __future__ import annotations

import ctypes
import logging
import sys

log = logging.getLogger(__name__)

#: References added to each singleton: more than a panel could ever leak (one per Qt call).
HEADROOM = 1 << 40

_guarded = False


def leaks() -> bool:
    """Does a void Qt call take a reference from ``None``?"""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")
    return sys.getrefcount(None) <= before - 8


def guard() -> bool:
    """Protect this process; returns whether the leak was found (and guarded against)."""
    global _guarded
    if _guarded or sys.version_info >= (3, 12) or not leaks():
        return _guarded
    for singleton in (None, True, False):
        # CPython 3.11 keeps the reference count first in every object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += HEADROOM
    _guarded = True
    log.warning("PySide6 leaks references to None/True on this Python: guarded against it")
    return True
