"""The pieces PDF renderers are built from: styles, paragraphs of user text, lists, tables, boxes.

Every piece of user text goes through ``flowing`` here: drawn as typed by ``PlainText``, or
escaped by ``text.markup`` for a ``Paragraph``, so no renderer can forget it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Indenter, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.flowables import FrameBG, HRFlowable

from panel_app.documents import fonts
from panel_app.documents.blocks import Tile
from panel_app.documents.model_common import Masthead
from panel_app.documents.pdf_base import ACCENT, INK, MUTED
from panel_app.documents.pdf_plain import PlainText
from panel_app.documents.text import clean, markup, needs_shaping

RULE = colors.HexColor("#9AA5B1")
HEAD_FILL = colors.HexColor("#DCE3EE")
ZEBRA = colors.HexColor("#F4F6F9")
BOX_FILL = colors.HexColor("#FBEFEF")
BOX_LINE = colors.HexColor("#B71C1C")
NOTE_FILL = colors.HexColor("#EAF0F8")
TILE_FILL = colors.HexColor("#F3F5F8")
#: A box's fill and rule by its tone.
TONES = {"alert": (BOX_FILL, BOX_LINE), "note": (NOTE_FILL, ACCENT)}


def _style(name: str, size: float, leading: float, **extra: object) -> ParagraphStyle:
    base: dict[str, object] = {
        "fontName": fonts.REGULAR,
        "bulletFontName": fonts.REGULAR,
        "fontSize": size,
        "leading": leading,
        "textColor": INK,
        "alignment": TA_LEFT,
        "allowWidows": 0,  # never a paragraph's last line alone at the top of a page
    }
    base.update(extra)
    return ParagraphStyle(name, **base)


STYLES: dict[str, ParagraphStyle] = {
    "body": _style("body", 9.5, 13.5, spaceAfter=5),
    "lead": _style("lead", 9.5, 13.5, spaceAfter=4, keepWithNext=1),
    "small": _style("small", 8, 10.5, textColor=MUTED, spaceAfter=3),
    "partnership": _style("partnership", 15, 19, fontName=fonts.BOLD, textColor=ACCENT),
    "title": _style("title", 12.5, 16, fontName=fonts.BOLD, spaceBefore=2),
    "meta": _style("meta", 9.5, 13, textColor=MUTED),
    "document": _style(
        "document", 17, 21, fontName=fonts.BOLD, textColor=ACCENT, spaceBefore=10, spaceAfter=6
    ),
    "h1": _style(
        "h1", 12.5, 16, fontName=fonts.BOLD, textColor=ACCENT, spaceBefore=12, spaceAfter=5,
        keepWithNext=1,
    ),
    "h2": _style("h2", 10.5, 14, fontName=fonts.BOLD, spaceBefore=8, spaceAfter=3, keepWithNext=1),
    "h3": _style(
        "h3", 9.5, 13, fontName=fonts.BOLD, textColor=MUTED, spaceBefore=5, spaceAfter=2,
        keepWithNext=1,
    ),
    "quote": _style("quote", 9.5, 13.5, fontName=fonts.ITALIC, leftIndent=12, spaceAfter=5),
    "bullet": _style("bullet", 9.5, 13.5, leftIndent=14, bulletIndent=3, spaceAfter=3),
    "numbered": _style("numbered", 9.5, 13.5, leftIndent=28, bulletIndent=0, spaceAfter=3),
    "cell": _style("cell", 8.5, 11),
    "cell_bold": _style("cell_bold", 8.5, 11, fontName=fonts.BOLD),
    "cell_small": _style("cell_small", 7, 8.6),
    "box_title": _style(
        "box_title", 10.5, 14, fontName=fonts.BOLD, textColor=BOX_LINE, spaceAfter=4,
        keepWithNext=1,
    ),
    "note_title": _style(
        "note_title", 11, 14, fontName=fonts.BOLD, textColor=ACCENT, spaceAfter=4,
        keepWithNext=1,
    ),
    "tile_title": _style("tile_title", 9.5, 12, fontName=fonts.BOLD, textColor=ACCENT,
                         spaceAfter=2),
    "tile": _style("tile", 8.5, 11.3),
}  # fmt: skip


def flowing(text: str, style: str = "body", *, label: str = "", bullet: str = "") -> Flowable:
    """User (or fixed) text as typed, line breaks kept, after a bold ``label`` or beside a
    ``bullet``: plain text as ``PlainText``, text to shape or set in the CJK font as an
    escaped ``Paragraph``."""
    typed, named = clean(text), clean(label)
    if needs_shaping(typed) or needs_shaping(named):
        marked = f"<b>{markup(named)}</b> {markup(typed)}" if named else markup(typed)
        return Paragraph(marked, STYLES[style], bulletText=bullet or None)
    return PlainText(typed, STYLES[style], label=named, bullet=bullet)


def para(text: str, style: str = "body") -> Flowable:
    """User (or fixed) text as typed, line breaks kept."""
    return flowing(text, style)


def labelled(label: str, text: str, style: str = "body") -> Flowable:
    """'Label: text', the label in bold."""
    return flowing(text, style, label=label)


def heading(text: str, level: int = 1) -> Flowable:
    return para(text, f"h{level}")


def bullets(texts: Iterable[str], style: str = "bullet") -> list[Flowable]:
    return [flowing(text, style, bullet="•") for text in texts if text]


def numbered(texts: Iterable[tuple[str, str]]) -> list[Flowable]:
    """Paragraphs numbered 5.1, 5.2... (number, text) as the reference summaries are."""
    return [flowing(text, "numbered", bullet=number) for number, text in texts]


def table(
    data: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    *,
    header: bool = True,
    extra: Sequence[tuple[object, ...]] = (),
    size: float = 8.5,
    leading: float = 11,
    padding: tuple[float, float, float, float] = (4, 4, 3, 4),
) -> Table:
    """A ruled table: header row shaded and repeated on each page, rows banded.

    Strings are drawn as they are (plain, already wrapped) in ``size`` on ``leading``; rows
    may split inside a cell, so a very long entry cannot overflow the page. ``padding`` is
    left, right, top, bottom. Each setting is given once for the whole table: reportlab
    applies every command to every cell it covers.
    """
    left, right, top, bottom = padding
    style: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), fonts.REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), left),
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]
    if header:
        style += [
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("LINEABOVE", (0, 0), (-1, 0), 0.6, RULE),
        ]
    for row in range(1 if header else 0, len(data)):
        if (row - (1 if header else 0)) % 2:
            style.append(("BACKGROUND", (0, row), (-1, row), ZEBRA))
    style.extend(extra)
    return Table(
        [list(row) for row in data],
        colWidths=list(widths),
        repeatRows=1 if header else 0,
        splitInRow=1,
        style=style,
        hAlign="LEFT",
    )


def boxed(title: str, content: Sequence[Flowable], tone: str = "alert") -> list[Flowable]:
    """A ruled, tinted box (it may run over a page break) for matters set apart."""
    fill, line = TONES.get(tone, TONES["alert"])
    return [
        Spacer(0, 4),
        FrameBG(color=fill, strokeColor=line, strokeWidth=1),
        Spacer(0, 6),
        Indenter(8, 8),
        para(title, "box_title" if tone == "alert" else "note_title"),
        *content,
        Indenter(-8, -8),
        Spacer(0, 4),
        FrameBG(start=False),
        Spacer(0, 6),
    ]


def tile_rows(tiles: Sequence[Tile], width: float) -> list[Flowable]:
    """Titled panels two to a row, ruled in the accent colour on the left; each row a table of
    its own, so a page can break between rows."""
    gutter = 8
    column = (width - gutter) / 2
    out: list[Flowable] = []
    for start in range(0, len(tiles), 2):
        cells: list[list[Flowable] | str] = []
        for tile in tiles[start : start + 2]:
            body = "<br/>".join(
                f"<b>{markup(label)}</b> {markup(text)}" if label else markup(text)
                for label, text in tile.parts
                if text
            )
            cells.append([para(tile.title, "tile_title"), Paragraph(body, STYLES["tile"])])
        filled = len(cells)
        cells += [""] * (2 - filled)
        style: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 7),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ]
        for index in range(filled):
            col = index * 2
            style += [
                ("BACKGROUND", (col, 0), (col, 0), TILE_FILL),
                ("LINEBEFORE", (col, 0), (col, 0), 2.2, ACCENT),
            ]
        row = Table(
            [[cells[0], "", cells[1]]],
            colWidths=[column, gutter, column],
            style=style,
            hAlign="LEFT",
            spaceAfter=gutter - 2,
        )
        out.append(row)
    return out


def rule() -> HRFlowable:
    return HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=4, spaceAfter=6)


def title_block(head: Masthead, lines: Sequence[str] = ()) -> list[Flowable]:
    """The first lines of a document: partnership, audit, theme and date, document name."""
    meta = [f"Theme: {head.theme}" if head.theme else "", f"Panel date: {head.panel_date}"]
    return [
        KeepTogether(
            [
                para(head.partnership.upper(), "partnership"),
                para(head.audit_title, "title"),
                para(" · ".join(m for m in (*meta, *lines) if m and not m.endswith(": ")), "meta"),
                para(head.document_title.upper(), "document"),
                rule(),
            ]
        )
    ]


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(0, height_mm * mm)
