"""A Grid block as a reportlab Table.

Most cells are short, plain text (a time, a name, a grade): those are drawn as plain table
strings, wrapped here, which is many times faster than a Paragraph per cell. Long text, text
that needs Arabic shaping or a CJK font, and words too long for the column become Paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, Table

from panel_app.documents import blocks as b
from panel_app.documents import fonts
from panel_app.documents.pdf_parts import RULE, STYLES, table
from panel_app.documents.text import clean, markup, needs_shaping

PLAIN_LIMIT = 160
Command = tuple[object, ...]


def text_on(fill: str) -> colors.Color:
    """Black or white, whichever reads better on ``fill`` (grades print in greyscale too)."""
    colour = colors.HexColor(fill)
    luminance = 0.2126 * colour.red + 0.7152 * colour.green + 0.0722 * colour.blue
    return colors.white if luminance < 0.5 else colors.black


def spans(values: Sequence[b.CellValue]) -> bool:
    return len(values) == 1 and isinstance(values[0], b.Cell) and values[0].span


def _plain(text: str, font: str, size: float, room: float) -> str | None:
    if len(text) > PLAIN_LIMIT or needs_shaping(text):
        return None
    lines = simpleSplit(text, font, size, room)
    if any(stringWidth(line, font, size) > room for line in lines):
        return None  # a word longer than the column: a Paragraph splits it
    return "\n".join(lines)


def _content(
    value: b.CellValue, style: ParagraphStyle, room: float, at: tuple[int, int], out: list[Command]
) -> str | Paragraph:
    """The cell's content; style commands it needs (bold, text colour) go into ``out``."""
    cell = value if isinstance(value, b.Cell) else b.Cell(value)
    ink = text_on(cell.fill) if cell.fill else None
    font = fonts.BOLD if cell.bold else fonts.REGULAR
    plain = _plain(clean(cell.text), font, style.fontSize, room)
    if plain is not None:
        if cell.bold:
            out.append(("FONTNAME", at, at, fonts.BOLD))
        if ink is not None:
            out.append(("TEXTCOLOR", at, at, ink))
        return plain
    text = markup(cell.text)
    if cell.bold:
        text = f"<b>{text}</b>"
    if ink is not None:
        text = f'<font color="#{ink.hexval()[2:]}">{text}</font>'
    return Paragraph(text, style)


def grid_table(block: b.Grid, width: float) -> Table:
    style = STYLES["cell_small" if block.small else "cell"]
    padding = 2.5 if block.small else 4
    widths = [fraction * width for fraction in block.widths]
    commands: list[Command] = [
        ("FONTSIZE", (0, 0), (-1, -1), style.fontSize),
        ("LEADING", (0, 0), (-1, -1), style.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), style.textColor),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    rows: list[tuple[b.CellValue, ...]] = []
    if block.header:
        rows.append(tuple(b.Cell(text, bold=True) for text in block.header))
    rows += block.rows
    data = []
    for row, values in enumerate(rows):
        if spans(values):
            cell = values[0]
            assert isinstance(cell, b.Cell)
            content = _content(cell, style, width - 2 * padding, (0, row), commands)
            data.append([content] + [""] * (len(widths) - 1))
            commands.append(("SPAN", (0, row), (-1, row)))
            if cell.fill:
                commands.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor(cell.fill)))
            continue
        line = []
        for col, value in enumerate(values):
            line.append(_content(value, style, widths[col] - 2 * padding, (col, row), commands))
            if isinstance(value, b.Cell) and value.fill:
                commands.append(("BACKGROUND", (col, row), (col, row), colors.HexColor(value.fill)))
        data.append(line)
    if block.small:  # a dense table of short entries (grades): ruled, and tighter
        commands += [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ]
    return table(data, widths, header=bool(block.header), extra=commands)
