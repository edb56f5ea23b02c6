"""Printing a document from the app through Qt's print preview, every page marked.

The document's blocks are rendered to HTML (``panel_app.documents.html_render``, off the GUI
thread) and laid out here in a ``QTextDocument`` one body-height page at a time, so that each
printed page gets what each PDF page has: the protective marking at the top and the bottom,
partnership and audit, the document's name, "Page X of Y", and DRAFT across draft minutes.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from panel_app import paths
from panel_app.documents.catalogue import BY_KIND
from panel_app.errors import DomainError
from ui import msgbox
from ui.background import Job, run_in_background

if TYPE_CHECKING:
    from panel_app.documents.html_render import HtmlDocument
    from panel_app.documents.model_common import Masthead
    from ui.context import AuditContext

FONT = "DejaVu Sans"
MARGINS_MM = QMarginsF(18, 10, 18, 9)  # the furniture sits inside these, the body inside it
FURNITURE_MM = (14.0, 12.0)  # header and footer bands
INK, MUTED, RULE = QColor("#1F2933"), QColor("#52606D"), QColor("#9AA5B1")
DRAFT_RED, WATERMARK = QColor("#B71C1C"), QColor(183, 28, 28, 34)


@cache
def load_fonts() -> str:
    """DejaVu Sans from resources (it may not be installed): the PDFs' font, on paper too."""
    for name in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"):
        QFontDatabase.addApplicationFont(str(paths.resources_dir() / "fonts" / f"{name}.ttf"))
    return FONT


def a4_printer(printer: QPrinter | None = None) -> QPrinter:
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    return printer


class PagedDocument:
    """A document laid out for one printer, printed page by page with its furniture."""

    def __init__(self, head: Masthead, content: HtmlDocument) -> None:
        self.head = head
        self.content = content
        self.pages = 0

    def _layout(self, printer: QPrinter) -> tuple[QTextDocument, QRectF, float]:
        page = printer.pageLayout().paintRectPixels(printer.resolution())
        per_mm = printer.resolution() / 25.4
        top, bottom = (band * per_mm for band in FURNITURE_MM)
        body = QRectF(0, top, page.width(), page.height() - top - bottom)
        document = QTextDocument()
        document.documentLayout().setPaintDevice(printer)
        document.setDefaultFont(QFont(load_fonts(), 9))
        document.setDocumentMargin(0)
        for name, png in self.content.images.items():
            document.addResource(
                QTextDocument.ResourceType.ImageResource, QUrl(name), QImage.fromData(png)
            )
        document.setHtml(self.content.html)
        document.setPageSize(QSizeF(body.width(), body.height()))
        return document, body, per_mm

    def print_to(self, printer: QPrinter) -> int:
        """Lay out and print every page; returns how many there were."""
        document, body, per_mm = self._layout(printer)
        self.pages = document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            raise DomainError("The printer could not be started. Check it is connected.")
        try:
            for number in range(self.pages):
                if number:
                    printer.newPage()
                self._furniture(painter, body, per_mm, number + 1)
                painter.save()
                painter.translate(body.left(), body.top() - number * body.height())
                context = QAbstractTextDocumentLayout.PaintContext()
                context.clip = QRectF(0, number * body.height(), body.width(), body.height())
                painter.setClipRect(context.clip)
                document.documentLayout().draw(painter, context)
                painter.restore()
        finally:
            painter.end()
        return self.pages

    def _furniture(self, painter: QPainter, body: QRectF, per_mm: float, number: int) -> None:
        head, width = self.head, body.width()
        full_height = body.bottom() + FURNITURE_MM[1] * per_mm
        if head.draft:
            painter.save()
            painter.setPen(WATERMARK)
            painter.setFont(QFont(load_fonts(), 90, QFont.Weight.Bold))
            painter.translate(width / 2, full_height / 2)
            painter.rotate(-50)
            painter.drawText(QRectF(-width, -200 * per_mm, 2 * width, 400 * per_mm),
                             Qt.AlignmentFlag.AlignCenter, "DRAFT")  # fmt: skip
            painter.restore()
        marking = QFont(load_fonts(), 9, QFont.Weight.Bold)
        small = QFont(load_fonts(), 7)
        line = 4.5 * per_mm
        centre, left, right = (Qt.AlignmentFlag.AlignHCenter, Qt.AlignmentFlag.AlignLeft,
                               Qt.AlignmentFlag.AlignRight)  # fmt: skip
        painter.setPen(INK)
        painter.setFont(marking)
        painter.drawText(QRectF(0, 0, width, line), centre, head.marking)
        if head.draft:
            painter.setPen(DRAFT_RED)
            painter.drawText(QRectF(0, 0, width, line), right, "DRAFT")
        painter.setPen(MUTED)
        painter.setFont(small)
        half = QRectF(0, line * 1.2, width / 2 - 2 * per_mm, line)
        elide = painter.fontMetrics().elidedText
        mode = Qt.TextElideMode.ElideRight
        painter.drawText(half, left, elide(head.partnership, mode, int(half.width())))
        half.moveRight(width)
        painter.drawText(half, right, elide(head.audit_title, mode, int(half.width())))
        painter.setPen(QPen(RULE, 0.2 * per_mm))
        rule_top, rule_bottom = body.top() - 3 * per_mm, body.bottom() + 3 * per_mm
        painter.drawLine(0, int(rule_top), int(width), int(rule_top))
        painter.drawLine(0, int(rule_bottom), int(width), int(rule_bottom))
        foot = QRectF(0, rule_bottom + 2 * per_mm, width, line)
        painter.setPen(MUTED)
        painter.drawText(foot, left, elide(head.document_title, mode, int(width / 3)))
        painter.drawText(foot, right, f"Page {number} of {self.pages}")
        painter.setPen(INK)
        painter.setFont(marking)
        painter.drawText(foot, centre, head.marking)


class Preview:
    """Shows the print preview; the seam tests patch (its dialog is modal)."""

    @classmethod
    def show(cls, parent: QWidget | None, paged: PagedDocument, title: str) -> None:
        if msgbox._headless():
            return
        printer = a4_printer()  # the dialog keeps only a pointer: it must outlive the dialog
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(title)
        dialog.paintRequested.connect(paged.print_to)
        room = dialog.screen().availableGeometry()
        dialog.resize(min(900, int(room.width() * 0.9)), min(1000, int(room.height() * 0.92)))
        dialog.exec()


def preview_document(context: AuditContext, kind: str, parent: QWidget) -> Job:
    """Prepare the audit's ``kind`` document off the GUI thread, then show its preview."""
    from panel_app.documents.html_render import render_html
    from panel_app.documents.writers import document_blocks

    audit_id, name = context.audit_id, BY_KIND[kind].title

    def prepare(session: object) -> tuple[Masthead, HtmlDocument]:
        head, blocks = document_blocks(session, kind, audit_id)  # type: ignore[arg-type]
        return head, render_html(blocks)

    def ready(result: tuple[Masthead, HtmlDocument]) -> None:
        head, content = result
        Preview.show(parent, PagedDocument(head, content), f"Print preview: {name}")

    def refused(error: DomainError) -> None:
        msgbox.error(parent, f"The {name.lower()} cannot be printed", error.message)

    return run_in_background(
        parent, f"Preparing the {name.lower()} to print…", context.database, prepare, ready, refused
    )
