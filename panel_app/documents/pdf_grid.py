"""A Grid block as a reportlab Table.

Most cells are short, plain text (a time, a name, a grade): those are drawn as plain table
strings, wrapped here, which is many times faster than a Paragraph per cell. Long text and
words too long for the column become ``PlainText`` (which splits between pages line by line),
text that needs Arabic shaping or a CJK font an escaped Paragraph.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table

from panel_app.documents import blocks as b
from panel_app.documents import fonts
from panel_app.documents.pdf_parts import RULE, STYLES, table
from panel_app.documents.pdf_plain import PlainText
from panel_app.documents.text import clean, markup, needs_shaping

PLAIN_LIMIT = 160
Command = tuple[object, ...]


@cache
def colour(fill: str) -> colors.Color:
    return colors.HexColor(fill)


@cache
def text_on(fill: str) -> colors.Color:
    """Black or white, whichever reads better on ``fill`` (grades print in greyscale too)."""
    shade = colour(fill)
    luminance = 0.2126 * shade.red + 0.7152 * shade.green + 0.0722 * shade.blue
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


@cache
def _cell_style(base: ParagraphStyle, bold: bool, ink: colors.Color | None) -> ParagraphStyle:
    """The cell style in bold, or in the ink a fill needs (made once each)."""
    extra: dict[str, object] = {"fontName": fonts.BOLD} if bold else {}
    if ink is not None:
        extra["textColor"] = ink
    return ParagraphStyle(f"{base.name}-{bold}-{ink}", parent=base, **extra) if extra else base


def _content(
    value: b.CellValue, style: ParagraphStyle, room: float, at: tuple[int, int], out: list[Command]
) -> str | Flowable:
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
    if not needs_shaping(cell.text):
        return PlainText(clean(cell.text), _cell_style(style, cell.bold, ink))
    text = markup(cell.text)
    if cell.bold:
        text = f"<b>{text}</b>"
    if ink is not None:
        text = f'<font color="#{ink.hexval()[2:]}">{text}</font>'
    return Paragraph(text, style)


def _coalesce(commands: list[Command]) -> list[Command]:
    """One command for each run of cells side by side in a row given the same command (a
    header row in bold, grades in white): fewer commands for reportlab to apply. Commands
    here never overlap (each cell's own), so their order does not matter."""
    runs: dict[tuple[object, ...], list[list[int]]] = {}  # (name, row, *values) -> [first, last]
    out: list[Command] = []
    for command in commands:
        name, start, end, *values = command
        assert isinstance(start, tuple) and isinstance(end, tuple)
        if start != end or start[0] < 0:  # a span, or a whole row: as it is
            out.append(command)
            continue
        col, row = start
        spans_of = runs.setdefault((name, row, *values), [])
        if spans_of and spans_of[-1][1] == col - 1:
            spans_of[-1][1] = col
        else:
            spans_of.append([col, col])
    for (name, row, *values), found in runs.items():
        out += [(name, (first, row), (last, row), *values) for first, last in found]
    return out


def grid_table(block: b.Grid, width: float) -> Table:
    style = STYLES["cell_small" if block.small else "cell"]
    padding = 2.5 if block.small else 4
    widths = [fraction * width for fraction in block.widths]
    commands: list[Command] = []
    rows: list[tuple[b.CellValue, ...]] = []
    if block.header:
        rows.append(tuple(b.Cell(text, bold=True) for text in block.header))
    rows += block.rows
    data: list[list[Flowable | str]] = []
    for row, values in enumerate(rows):
        if spans(values):
            cell = values[0]
            assert isinstance(cell, b.Cell)
            content = _content(cell, style, width - 2 * padding, (0, row), commands)
            data.append([content] + [""] * (len(widths) - 1))
            commands.append(("SPAN", (0, row), (-1, row)))
            if cell.fill:
                commands.append(("BACKGROUND", (0, row), (-1, row), colour(cell.fill)))
            continue
        line = []
        for col, value in enumerate(values):
            line.append(_content(value, style, widths[col] - 2 * padding, (col, row), commands))
            if isinstance(value, b.Cell) and value.fill:
                commands.append(("BACKGROUND", (col, row), (col, row), colour(value.fill)))
        data.append(line)
    # A dense table of short entries (grades): ruled, and tighter.
    pads = (padding, padding, 2, 2.5) if block.small else (padding, padding, 3, 4)
    if block.small:
        commands.append(("GRID", (0, 0), (-1, -1), 0.4, RULE))
    return table(
        data,
        widths,
        header=bool(block.header),
        extra=_coalesce(commands),
        size=style.fontSize,
        leading=style.leading,
        padding=pads,
    )
