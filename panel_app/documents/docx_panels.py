"""Word's side-by-side and boxed blocks: two columns, tiles two to a row, a ruled box.

Each is a table (Word has no boxes that flow with the text); ``render`` draws blocks into a
cell, so these can hold any other block.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from docx.enum.text import WD_LINE_SPACING
from docx.shared import Cm, Pt, RGBColor

from panel_app.documents import blocks as b
from panel_app.documents.docx_parts import (
    add_text,
    cell_margins,
    cell_padding,
    keep_row_whole,
    set_cell_border,
    shade,
)
from panel_app.documents.text import clean

Render = Callable[[Any, Sequence[b.Block], int], None]
#: A box's fill and rule (RRGGBB) by its tone, as the PDF draws them.
TONES = {"alert": ("FBEFEF", "B71C1C"), "note": ("EAF0F8", "1F3864")}
TILE_FILL, ACCENT = "F3F5F8", "1F3864"
GAP = int(Cm(0.3))
GUTTER = 140  # twentieths of a point each side of the gap between columns


def _widths(table: Any, widths: Sequence[int]) -> None:
    table.autofit = False
    for width, grid_column in zip(widths, table._tbl.tblGrid.gridCol_lst, strict=True):
        grid_column.w = width  # LibreOffice lays a table out by its grid, Word by its cells
    for row in table.rows:
        for width, cell in zip(widths, row.cells, strict=True):
            cell.width = width


def _drop_leading_blank(cell: Any) -> None:
    """A new cell starts with an empty paragraph: drop it once something follows."""
    first = cell._tc.p_lst[0]
    if len(cell._tc) > 2 and not first.xpath("./w:r"):
        cell._tc.remove(first)


def box(container: Any, block: b.Box, width: int, render: Render) -> None:
    fill, line = TONES.get(block.tone, TONES["alert"])
    table = container.add_table(rows=1, cols=1)
    cell = table.cell(0, 0)
    cell.width = width
    shade(cell, fill)
    set_cell_border(cell, line)
    title = cell.paragraphs[0].add_run(clean(block.title))
    title.bold, title.font.color.rgb = True, RGBColor.from_string(line)
    if block.tone == "note":
        title.font.size = Pt(12)
    render(cell, block.blocks, width - int(Cm(0.4)))
    container.add_paragraph()


def columns(container: Any, block: b.Columns, width: int, render: Render) -> None:
    table = container.add_table(rows=1, cols=2)
    widths = [int(width * fraction) for fraction in block.widths]
    _widths(table, widths)
    cell_margins(table, 0, 0, 0)
    left, right = table.rows[0].cells
    render(left, block.left, widths[0] - GUTTER)
    render(right, block.right, widths[1] - GUTTER)
    for cell in (left, right):
        _drop_leading_blank(cell)
    cell_padding(left, right=GUTTER)
    cell_padding(right, left=GUTTER)
    container.add_paragraph()


def _tile(cell: Any, tile: b.Tile) -> None:
    shade(cell, TILE_FILL)
    set_cell_border(cell, ACCENT, size=18, sides=("left",))
    title = add_text(cell.paragraphs[0], clean(tile.title))
    title.bold, title.font.color.rgb = True, RGBColor.from_string(ACCENT)
    cell.paragraphs[0].paragraph_format.space_after = Pt(2)
    body = cell.add_paragraph()
    body.paragraph_format.space_after = Pt(0)
    for index, (label, text) in enumerate(part for part in tile.parts if part[1]):
        if index:
            body.add_run().add_break()
        if label:
            run = add_text(body, clean(label) + " ")
            run.bold = True
            run.font.size = Pt(9)
        add_text(body, clean(text)).font.size = Pt(9)


def tiles(container: Any, block: b.Tiles, width: int) -> None:
    """Tiles two to a row, with a narrow empty column between them."""
    column = (width - GAP) // 2
    for start in range(0, len(block.tiles), 2):
        table = container.add_table(rows=1, cols=3)
        _widths(table, [column, GAP, column])
        cell_margins(table, 80, 100, 120)
        keep_row_whole(table.rows[0])
        cells = table.rows[0].cells
        for index, tile in enumerate(block.tiles[start : start + 2]):
            _tile(cells[index * 2], tile)
        spacer = container.add_paragraph().paragraph_format
        spacer.space_after, spacer.line_spacing_rule = Pt(0), WD_LINE_SPACING.EXACTLY
        spacer.line_spacing = Pt(5)
