"""Draw a document's blocks as a Word file (python-docx): the same layout as the PDF."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from panel_app.documents import blocks as b
from panel_app.documents import chart
from panel_app.documents import docx_panels as panels
from panel_app.documents.docx_parts import (
    ACCENT,
    MUTED,
    Scratch,
    add_field_footer,
    add_text,
    cell_margins,
    fill_cell,
    repeat_header,
    shade,
    style_document,
)
from panel_app.documents.model_common import Masthead
from panel_app.documents.text import clean

PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21.0), Cm(29.7), Cm(1.9)
EMU_PER_POINT = 12700


def _paragraph(container: Any, text: str, style: str | None = None) -> Any:
    paragraph = container.add_paragraph()
    if style:
        # By id, not name: python-docx looks a name up through every style each time. The
        # built-in styles' ids are their names without spaces ("Heading 2" -> "Heading2").
        paragraph._p.style = style.replace(" ", "")
    add_text(paragraph, clean(text))
    return paragraph


def _title(container: Any, block: b.Title) -> None:
    head = block.masthead
    p = _paragraph(container, head.partnership.upper(), "Title")
    p.paragraph_format.space_after = Pt(2)
    _paragraph(container, head.audit_title, "Subtitle")
    meta = [
        f"Theme: {head.theme}" if head.theme else "",
        head.panel_date and f"Panel date: {head.panel_date}",
    ]
    line = " · ".join(m for m in (*meta, *block.lines) if m)
    if line:
        run = add_text(container.add_paragraph(), clean(line))
        run.font.color.rgb = MUTED
    p = _paragraph(container, head.document_title.upper(), "Heading 1")
    p.paragraph_format.space_before = Pt(10)


def _text(container: Any, block: b.Text) -> None:
    p = container.add_paragraph()
    run = add_text(p, clean(block.text))
    if block.style == "quote":
        run.italic = True
        p.paragraph_format.left_indent = Cm(0.6)
    elif block.style == "lead":
        p.paragraph_format.keep_with_next = True
    elif block.style == "small":
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED


def _grid(container: Any, block: b.Grid, width: int) -> None:
    first, columns = (1 if block.header else 0), len(block.widths)
    table = container.add_table(rows=first + len(block.rows), cols=columns)
    table._tbl.tblStyle_val = "TableGrid"  # by id: by name, python-docx searches every style
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    cells = table._cells  # table.cell() rebuilds this list every call: take it once
    style = "TableSmall" if block.small else "TableText"
    for col, text in enumerate(block.header):
        fill_cell(cells[col], clean(text), style, bold=True)
        shade(cells[col], "DCE3EE")
    if block.header:
        repeat_header(table.rows[0])
    for row, values in enumerate(block.rows, start=first):
        for col, value in enumerate(values):
            cell = cells[row * columns + col]
            if isinstance(value, str):
                fill_cell(cell, clean(value), style)
                continue
            ink = str(_ink_on(value.fill)) if value.fill else ""
            fill_cell(cell, clean(value.text), style, bold=value.bold, ink=ink)
            if value.fill:
                shade(cell, value.fill.lstrip("#"))
    widths = [int(width * fraction) for fraction in block.widths]
    table.autofit = False
    padding = 25 if block.small else 45
    cell_margins(table, padding, padding)
    for column, grid_column in zip(widths, table._tbl.tblGrid.gridCol_lst, strict=True):
        grid_column.w = column  # LibreOffice lays a table out by its grid, Word by its cells
    for index, cell in enumerate(cells):
        cell.width = widths[index % columns]
    for row, values in enumerate(block.rows, start=first):
        if len(values) == 1 and isinstance(values[0], b.Cell) and values[0].span:
            cells[row * columns].merge(cells[row * columns + columns - 1])
    container.add_paragraph()


def _ink_on(fill: str) -> RGBColor:
    red, green, blue = (int(fill.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    dark = 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5
    return RGBColor(0xFF, 0xFF, 0xFF) if dark else RGBColor(0, 0, 0)


def _chart(container: Any, block: b.GradeChart, width: int) -> None:
    """The PDF's chart as a picture the width of the text, described for screen readers."""
    picture = chart.png_stream(block, width / EMU_PER_POINT)
    shape = container.add_paragraph().add_run().add_picture(picture, width=width)
    shape._inline.docPr.set("descr", clean(block.caption))
    _text(container, b.Text(block.caption, "small"))


def render_blocks(container: Any, blocks: Sequence[b.Block], width: int) -> None:
    for block in blocks:
        match block:
            case b.Title():
                _title(container, block)
            case b.Heading():
                _paragraph(container, block.text, f"Heading {min(block.level + 1, 4)}")
            case b.Text():
                _text(container, block)
            case b.Labelled():
                p = container.add_paragraph()
                add_text(p, clean(block.label)).bold = True
                add_text(p, " " + clean(block.text))
            case b.Bullets():
                for item in block.items:
                    _paragraph(container, item, "List Bullet")
            case b.Numbered():
                for index, item in enumerate(block.items):
                    p = container.add_paragraph()
                    p.add_run(f"{block.number(index)}\t{clean(item)}")
                    p.paragraph_format.left_indent = Cm(1.1)
                    p.paragraph_format.first_line_indent = Cm(-1.1)
                    p.paragraph_format.tab_stops.add_tab_stop(Cm(1.1))
            case b.Grid():
                if block.rows:  # a table of nothing is left out
                    _grid(container, block, width)
            case b.GradeChart():
                _chart(container, block, width)
            case b.Box():
                panels.box(container, block, width, render_blocks)
            case b.Columns():
                panels.columns(container, block, width, render_blocks)
            case b.Tiles():
                panels.tiles(container, block, width)
            case b.OnePage():
                render_blocks(container, block.blocks, width)
            case b.PageBreak():
                if hasattr(container, "add_page_break"):
                    container.add_page_break()
            case b.SignOff():
                p = _paragraph(container, block.name)
                p.paragraph_format.space_before = Pt(18)
                p.runs[0].bold = True
                if block.title:
                    _paragraph(container, block.title)


def _header(document: Any, head: Masthead) -> None:
    section = document.sections[0]
    top = section.header.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = top.add_run(clean(head.marking))
    run.bold = True
    if head.draft:
        banner = top.add_run("    DRAFT: NOT APPROVED")
        banner.bold, banner.font.color.rgb = True, RGBColor(0xB7, 0x1C, 0x1C)
    line = section.header.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    small = line.add_run(f"{clean(head.partnership)} · {clean(head.audit_title)}")
    small.font.size, small.font.color.rgb = Pt(8), MUTED
    add_field_footer(section.footer, clean(head.marking), clean(head.document_title))


def render_docx(target: Path, head: Masthead, blocks: Sequence[b.Block]) -> None:
    document = Document()
    style_document(document, ACCENT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    core = document.core_properties
    core.title = clean(f"{head.document_title}: {head.audit_title}")
    core.author, core.subject = clean(head.partnership), clean(head.marking)
    core.comments = ""
    _header(document, head)
    width = int(PAGE_WIDTH - 2 * MARGIN)
    scratch, end = Scratch(document, width), document.element.body.sectPr
    for block in blocks:
        render_blocks(scratch, [block], width)
        scratch.move_before(end)
    document.save(str(target))
