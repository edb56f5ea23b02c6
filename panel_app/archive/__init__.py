"""One audit as a versioned JSON document (docs/archive-format.md): export and import."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from panel_app.archive.export import export_audit
from panel_app.archive.load import ArchiveError, import_document, validate_document
from panel_app.archive.schema import FORMAT, VERSION

__all__ = [
    "FORMAT",
    "VERSION",
    "ArchiveError",
    "dumps",
    "export_audit",
    "import_document",
    "read_document",
    "validate_document",
]


def dumps(doc: dict[str, Any]) -> str:
    """The document as text: stable, readable, UTF-8 names kept as they are."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def read_document(path: Path) -> Any:
    """Parse an archive file, or raise ``ArchiveError`` saying plainly why it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ArchiveError([f"There is no file at {path}."]) from None
    except IsADirectoryError:
        raise ArchiveError([f"{path} is a folder, not an archive file."]) from None
    except PermissionError:
        raise ArchiveError([f"{path} cannot be read: permission denied."]) from None
    except UnicodeDecodeError:
        raise ArchiveError([f"{path} is not a text file, so it is not an archive."]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ArchiveError(
            [f"{path} is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}."]
        ) from None
