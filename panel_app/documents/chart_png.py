"""A reportlab drawing as a PNG, drawn with Pillow, for the Word and printed documents.

reportlab's own bitmap renderer (renderPM) now needs the rlPyCairo plug-in and pycairo, which
has no wheels for Linux and needs cairo's headers and a compiler to install. Pillow is
already there (reportlab depends on it), and the grade chart uses only rectangles, lines and
strings, so this small renderer walks the same ``Drawing`` the PDF draws: the chart in Word
is the PDF's chart, not a second design that could drift from it.
"""

from __future__ import annotations

import io
from functools import cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab.graphics import shapes
from reportlab.graphics.renderbase import Renderer, getStateDelta
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics

Matrix = tuple[float, float, float, float, float, float]
_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs", "numeric": "rs"}


@cache
def _font(name: str, pixels: int) -> Any:
    face = pdfmetrics.getFont(name).face
    path = getattr(face, "filename", None) or getattr(face, "name", None)
    return ImageFont.truetype(str(path), pixels)


def _rgba(colour: Any) -> tuple[int, int, int, int] | None:
    if colour is None:
        return None
    colour = colors.toColor(colour)
    alpha = getattr(colour, "alpha", 1) or 0
    return (round(colour.red * 255), round(colour.green * 255), round(colour.blue * 255),
            round(alpha * 255))  # fmt: skip


class _Canvas:
    """What ``Renderer.draw`` asks of a canvas: the state is kept by the renderer."""

    def saveState(self) -> None:
        pass

    def restoreState(self) -> None:
        pass


class _PillowRenderer(Renderer):
    def __init__(self, image: Image.Image, height: float, scale: float) -> None:
        self.draw_on = ImageDraw.Draw(image, "RGBA")
        self.height, self.scale = height, scale

    def applyStateChanges(self, delta: dict[str, Any], new_state: dict[str, Any]) -> None:
        pass  # the state is read from the tracker when each shape is drawn

    def drawNode(self, node: Any) -> None:
        self._tracker.push(getStateDelta(node))
        self.drawNodeDispatcher(node)
        self._tracker.pop()

    def _point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self._tracker.getCTM()
        px, py = a * x + c * y + e, b * x + d * y + f
        return px * self.scale, (self.height - py) * self.scale

    def _state(self, key: str) -> Any:
        return self._tracker.getState().get(key)

    def _width(self) -> int:
        return max(1, round((self._state("strokeWidth") or 1) * self.scale))

    def _polygon(self, points: list[tuple[float, float]], closed: bool) -> None:
        fill, stroke = _rgba(self._state("fillColor")), _rgba(self._state("strokeColor"))
        device = [self._point(x, y) for x, y in points]
        if closed and fill is not None:
            self.draw_on.polygon(device, fill=fill)
        if stroke is not None and self._state("strokeWidth"):
            self.draw_on.line([*device, device[0]] if closed else device, stroke, self._width())

    def drawRect(self, rect: shapes.Rect) -> None:
        x, y, w, h = rect.x, rect.y, rect.width, rect.height
        self._polygon([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], closed=True)

    def drawLine(self, line: shapes.Line) -> None:
        self._polygon([(line.x1, line.y1), (line.x2, line.y2)], closed=False)

    def drawPolyLine(self, polyline: shapes.PolyLine) -> None:
        flat = polyline.points
        self._polygon(list(zip(flat[::2], flat[1::2], strict=True)), closed=False)

    def drawPolygon(self, polygon: shapes.Polygon) -> None:
        flat = polygon.points
        self._polygon(list(zip(flat[::2], flat[1::2], strict=True)), closed=True)

    def drawCircle(self, circle: shapes.Circle) -> None:
        self.drawPolygon(shapes.Ellipse(circle.cx, circle.cy, circle.r, circle.r).asPolygon())

    def drawString(self, string: shapes.String) -> None:
        fill = _rgba(self._state("fillColor")) or (0, 0, 0, 255)
        size = round((self._state("fontSize") or 10) * self.scale)
        font = _font(self._state("fontName"), size)
        anchor = _ANCHORS.get(self._state("textAnchor") or "start", "ls")
        self.draw_on.text(self._point(string.x, string.y), string.text, fill, font, anchor)


def drawing_png(drawing: shapes.Drawing, dpi: int = 200) -> bytes:
    """The drawing as a PNG at ``dpi`` (its size in points at 72 to the inch), on white."""
    scale = dpi / 72
    size = (max(1, round(drawing.width * scale)), max(1, round(drawing.height * scale)))
    image = Image.new("RGB", size, "white")
    _PillowRenderer(image, drawing.height, scale).draw(drawing, _Canvas(), showBoundary=False)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(dpi, dpi), optimize=True)
    return out.getvalue()
