"""export_document: formats offered per document, plain messages, never half a file."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from panel_app.database import Database
from panel_app.documents import atomic
from panel_app.documents.export import WRITERS, export_document
from panel_app.errors import DomainError, NotFoundError
from panel_app.services import audits
from tests.builders import Built, build_audit
from tests.document_files import export, pdf_text


@pytest.fixture
def built(database: Database) -> Built:
    with database.transaction() as session:
        return build_audit(session)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty folder for the exports (tmp_path holds the SQLite database)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


def failure(database: Database, kind: str, audit_id: int, path: Path) -> DomainError:
    with pytest.raises(DomainError) as raised, database.transaction() as session:
        export_document(session, kind, audit_id, path)
    return raised.value


def test_a_wrong_file_type_names_the_formats_offered(
    database: Database, built: Built, out: Path
) -> None:
    message = str(failure(database, "minutes", built.audit_id, out / "minutes.txt"))
    assert message == "The panel minutes can be saved as PDF (.pdf) or Word (.docx), not as '.txt'."
    message = str(failure(database, "case-summaries", built.audit_id, out / "c.docx"))
    assert message == "The case summaries can be saved as PDF (.pdf), not as '.docx'."
    message = str(failure(database, "summary", built.audit_id, out / "summary"))
    assert "not as a file with no extension" in message
    assert "minutes" in str(failure(database, "agenda", built.audit_id, out / "a.pdf"))
    assert list(out.iterdir()) == []


def test_the_suffix_is_read_whatever_its_case(database: Database, built: Built, out: Path) -> None:
    written = export(database, "summary", built.audit_id, out / "Summary.PDF")
    assert written.read_bytes().startswith(b"%PDF")


def test_every_kind_and_format_in_the_registry_writes_its_file(
    database: Database, built: Built, out: Path
) -> None:
    magic = {".pdf": b"%PDF", ".docx": b"PK", ".xlsx": b"PK"}
    for kind, formats in WRITERS.items():
        for suffix in formats:
            path = export(database, kind, built.audit_id, out / f"{kind}{suffix}")
            assert path.read_bytes().startswith(magic[suffix]), (kind, suffix)
    assert {".pdf", ".docx"} <= set(WRITERS["minutes"])


def test_an_audit_with_nothing_in_it_exports_every_document(database: Database, out: Path) -> None:
    with database.transaction() as session:
        audit_id = audits.create_audit(session, theme="Neglect", title="Not started").id
    for kind, formats in WRITERS.items():
        for suffix in formats:
            assert export(database, kind, audit_id, out / f"{kind}{suffix}").stat().st_size > 0
    assert "No cases have been added to this audit yet." in pdf_text(out / "briefing.pdf")


def test_an_unwritable_folder_gives_a_plain_message_and_no_file(
    database: Database, built: Built, out: Path
) -> None:
    folder = out / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root ignores permissions; /sys refuses even root
        folder = Path("/sys")
    try:
        error = failure(database, "minutes", built.audit_id, folder / "minutes.pdf")
    finally:
        (out / "locked").chmod(0o700)
    assert "could not be saved" in str(error) and "cannot be written to" in str(error)
    assert error.field == "path"
    assert not (folder / "minutes.pdf").exists()
    assert list((out / "locked").iterdir()) == []


def test_a_missing_folder_or_a_folder_as_target_is_explained(
    database: Database, built: Built, out: Path
) -> None:
    missing = failure(database, "summary", built.audit_id, out / "nowhere" / "s.pdf")
    assert str(missing) == f"The folder {out / 'nowhere'} does not exist. Choose another folder."
    (out / "taken.pdf").mkdir()
    taken = failure(database, "summary", built.audit_id, out / "taken.pdf")
    assert str(taken) == f"{out / 'taken.pdf'} is a folder. Choose a file name."
    assert sorted(p.name for p in out.iterdir()) == ["taken.pdf"]


def test_a_failed_export_keeps_the_old_file_and_leaves_no_temporary_one(
    database: Database, built: Built, out: Path
) -> None:
    target = out / "minutes.pdf"
    target.write_bytes(b"the minutes as approved")
    with pytest.raises(NotFoundError), database.transaction() as session:
        export_document(session, "minutes", built.audit_id + 99, target)
    assert target.read_bytes() == b"the minutes as approved"
    assert [p.name for p in out.iterdir()] == ["minutes.pdf"]
    export(database, "minutes", built.audit_id, target)  # a good export replaces it whole
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir()] == ["minutes.pdf"]


def test_the_temporary_file_is_named_as_ours_and_gone_afterwards(
    database: Database, built: Built, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Path] = []
    real = WRITERS["summary"][".pdf"]

    def watching(session: Session, audit_id: int, path: Path, draft: bool | None) -> None:
        seen.append(path)
        real(session, audit_id, path, draft)

    monkeypatch.setitem(WRITERS["summary"], ".pdf", watching)
    export(database, "summary", built.audit_id, out / "summary.pdf")
    assert len(seen) == 1 and seen[0].parent == out
    assert atomic.OURS.fullmatch(seen[0].name), seen[0].name
    assert [p.name for p in out.iterdir()] == ["summary.pdf"]


def test_an_export_sweeps_away_what_a_killed_export_left_behind(
    database: Database, built: Built, out: Path
) -> None:
    """A temporary file of ours over a minute old goes; a young one (another copy of the app
    may be writing it now) and everything not named as ours stay."""
    minute_ago = time.time() - 61
    stale = [out / ".audit-panel-export-k3j_9a0q.pdf", out / ".audit-panel-export-zz00zz00.XLSX"]
    young = out / ".audit-panel-export-abcdefgh.docx"
    others = [
        out / ".~lock.minutes.pdf#",  # LibreOffice's lock file
        out / "~$nutes.docx",  # Word's
        out / ".audit-panel-export-notes.txt",
        out / ".audit-panel-export-toolongname.pdf",
        out / "audit-panel-export-abcdefgh.pdf",
    ]
    for path in [*stale, young, *others]:
        path.write_bytes(b"left behind")
        os.utime(path, (minute_ago, minute_ago))
    os.utime(young, None)
    (out / ".audit-panel-export-dirdirdi.pdf").mkdir()  # only files are removed
    export(database, "briefing", built.audit_id, out / "briefing.pdf")
    left = {p.name for p in out.iterdir()}
    assert not left & {p.name for p in stale}
    assert left == {"briefing.pdf", young.name, ".audit-panel-export-dirdirdi.pdf"} | {
        p.name for p in others
    }


def test_replacing_a_file_keeps_its_permissions(
    database: Database, built: Built, out: Path
) -> None:
    target = out / "summary.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    export(database, "summary", built.audit_id, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_mode & 0o777 == 0o644
