"""The chart of grades by domain: one stacked bar per domain, a segment per grade.

Drawn with reportlab.graphics for the PDF, and the same drawing as a PNG (``chart_png``) for
Word and for printing.
"""

from __future__ import annotations

import io

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from panel_app.documents import fonts
from panel_app.documents.blocks import Cell, GradeChart, Grid

LABEL_SIZE = 7.5
BAR_PITCH = 17.0
LEGEND_ROW = 14.0


def _short(text: str, width: float) -> str:
    if stringWidth(text, fonts.REGULAR, LABEL_SIZE) <= width:
        return text
    while text and stringWidth(text + "…", fonts.REGULAR, LABEL_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _legend_rows(
    model: GradeChart, left: float, width: float
) -> list[list[tuple[float, str, str]]]:
    """The legend's entries as rows of (x, label, colour), wrapping at the drawing's edge."""
    rows: list[list[tuple[float, str, str]]] = [[]]
    x = left
    for label, colour in model.levels:
        step = 12 + stringWidth(label, fonts.REGULAR, LABEL_SIZE + 0.5) + 16
        if rows[-1] and x + step - 16 > width:
            rows.append([])
            x = left
        rows[-1].append((x, label, colour))
        x += step
    return rows


def _legend(art: Drawing, model: GradeChart, left: float, width: float) -> None:
    for number, row in enumerate(_legend_rows(model, left, width)):
        y = LEGEND_ROW * (len(_legend_rows(model, left, width)) - number - 1) + 4
        for x, label, colour in row:
            art.add(Rect(x, y, 9, 9, fillColor=colors.HexColor(colour), strokeColor=None))
            art.add(
                String(x + 12, y + 1.5, label, fontName=fonts.REGULAR, fontSize=LABEL_SIZE + 0.5)
            )


def drawing(model: GradeChart, width: float) -> Drawing:
    fonts.register()
    label_width = min(
        max(stringWidth(d, fonts.REGULAR, LABEL_SIZE) for d in model.domains) + 6, width * 0.42
    )
    plot_height = BAR_PITCH * len(model.domains)
    legend_height = LEGEND_ROW * len(_legend_rows(model, label_width, width)) + 4
    art = Drawing(width, plot_height + legend_height + 24)
    bars = HorizontalBarChart()
    bars.x, bars.y = label_width, legend_height + 18
    bars.width, bars.height = width - label_width - 10, plot_height
    bars.data = [list(column) for column in zip(*model.counts, strict=True)]
    bars.categoryAxis.categoryNames = [_short(d, label_width - 6) for d in model.domains]
    bars.categoryAxis.style = "stacked"
    bars.categoryAxis.reverseDirection = 1
    bars.categoryAxis.labels.fontName = fonts.REGULAR
    bars.categoryAxis.labels.fontSize = LABEL_SIZE
    bars.categoryAxis.labels.boxAnchor = "e"
    bars.categoryAxis.labels.dx = -3
    bars.categoryAxis.strokeColor = colors.HexColor("#52606D")
    bars.categoryAxis.visibleTicks = 0  # the labels say which bar is which; ticks only clutter
    most = max((sum(row) for row in model.counts), default=0) or 1
    step = max(1, round(most / 8))
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = step * -(-most // step)
    bars.valueAxis.valueStep = step
    bars.valueAxis.labels.fontName = fonts.REGULAR
    bars.valueAxis.labels.fontSize = LABEL_SIZE
    bars.valueAxis.visibleGrid = 1
    bars.valueAxis.gridStrokeColor = colors.HexColor("#D9DEE4")
    bars.valueAxis.strokeColor = colors.HexColor("#52606D")
    bars.barWidth = 10
    bars.groupSpacing = 5
    bars.barSpacing = 0
    for index, (_, colour) in enumerate(model.levels):
        bars.bars[index].fillColor = colors.HexColor(colour)
        bars.bars[index].strokeColor = colors.white
        bars.bars[index].strokeWidth = 0.5
    art.add(bars)
    _legend(art, model, label_width, width)
    return art


def as_grid(model: GradeChart) -> Grid:
    """The chart's numbers as a table, where it cannot be drawn as a picture."""
    levels = len(model.levels)
    first = 0.4 if levels < 5 else 0.3
    return Grid(
        ("Domain", *(label for label, _ in model.levels)),
        tuple(
            (Cell(domain, bold=True), *(str(n) for n in row))
            for domain, row in zip(model.domains, model.counts, strict=True)
        ),
        (first, *([(1 - first) / max(levels, 1)] * levels)),
    )


def png(model: GradeChart, width: float = 480) -> bytes:
    """The chart as a PNG for Word and for printing: the PDF's drawing, drawn with Pillow."""
    from panel_app.documents.chart_png import drawing_png

    return drawing_png(drawing(model, width))


def png_stream(model: GradeChart, width: float = 480) -> io.BytesIO:
    return io.BytesIO(png(model, width))
