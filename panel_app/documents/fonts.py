"""Unicode fonts for the PDFs: DejaVu Sans (shipped in resources/fonts) and a CJK fallback.

DejaVu Sans covers Latin (Polish too), Greek, Cyrillic and Arabic letters. Chinese, Japanese
and Korean are not in it, so a fallback font found on the system (Droid Sans Fallback on
Debian, Microsoft YaHei on Windows...) draws those characters; ``fallback_runs`` says which.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from panel_app import paths

log = logging.getLogger(__name__)

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
FALLBACK = "AuditPanelFallback"

_SYSTEM_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")

#: TrueType fonts with CJK glyphs, most likely first; (path, index within a collection).
FALLBACK_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts-droid-fallback/truetype/DroidSansFallback.ttf", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("C:/Windows/Fonts/msyh.ttc", 0),
    ("C:/Windows/Fonts/simsun.ttc", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)


class MeasuredFont(TTFont):
    """A TrueType font that remembers the width of each word it has measured.

    Without reportlab's optional C accelerator, measuring text is most of the layout time,
    and a document measures the same words again and again (each table cell is wrapped more
    than once). Widths are kept per font, in font units, so any size can use them.
    """

    CACHE_LIMIT = 200_000

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._widths: dict[str, float] = {}

    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:
        if isinstance(text, bytes):
            text = text.decode(encoding or "utf8")
        width = self._widths.get(text)
        if width is None:
            widths, default = self.face.charWidths, self.face.defaultWidth
            width = sum(widths.get(ord(char), default) for char in text)
            if len(self._widths) < self.CACHE_LIMIT:
                self._widths[text] = width
        return 0.001 * size * width


def _font_file(name: str) -> Path:
    shipped = paths.resources_dir() / "fonts" / f"{name}.ttf"
    return shipped if shipped.exists() else _SYSTEM_DEJAVU / f"{name}.ttf"


@cache
def register() -> bool:
    """Register the fonts once; True when a CJK fallback font was found."""
    for name in (REGULAR, BOLD, ITALIC):
        pdfmetrics.registerFont(MeasuredFont(name, str(_font_file(name))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    for path, index in FALLBACK_CANDIDATES:
        if not Path(path).is_file():
            continue
        try:
            pdfmetrics.registerFont(MeasuredFont(FALLBACK, path, subfontIndex=index))
        except Exception as error:  # a font reportlab cannot read: try the next one
            log.info("Cannot use %s as the CJK fallback font: %s", path, error)
            continue
        return True
    log.info("No CJK fallback font found: Chinese, Japanese and Korean text will not render")
    return False


@cache
def _covered(font_name: str) -> frozenset[int]:
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def needs_fallback(char: str) -> bool:
    """True for a character DejaVu Sans cannot draw but the fallback font can."""
    code = ord(char)
    if code < 0x2E80 or not register():
        return False
    return code not in _covered(REGULAR) and code in _covered(FALLBACK)


def fallback_runs(text: str) -> Iterator[tuple[str, bool]]:
    """Split ``text`` into runs, each marked True when it needs the fallback font."""
    start, current = 0, False
    for index, char in enumerate(text):
        flag = needs_fallback(char)
        if flag != current and index > start:
            yield text[start:index], current
            start = index
        current = flag
    if start < len(text):
        yield text[start:], current
