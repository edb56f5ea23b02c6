"""Choosing a file to save or open: the seam tests patch, and the folder the app remembers.

Headless (tests, offscreen runs) no dialog is shown and nothing is chosen, as in ``msgbox``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from panel_app import settings
from ui import msgbox

log = logging.getLogger(__name__)


class SaveFile:
    @classmethod
    def ask(
        cls, parent: QWidget | None, caption: str, suggested: Path, filters: str
    ) -> Path | None:
        if msgbox._headless():
            log.info("%s: %s (nothing chosen)", caption, suggested)
            return None
        name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), filters)
        return Path(name) if name else None


class OpenFile:
    @classmethod
    def ask(cls, parent: QWidget | None, caption: str, folder: Path, filters: str) -> Path | None:
        if msgbox._headless():
            log.info("%s: %s (nothing chosen)", caption, folder)
            return None
        name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder), filters)
        return Path(name) if name else None


def documents_folder() -> Path:
    """Where the last document was saved, else the user's Documents folder, else home."""
    remembered = Path(settings.load().export_folder or "")
    if remembered.is_absolute() and remembered.is_dir():
        return remembered
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def remember_folder(path: Path) -> None:
    try:
        settings.update(export_folder=str(path.parent))
    except OSError as error:  # a setting not kept is no reason to fail an export
        log.warning("The export folder could not be remembered: %s", error)


def open_file(parent: QWidget | None, path: Path) -> bool:
    """Open ``path`` in the program the system uses for it."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    msgbox.error(
        parent,
        "Audit Panel",
        f"{path.name} was saved, but no program on this computer opened it. "
        f"It is in {path.parent}.",
    )
    return False


def show_folder(parent: QWidget | None, path: Path) -> bool:
    """Show the folder holding ``path`` in the system's file manager."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))):
        return True
    msgbox.error(parent, "Audit Panel", f"The folder {path.parent} could not be shown.")
    return False
