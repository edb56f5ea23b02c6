"""The learning briefing laid out as blocks, after the familial sexual abuse briefing.

Two pages: the background and methodology beside the agencies that took part and where to
find out more, then the key points as a tile per domain, then what to do now, boxed.
"""

from __future__ import annotations

from panel_app.documents import blocks as b
from panel_app.documents.model_briefing import BriefingModel, DomainPoints

NOT_EVERY_CASE = "Not every case was known to every agency, or in its scope."


def _tile(points: DomainPoints) -> b.Tile:
    parts = (
        ("", points.found),
        ("Worked\u00a0well:", points.worked_well),  # no-break spaces: a label is never split
        ("To\u00a0improve:", points.to_improve),
    )
    return b.Tile(points.domain, tuple(part for part in parts if part[1]))


def _agencies(model: BriefingModel) -> tuple[b.Block, ...]:
    if not model.agencies:
        return (b.Heading("Who took part", 2), b.Text("No agency has taken part yet."))
    rows = tuple(
        (a.agency, f"{a.audited} ({a.detail})" if a.detail else a.audited) for a in model.agencies
    )
    table = b.Grid(("Agency", "Cases audited"), rows, (0.56, 0.44), small=True)
    return (b.Heading("Who took part", 2), table, b.Text(NOT_EVERY_CASE, "small"))


def _further(model: BriefingModel) -> tuple[b.Block, ...]:
    return (b.Heading("Further information", 2), b.Text(model.further))


def _further_on_left(model: BriefingModel) -> bool:
    """Whether the further information goes under the background (else under the agencies),
    whichever keeps the taller column shorter: heights in body lines, roughly (a heading is
    about two, a row of the small table a little over one)."""
    further = len(model.further.split())
    left = (len(model.background.split()) + len(model.methodology.split())) / 8.5 + 4.4
    right = len(model.agencies) * 1.15 + 3.8
    return max(left + further / 8.5 + 2.2, right) <= max(left, right + further / 7 + 2.2)


def briefing_blocks(model: BriefingModel) -> list[b.Block]:
    about: tuple[b.Block, ...] = (
        b.Heading("Background", 2),
        b.Text(model.background),
        b.Heading("Methodology", 2),
        b.Text(model.methodology),
    )
    who = _agencies(model)
    if _further_on_left(model):
        about += _further(model)
    else:
        who += _further(model)
    out: list[b.Block] = [
        b.Title(model.masthead),
        b.Text(model.introduction, "quote"),
        b.Columns(about, who, (0.54, 0.46)),
        b.Heading("Key points", 1),
    ]
    if model.key_points:
        out.append(b.Tiles(tuple(_tile(points) for points in model.key_points)))
    else:
        out.append(b.Text("The panel recorded no findings."))
    do_now: b.Block = (
        b.Numbered(model.do_now)
        if model.do_now
        else b.Text("No learning or recommendations were recorded.")
    )
    out.append(b.Box("What to do now", (do_now,), tone="note"))
    return out
