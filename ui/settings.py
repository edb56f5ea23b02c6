"""Qt-side settings: window geometry, kept beside the app's other settings."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QWidget

from panel_app import paths


def qsettings() -> QSettings:
    return QSettings(str(paths.config_dir() / "windows.ini"), QSettings.Format.IniFormat)


def restore_geometry(widget: QWidget, key: str) -> bool:
    value = qsettings().value(f"{key}/geometry")
    return isinstance(value, QByteArray) and widget.restoreGeometry(value)


def save_geometry(widget: QWidget, key: str) -> None:
    settings = qsettings()
    settings.setValue(f"{key}/geometry", widget.saveGeometry())
    settings.sync()
