"""Draw a document's blocks as HTML for Qt's rich text (``QTextDocument``), to print.

The third renderer beside ``pdf_render`` and ``docx_render``, from the same blocks, so a
printed page says what the PDF says. It keeps to the HTML subset Qt understands (tables with
cell padding and colours, ``thead`` repeated on each page, ``page-break-before``). The page
furniture (marking, page numbers, DRAFT) is drawn on each page by the printing code in ``ui``.
User text is escaped; Qt itself lays out Arabic right to left and finds fonts for Chinese.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from panel_app.documents import blocks as b
from panel_app.documents import chart
from panel_app.documents.text import clean

ACCENT, INK, MUTED, RULE, HEAD_FILL = "#1F3864", "#1F2933", "#52606D", "#9AA5B1", "#DCE3EE"
BOX_FILL, BOX_LINE = "#FBEFEF", "#B71C1C"
TONES = {"alert": (BOX_FILL, BOX_LINE), "note": ("#EAF0F8", ACCENT)}
TILE_FILL = "#F3F5F8"
#: The width of the text on an A4 page with the PDF's margins, in CSS pixels (96 to the inch).
TEXT_WIDTH_PX = 650


@dataclass
class HtmlDocument:
    html: str
    images: dict[str, bytes] = field(default_factory=dict)  # name in the HTML -> PNG


def text(value: str) -> str:
    """User text as typed: escaped, line breaks kept."""
    return escape(clean(value)).replace("\n", "<br/>")


def _ink_on(fill: str) -> str:
    red, green, blue = (int(fill.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return "#FFFFFF" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5 else "#000000"


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []
        self.images: dict[str, bytes] = {}
        self.breaking = False  # the next block starts a new page

    def style(self, css: str) -> str:
        if self.breaking:
            self.breaking = False
            css = f"page-break-before:always; {css}"
        return f' style="{css}"'

    def p(self, content: str, css: str = "") -> None:
        self.out.append(f"<p{self.style('margin:0 0 5px 0; ' + css)}>{content}</p>")

    def title(self, block: b.Title) -> None:
        head = block.masthead
        meta = [f"Theme: {head.theme}" if head.theme else "", f"Panel date: {head.panel_date}"]
        line = " · ".join(m for m in (*meta, *block.lines) if m and not m.endswith(": "))
        self.p(text(head.partnership.upper()), f"font-size:15pt; font-weight:bold; color:{ACCENT}")
        self.p(text(head.audit_title), "font-size:12.5pt; font-weight:bold")
        self.p(text(line), f"color:{MUTED}")
        self.p(
            text(head.document_title.upper()),
            f"font-size:17pt; font-weight:bold; color:{ACCENT}; margin-top:10px",
        )
        self.out.append(f'<hr style="color:{RULE}"/>')

    def heading(self, block: b.Heading) -> None:
        size, colour, above = {1: ("12.5pt", ACCENT, 14), 2: ("10.5pt", INK, 9)}.get(
            block.level, ("9.5pt", MUTED, 6)
        )
        level = min(block.level + 1, 4)
        css = f"font-size:{size}; color:{colour}; margin-top:{above}px; margin-bottom:3px"
        self.out.append(f"<h{level}{self.style(css)}>{text(block.text)}</h{level}>")

    def grid(self, block: b.Grid) -> None:
        size = "7pt" if block.small else "8.5pt"
        columns = len(block.widths)
        rows = []
        if block.header:
            cells = "".join(
                f'<th width="{w * 100:.1f}%" align="left">{text(h)}</th>'
                for h, w in zip(block.header, block.widths, strict=True)
            )
            rows.append(f'<thead><tr bgcolor="{HEAD_FILL}">{cells}</tr></thead>')
        for values in block.rows:
            rows.append("<tr>" + "".join(self.cell(v, columns, values) for v in values) + "</tr>")
        css = f"font-size:{size}; border-collapse:collapse; border-color:{RULE}; margin-bottom:6px"
        self.out.append(
            f'<table width="100%" border="1" cellspacing="0" cellpadding="3"{self.style(css)}>'
            + "".join(rows)
            + "</table>"
        )

    def cell(self, value: b.CellValue, columns: int, row: Sequence[b.CellValue]) -> str:
        cell = value if isinstance(value, b.Cell) else b.Cell(value)
        content = text(cell.text)
        if cell.bold:
            content = f"<b>{content}</b>"
        attributes = f' colspan="{columns}"' if cell.span and len(row) == 1 else ""
        if cell.fill:
            attributes += f' bgcolor="{cell.fill}"'
            content = f'<span style="color:{_ink_on(cell.fill)}">{content}</span>'
        return f"<td{attributes}>{content}</td>"

    def chart(self, block: b.GradeChart) -> None:
        name = f"chart-{len(self.images) + 1}.png"
        self.images[name] = chart.png(block, TEXT_WIDTH_PX * 0.75)  # points: 72 to 96 pixels
        self.out.append(f'<p{self.style("")}><img src="{name}" width="{TEXT_WIDTH_PX}"/></p>')
        self.p(text(block.caption), f"font-size:8pt; color:{MUTED}")

    def numbered(self, block: b.Numbered) -> None:
        """Numbers in a column of their own: Qt ignores a negative text-indent, so a hanging
        indent has to be a table."""
        rows = "".join(
            f'<tr><td width="36">{escape(block.number(index))}</td><td>{text(item)}</td></tr>'
            for index, item in enumerate(block.items)
        )
        css = "margin:0 0 5px 0"
        self.out.append(f'<table cellspacing="0" cellpadding="2"{self.style(css)}>{rows}</table>')

    def inner(self, blocks: Sequence[b.Block], first: str = "") -> str:
        """Blocks drawn apart, to go in a table cell (``first`` before them)."""
        writer = _Writer()
        writer.out.append(first)
        writer.blocks(blocks)
        self.images.update(writer.images)
        return "".join(writer.out)

    def box(self, block: b.Box) -> None:
        fill, line = TONES.get(block.tone, TONES["alert"])
        title = (
            f'<p style="font-weight:bold; color:{line}; font-size:10.5pt">{text(block.title)}</p>'
        )
        css = f"border-color:{line}; margin:6px 0"
        self.out.append(
            f'<table width="100%" border="1" cellspacing="0" cellpadding="8"{self.style(css)}>'
            f'<tr><td bgcolor="{fill}">{self.inner(block.blocks, title)}</td></tr></table>'
        )

    def columns(self, block: b.Columns) -> None:
        cells = "".join(
            f'<td width="{fraction * 100:.0f}%" valign="top">{self.inner(part)}</td>'
            for fraction, part in zip(block.widths, (block.left, block.right), strict=True)
        )
        self.out.append(
            f'<table width="100%" cellspacing="0" cellpadding="4"{self.style("")}>'
            f"<tr>{cells}</tr></table>"
        )

    def tiles(self, block: b.Tiles) -> None:
        rows = []
        for start in range(0, len(block.tiles), 2):
            cells = []
            for tile in block.tiles[start : start + 2]:
                body = "<br/>".join(
                    f"<b>{text(label)}</b> {text(part)}" if label else text(part)
                    for label, part in tile.parts
                    if part
                )
                cells.append(
                    f'<td width="50%" valign="top" bgcolor="{TILE_FILL}">'
                    f'<p style="font-weight:bold; color:{ACCENT}; margin-bottom:2px">'
                    f"{text(tile.title)}</p>{body}</td>"
                )
            if len(cells) == 1:
                cells.append('<td width="50%"></td>')
            rows.append("<tr>" + "".join(cells) + "</tr>")
        self.out.append(
            f'<table width="100%" cellspacing="6" cellpadding="6"'
            f"{self.style('font-size:8.5pt')}>{''.join(rows)}</table>"
        )

    def blocks(self, blocks: Sequence[b.Block]) -> None:
        for block in blocks:
            match block:
                case b.Title():
                    self.title(block)
                case b.Heading():
                    self.heading(block)
                case b.Text():
                    css = {
                        "quote": "font-style:italic; margin-left:16px",
                        "small": f"font-size:8pt; color:{MUTED}",
                    }.get(block.style, "")
                    self.p(text(block.text), css)
                case b.Labelled():
                    self.p(f"<b>{text(block.label)}</b> {text(block.text)}")
                case b.Bullets():
                    items = "".join(f"<li>{text(item)}</li>" for item in block.items if item)
                    self.out.append(f"<ul{self.style('margin-top:0')}>{items}</ul>")
                case b.Numbered():
                    self.numbered(block)
                case b.Grid():
                    if block.rows:
                        self.grid(block)
                case b.GradeChart():
                    self.chart(block)
                case b.Box():
                    self.box(block)
                case b.Columns():
                    self.columns(block)
                case b.Tiles():
                    self.tiles(block)
                case b.OnePage():
                    self.blocks(block.blocks)
                case b.PageBreak():
                    self.breaking = True
                case b.SignOff():
                    self.p(f"<b>{text(block.name)}</b>", "margin-top:24px; font-size:10.5pt")
                    if block.title:
                        self.p(text(block.title), f"color:{MUTED}")


def render_html(blocks: Sequence[b.Block]) -> HtmlDocument:
    writer = _Writer()
    writer.blocks(blocks)
    body = "".join(writer.out)
    return HtmlDocument(f'<html><body style="color:{INK}">{body}</body></html>', writer.images)
