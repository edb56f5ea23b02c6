"""The demo audits: the three reference audits, shipped as archive documents."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Audit, Partnership
from panel_app import archive, paths


@dataclass(frozen=True)
class DemoResult:
    title: str
    audit_id: int
    added: bool


def demo_files() -> list[Path]:
    return sorted((paths.resources_dir() / "demo").glob("*.json"))


def _existing(session: Session, doc: dict[str, object]) -> Audit | None:
    audit, partnership = doc["audit"], doc["partnership"]
    assert isinstance(audit, dict) and isinstance(partnership, dict)
    return session.scalar(
        select(Audit)
        .join(Partnership)
        .where(Partnership.name == partnership["name"], Audit.title == audit["title"])
        .limit(1)
    )


def load_demo(session: Session) -> list[DemoResult]:
    """Import each demo audit that is not already there (by partnership and title)."""
    results = []
    for path in demo_files():
        doc = archive.read_document(path)
        found = _existing(session, doc)
        if found is not None:
            results.append(DemoResult(found.title, found.id, added=False))
            continue
        audit = archive.import_document(session, doc)
        results.append(DemoResult(audit.title, audit.id, added=True))
    return results
