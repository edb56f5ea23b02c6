"""Every path the app writes to, from one place so tests can redirect them (XDG_* variables)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "audit-panel"
DATABASE_FILE = "audit-panel.db"


def data_dir() -> Path:
    """The user's data folder: the database, its backups and crash logs live here."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False, ensure_exists=True)


def config_dir() -> Path:
    return platformdirs.user_config_path(APP_NAME, appauthor=False, ensure_exists=True)


def default_database_path() -> Path:
    return data_dir() / DATABASE_FILE


def default_database_url() -> str:
    return f"sqlite:///{default_database_path()}"


def resources_dir() -> Path:
    """Icons, stylesheet, fonts and the demo audits: found beside the installed package."""
    import resources

    return Path(resources.__file__).resolve().parent
