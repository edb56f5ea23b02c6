"""Draw a document's blocks as a PDF (reportlab platypus)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepInFrame, KeepTogether, Table
from reportlab.platypus import PageBreak as BreakPage
from reportlab.platypus.flowables import _listWrapOn

from panel_app.documents import blocks as b
from panel_app.documents import chart, fonts
from panel_app.documents.model_common import Masthead
from panel_app.documents.pdf_base import MARGIN, build_pdf
from panel_app.documents.pdf_grid import grid_table
from panel_app.documents.pdf_parts import (
    boxed,
    bullets,
    gap,
    heading,
    labelled,
    numbered,
    para,
    tile_rows,
    title_block,
)

#: Blocks that split line by line (or row by row), so a heading needs room only for their
#: first lines: for these the room it asks for is the whole guard.
SPLITTING = (b.Text, b.Labelled, b.Bullets, b.Numbered, b.Grid, b.Heading)


def _heading(block: b.Heading, following: b.Block | None) -> list[Flowable]:
    """A heading that does not end a page: it asks for room for itself and the first lines
    (or rows) of what follows, else starts a new page.

    Before text or a table the room is the whole guard: platypus's keepWithNext would wrap
    heading and follower in a KeepTogether, which lays both out twice and copies the frame
    each time (a fifth of the time of long minutes), and before a long table would push all
    of it to the next page. Before a chart, a box or tiles, which may be taller than the room,
    the heading keeps with them."""
    room = {1: 45, 2: 30}.get(block.level, 20) * mm
    if isinstance(following, b.Grid):
        room = max(room, 30 * mm)
    title = heading(block.text, block.level)
    if isinstance(following, SPLITTING):
        title.keepWithNext = 0
    return [CondPageBreak(room), title]


def _columns(block: b.Columns, width: float) -> Table:
    """Two columns as a one-row table, which splits across a page if it must."""
    gutter = 14
    left, right = (fraction * width for fraction in block.widths)
    cells = [
        flowables(block.left, left - gutter / 2, nested=True),
        flowables(block.right, right - gutter / 2, nested=True),
    ]
    return Table(
        [cells],
        colWidths=[left, right],
        splitInRow=1,
        hAlign="LEFT",
        style=[
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (0, 0), gutter / 2),
            ("LEFTPADDING", (1, 0), (1, 0), gutter / 2),
            ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ],
    )


#: How far a page's content may be shrunk to keep it to its page (text at 9 pt stays above
#: 7.5 pt); what needs more runs on to the next page at full size.
SHRINK_AT_MOST = 1.2


class OnePageFlowable(Flowable):
    """Its content on the rest of the page, shrunk by up to ``SHRINK_AT_MOST`` when it would
    run over; otherwise split into its own flowables, as if it were not there."""

    def __init__(self, content: list[Flowable]) -> None:
        super().__init__()
        self.content = content
        self._fitted: KeepInFrame | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        _width, height = _listWrapOn(self.content, availWidth, self.canv)
        if height <= availHeight * SHRINK_AT_MOST:
            self._fitted = KeepInFrame(availWidth, availHeight, self.content, mode="shrink")
            fitted: tuple[float, float] = self._fitted.wrapOn(self.canv, availWidth, availHeight)
            return fitted
        self._fitted = None
        return availWidth, height  # too tall: the frame asks for a split

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return [] if self._fitted is not None else list(self.content)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        assert self._fitted is not None
        self._fitted.drawOn(canvas, x, y, _sW)


def flowables(blocks: Sequence[b.Block], width: float, *, nested: bool = False) -> list[Flowable]:
    """The blocks as platypus flowables ``width`` wide; ``nested`` inside a table's cell,
    where a heading cannot ask for a page break."""
    out: list[Flowable] = []
    for index, block in enumerate(blocks):
        match block:
            case b.Title():
                out += title_block(block.masthead, block.lines)
            case b.Heading() if nested:
                out.append(heading(block.text, block.level))
            case b.Heading():
                out += _heading(block, blocks[index + 1] if index + 1 < len(blocks) else None)
            case b.Text():
                out.append(para(block.text, block.style))
            case b.Labelled():
                out.append(labelled(block.label, block.text))
            case b.Bullets():
                out += bullets(block.items)
            case b.Numbered():
                out += numbered((block.number(i), t) for i, t in enumerate(block.items))
            case b.Grid():
                if block.rows:  # a table of nothing is left out
                    out += [grid_table(block, width), gap(2)]
            case b.GradeChart():
                # Not a KeepTogether: a heading's keepWithNext cannot hold on to one. Drawing
                # refuses unknown attributes, so set it as platypus itself does.
                art = chart.drawing(block, width)
                art.__dict__["keepWithNext"] = 1
                out += [art, para(block.caption, "small")]
            case b.Box():
                out += boxed(block.title, flowables(block.blocks, width - 16), block.tone)
            case b.Columns():
                out.append(_columns(block, width))
            case b.Tiles():
                out += tile_rows(block.tiles, width)
            case b.OnePage():
                out.append(OnePageFlowable(flowables(block.blocks, width)))
            case b.PageBreak():
                out.append(BreakPage())
            case b.SignOff():
                lines = [gap(8), para(block.name, "h2")]
                out.append(
                    KeepTogether([*lines, para(block.title, "meta")] if block.title else lines)
                )
    return out


def render_pdf(
    target: Path, head: Masthead, blocks: Sequence[b.Block], *, wide: bool = False
) -> None:
    fonts.register()
    page = landscape(A4) if wide else A4
    build_pdf(target, head, flowables(blocks, page[0] - 2 * MARGIN), wide=wide)
