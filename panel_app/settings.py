"""The user's settings that are not about windows: typed, in one JSON file in the config folder.

Qt keeps window geometry in ``windows.ini`` (``ui/settings.py``); everything the services, the
CLI or the tests need to read lives here, so none of it needs Qt. A setting is a field of
``Settings`` with its default; an unknown key in the file is kept (a newer version may have
written it) and a value of the wrong type falls back to the default rather than stopping the app.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from panel_app import paths

log = logging.getLogger(__name__)

FILE = "settings.json"


@dataclass
class Settings:
    #: Who is using the app, for the change history; asked once.
    user_name: str = ""
    #: Minutes without a key or a click before the app locks itself; 0 never locks.
    idle_lock_minutes: int = 15
    #: Database files known to be encrypted (so a start asks for the passphrase; never the
    #: passphrase itself).
    encrypted_databases: list[str] = field(default_factory=list)
    #: Whether the first start has offered to protect the database with a passphrase.
    encryption_offered: bool = False
    #: The app's own unlock password, as a salted scrypt hash (``panel_app.unlock``); empty
    #: when none is set.
    unlock_hash: str = ""
    #: The folder the last document was exported to, offered again next time.
    export_folder: str = ""
    _unknown: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


def settings_path() -> Path:
    return paths.config_dir() / FILE


def load() -> Settings:
    """The saved settings; the defaults when there is no file or it cannot be read."""
    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as error:
        log.warning("settings: %s cannot be read (%s); using the defaults", settings_path(), error)
        return Settings()
    if not isinstance(data, dict):
        return Settings()
    settings = Settings()
    known = {f.name: f for f in fields(Settings) if not f.name.startswith("_")}
    for key, value in data.items():
        if key not in known:
            settings._unknown[key] = value
            continue
        default = getattr(settings, key)
        # bool is an int in Python: check it first so a flag never passes for a number.
        if isinstance(default, bool) != isinstance(value, bool) or not isinstance(
            value, type(default)
        ):
            log.warning("settings: %s has the wrong type; using the default", key)
            continue
        setattr(settings, key, value)
    return settings


def save(settings: Settings) -> None:
    """Write the settings whole or not at all (a crash mid-write keeps the old file)."""
    data = {k: v for k, v in asdict(settings).items() if not k.startswith("_")}
    data = {**settings._unknown, **data}
    target = settings_path()
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".settings-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=2, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def update(**changes: Any) -> Settings:
    """Load, change the named settings, save, and return the result."""
    settings = load()
    for key, value in changes.items():
        if key.startswith("_") or not hasattr(settings, key):
            raise KeyError(f"there is no setting called {key!r}")
        setattr(settings, key, value)
    save(settings)
    return settings
