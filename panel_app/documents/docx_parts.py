"""Word details python-docx has no API for: shading, borders, repeated headers, page fields."""

from __future__ import annotations

from typing import Any

from docx.document import _Body
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt, RGBColor
from docx.text.paragraph import Paragraph

ACCENT = RGBColor(0x1F, 0x38, 0x64)
MUTED = RGBColor(0x52, 0x60, 0x6D)
INK = RGBColor(0x1F, 0x29, 0x33)
FONT = "Arial"

#: Paragraph styles for table cells, by name (their ids are the names without spaces).
TABLE_STYLES = {"Table Text": 8.5, "Table Small": 7}
_SIZES = {"Normal": 10, "Title": 18, "Subtitle": 13, "Heading 1": 15, "Heading 2": 13,
          "Heading 3": 11, "Heading 4": 10}  # fmt: skip


def style_document(document: Any, accent: RGBColor) -> None:
    """Plain, readable styles: one sans-serif font, headings in the accent colour."""
    for name, size in _SIZES.items():
        style = document.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attribute), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        if name != "Normal":
            style.font.bold = True
            style.font.italic = False
            style.font.color.rgb = INK if name in ("Subtitle", "Heading 4") else accent
    document.styles["Normal"].paragraph_format.space_after = Pt(5)
    document.styles["Title"].paragraph_format.space_after = Pt(2)
    # Table text: no space after each cell's paragraph (Normal's would pad every row).
    for table_style, points in TABLE_STYLES.items():
        cell_text = document.styles.add_style(table_style, WD_STYLE_TYPE.PARAGRAPH)
        cell_text.base_style = document.styles["Normal"]
        cell_text.font.size = Pt(points)
        cell_text.paragraph_format.space_after = Pt(0)
        cell_text.paragraph_format.line_spacing = 1.0


def shade(cell: Any, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.upper())
    properties.append(shading)


def set_cell_border(
    cell: Any,
    colour: str,
    size: int = 12,
    sides: tuple[str, ...] = ("top", "left", "bottom", "right"),
) -> None:
    """A rule of ``size`` eighths of a point round ``cell``, or on the ``sides`` named."""
    properties = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in sides:
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single")
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:color"), colour)
        borders.append(edge)
    shading = properties.find(qn("w:shd"))  # the schema puts borders before shading
    if shading is not None:
        shading.addprevious(borders)
    else:
        properties.append(borders)


def repeat_header(row: Any) -> None:
    """Repeat this row at the top of each page the table runs onto."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def keep_row_whole(row: Any) -> None:
    """Never split this row over two pages."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None),
                       ("text", shown), ("end", None)):  # fmt: skip
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} \\* MERGEFORMAT "
        elif kind == "text":
            run.text = text or ""
            continue
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def add_field_footer(footer: Any, marking: str, document_title: str) -> None:
    """The marking, then 'Document · Page X of Y' with Word's own page fields."""
    top = footer.paragraphs[0]
    top.alignment = WD_ALIGN_PARAGRAPH.CENTER
    top.add_run(marking).bold = True
    line = footer.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    line.add_run(f"{document_title} · Page ")
    _field(line, "PAGE", "1")
    line.add_run(" of ")
    _field(line, "NUMPAGES", "1")
    for run in line.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = MUTED


def cell_margins(table: Any, top: int = 40, bottom: int = 40, sides: int = 85) -> None:
    """Room inside every cell of ``table``, in twentieths of a point ("Table Grid" has none
    above and below the text, which looks cramped)."""
    margins = OxmlElement("w:tblCellMar")
    for side, size in (("top", top), ("left", sides), ("bottom", bottom), ("right", sides)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(size))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    properties = table._tbl.tblPr
    # The schema puts tblCellMar after the table's width, borders, layout and shading.
    following = properties.find(qn("w:tblLook"))
    if following is not None:
        following.addprevious(margins)
    else:
        properties.append(margins)


def cell_padding(cell: Any, **sides: int) -> None:
    """Room inside one cell on the sides given (left=140...), in twentieths of a point."""
    margins = OxmlElement("w:tcMar")
    for side, size in sides.items():
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(size))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    properties = cell._tc.get_or_add_tcPr()
    # The schema's order: width, ..., borders, shading, no-wrap, margins, then the rest.
    following = [
        properties.find(qn(tag))
        for tag in ("w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark")
    ]
    later = next((element for element in following if element is not None), None)
    if later is not None:
        later.addprevious(margins)
    else:
        properties.append(margins)


def add_text(paragraph: Any, text: str) -> Any:
    """``paragraph.add_run(text)``, without python-docx's scan of the text one character at a
    time (for tabs and line breaks) when it holds neither, as most text does."""
    if not text or "\t" in text or "\n" in text or "\r" in text:
        return paragraph.add_run(text)
    run = paragraph.add_run()
    run._r.add_t(text)
    return run


_P_PR, _P_STYLE, _R, _R_PR, _B, _COLOR, _T, _VAL = (
    qn(tag) for tag in ("w:pPr", "w:pStyle", "w:r", "w:rPr", "w:b", "w:color", "w:t", "w:val")
)
_PRESERVE = qn("xml:space")


def _child(parent: Any, tag: str) -> Any:
    """A new last child of ``parent`` (lxml's own makeelement: no namespace map to build)."""
    element = parent.makeelement(tag, {})
    parent.append(element)
    return element


def fill_cell(cell: Any, text: str, style: str, *, bold: bool = False, ink: str = "") -> None:
    """Put ``text`` in a new table cell's paragraph, in paragraph style ``style`` (an id),
    bold and in colour ``ink`` (RRGGBB) if asked.

    Built with lxml's own calls: python-docx places each property by scanning for the ones
    that must follow it, which made big tables (the minutes' discussion) slow to write.
    """
    paragraph = cell._tc.p_lst[0]
    _child(_child(paragraph, _P_PR), _P_STYLE).set(_VAL, style)
    if "\t" in text or "\n" in text or "\r" in text:
        run = Paragraph(paragraph, cell).add_run(text)
        run.bold = bold or None
        if ink:
            run.font.color.rgb = RGBColor.from_string(ink)
        return
    run_element = _child(paragraph, _R)
    if bold or ink:
        properties = _child(run_element, _R_PR)
        if bold:
            _child(properties, _B)
        if ink:
            _child(properties, _COLOR).set(_VAL, ink)
    element = _child(run_element, _T)
    element.text = text
    if text != text.strip():
        element.set(_PRESERVE, "preserve")


class Scratch:
    """A detached body the renderer draws into, a block at a time, then moves into place.

    python-docx finds where a new paragraph goes by scanning the body's children, so a long
    document costs the square of its length; drawing each block into this nearly empty body
    and moving the result keeps every scan short.
    """

    def __init__(self, document: Any, width: int) -> None:
        self.element = OxmlElement("w:body")
        self.body = _Body(self.element, document)
        self.width = width

    def add_paragraph(self) -> Any:
        return self.body.add_paragraph()

    def add_table(self, rows: int, cols: int) -> Any:
        return self.body.add_table(rows, cols, Emu(self.width))

    def add_page_break(self) -> Any:
        paragraph = self.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        return paragraph

    def move_before(self, end: Any) -> None:
        for element in list(self.element):
            end.addprevious(element)
