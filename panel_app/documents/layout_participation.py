"""The participation table laid out as blocks: agencies down, cases across, totals, absences.

Drawn like the familial sexual abuse briefing's table, with a column per case so a reader can
see which agency knew which child, and the reference's wording for each agency's total.
"""

from __future__ import annotations

from panel_app.documents import blocks as b
from panel_app.documents.participation import ParticipationModel

#: Light fills, readable when printed in greyscale: the label is always there too.
FILLS = {
    "Audited": "#DCEFE0",
    "Out of scope": "#F1F1F1",
    "Not known": "#FFF2CC",
    "Not open": "#E8EEF7",
}
#: Cases side by side in one table; more go in a second table below.
COLUMNS = 8


def _grids(model: ParticipationModel) -> list[b.Grid]:
    grids = []
    for start in range(0, max(len(model.cases), 1), COLUMNS):
        cases = model.cases[start : start + COLUMNS]
        last = start + COLUMNS >= len(model.cases)
        agency, total = 0.26, 0.2 if last else 0.0
        each = (1 - agency - total) / max(len(cases), 1)
        header = ("Agency", *(c.pseudonym + (" (escalated)" if c.escalated else "") for c in cases))
        rows: list[tuple[b.CellValue, ...]] = []
        for row in model.rows:
            cells = tuple(
                b.Cell(cell.label or "–", fill=FILLS.get(cell.label))
                for cell in row.cells[start : start + COLUMNS]
            )
            rows.append((b.Cell(row.agency, bold=True), *cells, *((row.summary,) if last else ())))
        audited = model.statuses[0]
        rows.append(
            (
                b.Cell("Agencies audited", bold=True),
                *(b.Cell(str(c.count(audited)), bold=True) for c in cases),
                *((b.Cell(f"{model.total(audited)} in all", bold=True),) if last else ()),
            )
        )
        widths = (agency, *([each] * len(cases)), *((total,) if last else ()))
        grids.append(
            b.Grid((*header, *(("Cases audited",) if last else ())), tuple(rows), widths, True)
        )
    return grids


def participation_blocks(model: ParticipationModel) -> list[b.Block]:
    out: list[b.Block] = [
        b.Title(
            model.masthead,
            (f"{len(model.rows)} agencies taking part · {len(model.cases)} cases",),
        ),
        b.Text(
            "Each cell says whether the agency audited its involvement in the case. "
            "A dash means the agency had no involvement recorded.",
            "small",
        ),
    ]
    if not model.rows:
        out.append(b.Text("No agency is taking part in this audit yet."))
    else:
        out += _grids(model)
    totals = ", ".join(
        f"{label.lower()}: {model.total(status)}"
        for status, label in zip(model.statuses, model.status_labels, strict=True)
    )
    out.append(b.Text(f"In all — {totals}.", "small"))
    for title, absences in (
        ("Unable to participate", model.unable),
        ("Invited, not involved", model.invited),
    ):
        if absences:
            out.append(b.Heading(title, 2))
            out.append(
                b.Bullets(
                    tuple(f"{a.agency}: {a.reason}" if a.reason else a.agency for a in absences)
                )
            )
    return out
