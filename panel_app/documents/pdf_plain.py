"""Plain text as a platypus flowable: what most of a document is, laid out cheaply.

A reportlab ``Paragraph`` parses its text as markup, keeps it as styled fragments and breaks
and draws it fragment by fragment; for text in one font (perhaps after a bold label, or
beside a bullet) that is most of the time of writing long minutes. ``PlainText`` breaks the
words itself with the font's widths and draws each line as one string, looks the same (the
style's font, size, leading, indents, colour and spacing; a bullet or number in the margin;
no line left alone at the top or bottom of a page), and is several times faster.

The text is drawn as typed, so it needs no escaping: ``pdf_parts`` uses it for any text that
needs no Arabic shaping or CJK fallback font, and a ``Paragraph`` for the rest.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from panel_app.documents import fonts

#: A line: (font name, text) pieces; only a labelled paragraph's first lines have two.
Line = tuple[tuple[str, str], ...]


def _chunks(word: str, font: str, size: float, room: float) -> list[str]:
    """A word too long for a line, cut into pieces that fit (as Paragraph splits them)."""
    pieces, current = [], ""
    for char in word:
        if current and stringWidth(current + char, font, size) > room:
            pieces.append(current)
            current = char
        else:
            current += char
    return [*pieces, current] if current else pieces


#: How much of a space Paragraph lets each space of a line give up to fit one more word.
SHRINK = 0.05


def break_lines(
    words: list[tuple[str, str]], size: float, room: float, first: float | None = None
) -> list[Line]:
    """Greedy line breaking of (font, word) pairs into lines at most ``room`` wide (the first
    at most ``first``, when a wide bullet takes some of it), as Paragraph breaks them."""
    lines: list[Line] = []
    pieces: list[tuple[str, str]] = []  # (font, text so far) for the current line
    width, count = 0.0, 0
    measure = {font: getFont(font).stringWidth for font in {font for font, _ in words}}
    space = {font: float(width_of(" ", size)) for font, width_of in measure.items()}
    shrink = SHRINK * float(stringWidth(" ", fonts.REGULAR, size))
    limit = first if first is not None else room
    for font, word in words:
        measured = float(measure[font](word, size))
        if measured > limit + shrink * count:  # longer than a line: in pieces, a line each
            for piece in _chunks(word, font, size, limit + shrink * count):
                if pieces:
                    lines.append(tuple(pieces))
                    limit = room
                pieces, width, count = [(font, piece)], stringWidth(piece, font, size), 1
            continue
        gap = space[pieces[-1][0]] if pieces else 0.0
        if pieces and width + gap + measured > limit + shrink * count:
            lines.append(tuple(pieces))
            pieces, width, gap, count, limit = [], 0.0, 0.0, 0, room
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, f"{pieces[-1][1]} {word}")
        elif pieces:
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + " ")
            pieces.append((font, word))
        else:
            pieces.append((font, word))
        width += gap + measured
        count += 1
    if pieces:
        lines.append(tuple(pieces))
    return lines


class PlainText(Flowable):
    """A paragraph of plain text in ``style``, after a bold ``label`` or beside a ``bullet``."""

    def __init__(
        self, text: str, style: ParagraphStyle, *, label: str = "", bullet: str = ""
    ) -> None:
        super().__init__()
        self.text, self.style, self.label, self.bullet = text, style, label, bullet
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self._lines: list[Line] | None = None
        self._wrapped_for = -1.0
        self._offset = 0.0

    @classmethod
    def _part(cls, source: PlainText, lines: list[Line], first: bool) -> PlainText:
        part = cls(source.text, source.style, bullet=source.bullet if first else "")
        part._lines, part._wrapped_for = lines, source._wrapped_for
        part._offset = source._offset if first else 0.0
        part.width, part.height = source.width, len(lines) * source.style.leading
        part.keepWithNext = source.keepWithNext if not first else 0
        return part

    def _words(self) -> list[list[tuple[str, str]]]:
        """Each typed line's (font, word) pairs; the label's words go on the first. Nothing
        at all takes no room, as an empty Paragraph takes none."""
        if not self.text.strip() and not self.label.strip():
            return []
        typed = [line.split() for line in self.text.split("\n")]
        label = [(fonts.BOLD, word) for word in self.label.split()]
        font = self.style.fontName
        out = [[(font, word) for word in words] for words in typed] or [[]]
        out[0] = label + out[0]
        return out

    def _bullet_offset(self) -> float:
        """How far a bullet wider than its margin pushes the first line in, as Paragraph's."""
        if not self.bullet:
            return 0.0
        style = self.style
        width = stringWidth(self.bullet, style.bulletFontName, style.bulletFontSize)
        end = style.bulletIndent + width + 0.6 * style.bulletFontSize
        return float(max(0.0, end - style.leftIndent))

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._lines is None or available_width != self._wrapped_for:
            style = self.style
            room = available_width - style.leftIndent - style.rightIndent
            self._offset = self._bullet_offset()
            self._lines = []
            for words in self._words():
                first = room - self._offset if not self._lines else None
                self._lines += break_lines(words, style.fontSize, room, first) or [()]
            self._wrapped_for = available_width
        self.width = available_width
        self.height = len(self._lines) * self.style.leading
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        # As Paragraph does, split the lines of the last wrap: a table splitting a row asks at
        # the cell's width, having wrapped its content inside the padding.
        if self._lines is None:
            self.wrap(available_width, available_height)
        assert self._lines is not None
        lines, style = self._lines, self.style
        fits = int(available_height / style.leading + 1e-8)
        if len(lines) <= fits:
            return [self]
        if fits <= 1:  # no room, or only for a first line left alone
            return []
        if not style.allowWidows and len(lines) == fits + 1:
            fits -= 1  # give the last line company on the next page
            if fits <= 1:
                return []
        return [self._part(self, lines[:fits], True), self._part(self, lines[fits:], False)]

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def draw(self) -> None:
        assert self._lines is not None
        style, canvas = self.style, self.canv
        size, leading = style.fontSize, style.leading
        baseline = self.height - size
        colour = style.textColor
        if self.bullet:
            canvas.setFont(style.bulletFontName, style.bulletFontSize)
            canvas.setFillColor(getattr(style, "bulletColor", colour))
            canvas.drawString(style.bulletIndent, baseline, self.bullet)
        text = canvas.beginText(style.leftIndent + self._offset, baseline)
        text.setFillColor(colour)
        current = ""
        for number, line in enumerate(self._lines):
            if number == 1 and self._offset:
                text.moveCursor(-self._offset, 0)  # later lines start at the indent
            for index, (font, piece) in enumerate(line):
                if font != current:
                    text.setFont(font, size, leading)
                    current = font
                if index < len(line) - 1:
                    text.textOut(piece)
                else:
                    text.textLine(piece)
            if not line:
                text.setFont(current or style.fontName, size, leading)
                current = current or style.fontName
                text.textLine("")
        canvas.drawText(text)
