"""Printing from the app: the preview is rendered from the same blocks as the PDF, and every
printed page carries the marking, page X of Y, and DRAFT where the minutes are a draft.

Printed here to a PDF file through a real ``QPrinter`` and read back with pypdf."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from panel_app.database import Database
from panel_app.documents.html_render import render_html
from panel_app.documents.writers import document_blocks
from panel_app.services import audits, cases
from tests.builders import Built, build_audit
from tests.document_files import pdf_bytes, pdf_pages
from ui import msgbox
from ui.app import make_application
from ui.context import AuditContext
from ui.main_window import MainWindow
from ui.print_preview import PagedDocument, Preview, a4_printer, preview_document

pytestmark = pytest.mark.gui

MARKER = "PRIVREF-7Q3Z-MARKER"
TYPED = 'Mother said <b>"no"</b> & left.\nSecond line: Zofia Łukasiewicz, 王小明.'


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    with sqlite_database.transaction() as session:
        made = build_audit(session)
        cases.update_case(session, made.case_ids[0], private_reference=MARKER, key_facts=TYPED)
        return made


@pytest.fixture
def window(qtbot: QtBot, sqlite_database: Database, built: Built) -> MainWindow:
    make_application()
    shown = MainWindow(sqlite_database)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    assert shown.open_audit(built.audit_id) is not None
    return shown


def print_pdf(paged: PagedDocument, path: Path) -> list[str]:
    printer = a4_printer(QPrinter(QPrinter.PrinterMode.HighResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    assert paged.print_to(printer) == paged.pages > 0
    return [re.sub(r"\s+", " ", page) for page in pdf_pages(path)]


def prepared(database: Database, kind: str, audit_id: int, draft: bool | None = None) -> Any:
    with database.transaction() as session:
        head, blocks = document_blocks(session, kind, audit_id, draft)
    return PagedDocument(head, render_html(blocks))


def test_case_summaries_print_from_the_menu_with_the_marking_on_every_page(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[PagedDocument, str]] = []
    monkeypatch.setattr(
        Preview, "show", classmethod(lambda _c, _p, paged, title: shown.append((paged, title)))
    )
    assert window.workspace is not None
    window.workspace.export_menu.preview_actions["case-summaries"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    paged, title = shown[0]
    assert title == "Print preview: Case summaries"
    pages = print_pdf(paged, tmp_path / "printed.pdf")
    assert len(pages) >= 2  # a page for each of the two cases
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2, number  # top and bottom
        assert f"Page {number} of {len(pages)}" in page
        assert "Neglect panel" in page and "Case summaries" in page
        assert "DRAFT" not in page
    text = " ".join(pages)
    assert "CASE SUMMARIES" in text and "Child A" in text and "Child B" in text
    assert "Known since birth." in text and "Late referral." in text
    assert 'Mother said <b>"no"</b> & left.' in text  # as typed, not as markup
    assert "Zofia Łukasiewicz" in text
    assert MARKER not in text and MARKER.encode() not in pdf_bytes(tmp_path / "printed.pdf")


def test_draft_minutes_say_draft_on_every_printed_page(
    sqlite_database: Database, built: Built, tmp_path: Path
) -> None:
    make_application()
    pages = print_pdf(prepared(sqlite_database, "minutes", built.audit_id, draft=True),
                      tmp_path / "minutes.pdf")  # fmt: skip
    for page in pages:
        assert "DRAFT" in page and page.count("OFFICIAL-SENSITIVE") == 2
    assert "Referral was timely." in " ".join(pages)
    final = print_pdf(prepared(sqlite_database, "minutes", built.audit_id, draft=False),
                      tmp_path / "final.pdf")  # fmt: skip
    assert not any("DRAFT" in page for page in final)


@pytest.mark.parametrize("kind", ["summary", "briefing", "participation"])
def test_every_printable_document_prints_marked_and_numbered(
    sqlite_database: Database, built: Built, tmp_path: Path, kind: str
) -> None:
    make_application()
    path = tmp_path / f"{kind}.pdf"
    pages = print_pdf(prepared(sqlite_database, kind, built.audit_id), path)
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2 and f"Page {number} of {len(pages)}" in page
    assert MARKER.encode() not in pdf_bytes(path)


def test_the_summary_prints_its_grade_chart(sqlite_database: Database, built: Built) -> None:
    with sqlite_database.transaction() as session:
        _head, blocks = document_blocks(session, "summary", built.audit_id)
    content = render_html(blocks)
    assert list(content.images) == ["chart-1.png"]
    assert content.images["chart-1.png"].startswith(b"\x89PNG")
    assert '<img src="chart-1.png"' in content.html


def test_the_preview_dialog_lays_out_the_pages(
    qtbot: QtBot, sqlite_database: Database, built: Built
) -> None:
    make_application()
    paged = prepared(sqlite_database, "case-summaries", built.audit_id)
    printer = a4_printer()
    dialog = QPrintPreviewDialog(printer)
    qtbot.addWidget(dialog)
    dialog.paintRequested.connect(paged.print_to)
    dialog.show()
    qtbot.waitUntil(lambda: paged.pages > 0, timeout=10_000)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pageCount() == paged.pages, timeout=10_000)


def test_a_document_that_cannot_be_prepared_is_explained(
    qtbot: QtBot, sqlite_database: Database, built: Built, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_application()
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(msgbox, "error", lambda _p, title, message: errors.append((title, message)))
    monkeypatch.setattr(Preview, "show", classmethod(lambda *_: pytest.fail("no preview")))
    parent = QWidget()
    qtbot.addWidget(parent)
    context = AuditContext(sqlite_database, built.audit_id)
    with sqlite_database.transaction() as session:  # deleted on another machine meanwhile
        audits.delete_audit(session, built.audit_id)
    preview_document(context, "minutes", parent)
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert errors == [
        (
            "The panel minutes cannot be printed",
            "That audit no longer exists: it may have been deleted.",
        )
    ]
