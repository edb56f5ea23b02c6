"""A document's layout in format-neutral blocks, drawn by both the PDF and the Word renderer.

Each document turns its model into a list of blocks once (``layout_*.py``); ``pdf_render``
and ``docx_render`` each know how to draw every block, so the two formats cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypeAlias

from panel_app.documents.model_common import Masthead


@dataclass(frozen=True)
class Title:
    """The masthead at the top of the first page, with extra lines (theme, date...)."""

    masthead: Masthead
    lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Text:
    """A paragraph of text as typed; ``style`` is body, small, quote, or lead (introduces
    what follows, so never ends a page)."""

    text: str
    style: str = "body"


@dataclass(frozen=True)
class Labelled:
    """A paragraph starting with a bold label: 'Strengths: ...'."""

    label: str
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Numbered:
    """Paragraphs numbered prefix.1, prefix.2..., as in the reference executive summaries."""

    items: tuple[str, ...]
    prefix: str = ""

    def number(self, index: int) -> str:
        """The label of the item at ``index`` (0-based): '5.1', or '1.' with no prefix."""
        return f"{self.prefix}.{index + 1}" if self.prefix else f"{index + 1}."


@dataclass(frozen=True)
class Cell:
    """A table cell with a fill colour (#RRGGBB), e.g. a grade. A row holding one cell with
    ``span`` set is a sub-heading across the whole table."""

    text: str
    fill: str | None = None
    bold: bool = False
    span: bool = False


CellValue: TypeAlias = str | Cell


@dataclass(frozen=True)
class Grid:
    """A table, with a header row unless ``header`` is empty; ``widths`` are fractions of the
    text width."""

    header: tuple[str, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    widths: tuple[float, ...]
    small: bool = False


@dataclass(frozen=True)
class GradeChart:
    """Counts of grades per domain: ``counts[d][g]`` for domain d and grade level g."""

    caption: str
    domains: tuple[str, ...]
    levels: tuple[tuple[str, str], ...]  # (label, colour), best first
    counts: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Box:
    """Matters set apart, drawn ruled and tinted: in red for an escalated case (``alert``),
    in the accent colour for what a reader should take away (``note``)."""

    title: str
    blocks: tuple[Block, ...] = field(default=())
    tone: str = "alert"


@dataclass(frozen=True)
class Columns:
    """Two columns side by side; ``widths`` are fractions of the text width."""

    left: tuple[Block, ...]
    right: tuple[Block, ...]
    widths: tuple[float, float] = (0.5, 0.5)


@dataclass(frozen=True)
class Tile:
    """A short titled panel: one paragraph of (label, text) parts, each starting a line, its
    label in bold."""

    title: str
    parts: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Tiles:
    """Tiles two to a row, tinted, as a printed briefing sets out its key points."""

    tiles: tuple[Tile, ...]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class OnePage:
    """What a reader expects on one page (a case summary): a PDF shrinks it a little when it
    would otherwise run over by a few lines; more than that, it runs on as it must. Word and
    print preview lay it out as it comes."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class SignOff:
    name: str
    title: str


Block: TypeAlias = (
    Title
    | Heading
    | Text
    | Labelled
    | Bullets
    | Numbered
    | Grid
    | GradeChart
    | Box
    | Columns
    | Tiles
    | PageBreak
    | OnePage
    | SignOff
)
