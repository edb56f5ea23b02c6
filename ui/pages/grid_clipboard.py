"""Copying and pasting grid cells as text, so a column can go to another column, or to and from
a spreadsheet: tab-separated, one line a row, each cell a status ("Audited") or its letter.

A blank cell clears the cell it lands on; "-" (what is copied for an agency not taking part,
as the reference documents print it) leaves it as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from db.enums import InvolvementStatus, label
from panel_app.errors import DomainError
from ui.pages.grid_model import KEYS, LETTER

#: A parsed cell: a status, ``None`` to clear, or ``SKIP`` to leave the cell as it is.
SKIP = "-"
Parsed = InvolvementStatus | None | str
Cell = tuple[int, int]  # (row, column) in the grid

_NAMES = {label(status.value).lower(): status for status in InvolvementStatus}
_NAMES.update({key.lower(): status for key, status in KEYS.items()})
_NAMES.update({status.value: status for status in InvolvementStatus})
ALLOWED = ", ".join(f"{label(s.value)} ({LETTER[s]})" for s in InvolvementStatus)


def to_text(rows: Sequence[Sequence[str]]) -> str:
    return "\n".join("\t".join(row) for row in rows) + "\n"


def parse(text: str) -> list[list[Parsed]]:
    """The cells of pasted text, or a refusal naming the first cell that is not a status."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()  # a spreadsheet ends what it copies with a line break
    if not lines:
        raise DomainError("There is nothing to paste: copy some cells first.")
    block: list[list[Parsed]] = []
    for r, line in enumerate(lines, start=1):
        row: list[Parsed] = []
        for c, raw in enumerate(line.split("\t"), start=1):
            word = raw.strip()
            if word in ("", SKIP):
                row.append(None if word == "" else SKIP)
            elif word.lower() in _NAMES:
                row.append(_NAMES[word.lower()])
            else:
                where = "" if len(lines) == 1 and c == 1 else f" (line {r}, cell {c})"
                shown = word if len(word) <= 40 else word[:40] + "…"
                raise DomainError(
                    f"'{shown}'{where} is not an involvement status. Paste cells that say "
                    f"{ALLOWED}, or are blank to clear."
                )
        block.append(row)
    return block


@dataclass(frozen=True)
class Target:
    """Where a paste lands: the selected cells and the top-left one of them."""

    selected: frozenset[Cell]
    top: int
    left: int
    rows: int
    columns: int


def plan(
    block: list[list[Parsed]], target: Target, editable: Callable[[Cell], bool]
) -> dict[Cell, InvolvementStatus | None]:
    """Which cells a paste changes, to what. One cell copied fills every selected cell; one
    column copied fills every selected column; otherwise the block lands at the top-left."""
    height, width = len(block), max(len(row) for row in block)
    spots: dict[Cell, Parsed] = {}
    if height == 1 and width == 1 and len(target.selected) > 1:
        spots = {cell: block[0][0] for cell in target.selected}
    elif width == 1 and len({c for _r, c in target.selected}) > 1:
        for column in sorted({c for _r, c in target.selected}):
            spots.update({(target.top + r, column): row[0] for r, row in enumerate(block)})
    else:
        for r, row in enumerate(block):
            for c, value in enumerate(row):
                spots[target.top + r, target.left + c] = value
    return {
        cell: value  # type: ignore[misc]
        for cell, value in spots.items()
        if value != SKIP
        and 0 <= cell[0] < target.rows
        and 0 <= cell[1] < target.columns
        and editable(cell)
    }
