"""The page every PDF is printed on: marking top and bottom, who and what, "Page X of Y".

The total page count is only known at the end, so ``NumberedCanvas`` keeps each page's state
and writes the numbers when the document is saved (reportlab's canvasmaker pattern).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from panel_app.documents import fonts
from panel_app.documents.model_common import Masthead

MARGIN = 18 * mm
TOP = 24 * mm
BOTTOM = 22 * mm
INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")
ACCENT = colors.HexColor("#1F3864")
DRAFT_RED = colors.HexColor("#B71C1C")
WATERMARK = colors.Color(0.72, 0.11, 0.11, alpha=0.13)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """Shorten a header line with an ellipsis so it never runs into its neighbour."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class NumberedCanvas(Canvas):
    """A canvas that writes "Page X of Y" on every page once it knows Y."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            width, _ = self._pagesize
            self.setFont(fonts.REGULAR, 8)
            self.setFillColor(MUTED)
            self.drawRightString(width - MARGIN, 10 * mm, f"Page {self._pageNumber} of {total}")
            super().showPage()
        super().save()


def _decorate(canvas: Canvas, head: Masthead) -> None:
    width, height = canvas._pagesize
    canvas.saveState()
    if head.draft:
        canvas.setFont(fonts.BOLD, 110)
        canvas.setFillColor(WATERMARK)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(50)
        canvas.drawCentredString(0, -38, "DRAFT")
        canvas.rotate(-50)
        canvas.translate(-width / 2, -height / 2)
    inner = width - 2 * MARGIN
    # Top: the marking, then partnership and audit with a rule under them.
    canvas.setFillColor(INK)
    canvas.setFont(fonts.BOLD, 9.5)
    canvas.drawCentredString(width / 2, height - 11 * mm, head.marking)
    if head.draft:
        canvas.setFillColor(DRAFT_RED)
        canvas.setFont(fonts.BOLD, 9.5)
        canvas.drawRightString(width - MARGIN, height - 11 * mm, "DRAFT")
    canvas.setFont(fonts.REGULAR, 7.5)
    canvas.setFillColor(MUTED)
    canvas.drawString(
        MARGIN, height - 16.5 * mm, _fit(head.partnership, fonts.REGULAR, 7.5, inner / 2 - 4)
    )
    title = _fit(head.audit_title, fonts.REGULAR, 7.5, inner / 2 - 4)
    canvas.drawRightString(width - MARGIN, height - 16.5 * mm, title)
    canvas.setStrokeColor(colors.HexColor("#9AA5B1"))
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN, height - 18.5 * mm, width - MARGIN, height - 18.5 * mm)
    # Bottom: a rule, the document's name, the marking (page numbers come later).
    canvas.line(MARGIN, 17 * mm, width - MARGIN, 17 * mm)
    canvas.drawString(MARGIN, 10 * mm, _fit(head.document_title, fonts.REGULAR, 8, inner / 3))
    canvas.setFillColor(INK)
    canvas.setFont(fonts.BOLD, 9.5)
    canvas.drawCentredString(width / 2, 10 * mm, head.marking)
    canvas.restoreState()


def build_pdf(
    target: Path, head: Masthead, story: Sequence[Flowable], *, wide: bool = False
) -> None:
    """Lay ``story`` out on marked, numbered A4 pages (landscape when ``wide``) into ``target``."""
    fonts.register()
    size = landscape(A4) if wide else A4
    doc = BaseDocTemplate(
        str(target),
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=f"{head.document_title}: {head.audit_title}",
        author=head.partnership,
        subject=head.marking,
        creator="Audit Panel",
        invariant=True,
        initialFontName=fonts.REGULAR,  # no unembedded Helvetica anywhere in the file
    )
    frame = Frame(
        MARGIN, BOTTOM, size[0] - 2 * MARGIN, size[1] - TOP - BOTTOM, id="body",
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
    )  # fmt: skip
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=[frame], onPage=lambda c, _d: _decorate(c, head))]
    )
    doc.build(list(story), canvasmaker=NumberedCanvas)
