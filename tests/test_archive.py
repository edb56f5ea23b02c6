"""The JSON archive: a faithful round trip, and bad files named problem by problem."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import Audit
from panel_app import archive
from panel_app.database import Database
from tests.builders import build_audit


def exported(database: Database, audit_id: int) -> dict[str, Any]:
    with database.transaction() as session:
        return archive.export_audit(session, audit_id)


def audit_count(database: Database) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(Audit)) or 0


@pytest.fixture
def document(database: Database) -> dict[str, Any]:
    with database.transaction() as session:
        built = build_audit(session)
    return exported(database, built.audit_id)


def test_export_import_export_is_identical(database: Database, document: dict[str, Any]) -> None:
    with database.transaction() as session:
        session.execute(Audit.__table__.delete())
    with database.transaction() as session:
        again = archive.import_document(session, copy.deepcopy(document)).id
    assert archive.dumps(exported(database, again)) == archive.dumps(document)


def test_the_archive_never_carries_a_private_reference(document: dict[str, Any]) -> None:
    text = archive.dumps(document)
    assert "private_reference" not in text
    assert "LCS-A123" not in text and "LCS-B123" not in text
    assert document["cases"][0]["pseudonym"] == "Child A"


def test_the_document_is_versioned(document: dict[str, Any]) -> None:
    assert document["format"] == archive.FORMAT
    assert document["version"] == archive.VERSION


def test_a_bad_file_names_every_problem_by_path_and_writes_nothing(
    database: Database, document: dict[str, Any]
) -> None:
    bad = copy.deepcopy(document)
    bad["cases"][1]["involvement"][0]["status"] = "maybe"
    bad["cases"][0]["pseudonym"] = ""
    bad["actions"][0]["due_date"] = "31/02/2017"
    before = audit_count(database)
    with pytest.raises(archive.ArchiveError) as caught, database.transaction() as session:
        archive.import_document(session, bad)
    problems = caught.value.problems
    assert any(
        p.startswith("cases[1].involvement[0].status: 'maybe' is not one of") for p in problems
    )
    assert any(p.startswith("cases[0].pseudonym:") for p in problems)
    assert any(p.startswith("actions[0].due_date:") for p in problems)
    assert audit_count(database) == before


def test_a_reference_to_an_unknown_agency_is_named(document: dict[str, Any]) -> None:
    bad = copy.deepcopy(document)
    bad["cases"][0]["involvement"][0]["agency"] = "Fire Service"
    problems = archive.validate_document(bad)
    assert problems and problems[0].startswith("cases[0].involvement[0].agency:")
    assert "Fire Service" in problems[0]


def test_an_archive_from_a_newer_version_is_refused(document: dict[str, Any]) -> None:
    newer = {**document, "version": archive.VERSION + 1}
    (problem,) = archive.validate_document(newer)
    assert "newer version of Audit Panel" in problem


def test_something_that_is_not_an_archive_says_so() -> None:
    (problem,) = archive.validate_document({"hello": "world"})
    assert "not an Audit Panel archive" in problem


def test_unreadable_files_get_plain_messages(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    cases = {
        tmp_path / "missing.json": "There is no file at",
        tmp_path: "is a folder",
        broken: "is not valid JSON: line 1",
        binary: "is not a text file",
    }
    for path, message in cases.items():
        with pytest.raises(archive.ArchiveError, match=message):
            archive.read_document(path)


def test_a_document_survives_json_text(document: dict[str, Any]) -> None:
    assert json.loads(archive.dumps(document)) == document
