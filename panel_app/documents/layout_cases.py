"""Case summaries laid out as blocks: a page per case, grades first for a quick read."""

from __future__ import annotations

from panel_app.documents import blocks as b
from panel_app.documents.model_cases import CaseSummariesModel, CaseSummary

COLUMNS = 6
"""Agencies side by side in one grade table; more go in a second table below."""


def grade_grids(case: CaseSummary, domains: tuple[str, ...]) -> list[b.Grid]:
    """Domains down the side, agencies across (at most six to a table), cells in grade colours."""
    first = 0.3
    grids = []
    for start in range(0, len(case.grades), COLUMNS):
        chunk = case.grades[start : start + COLUMNS]
        rows = tuple(
            (
                b.Cell(domain, bold=True),
                *(b.Cell(g[0], fill=g[1]) if g else "–" for g in (r.grades[d] for r in chunk)),
            )
            for d, domain in enumerate(domains)
        )
        each = (1 - first) / COLUMNS
        header = ("Domain", *(row.who for row in chunk))
        grids.append(b.Grid(header, rows, (first, *([each] * len(chunk))), small=True))
    return grids


def case_blocks(case: CaseSummary, domains: tuple[str, ...]) -> list[b.Block]:
    out: list[b.Block] = [b.Heading(case.pseudonym, 1)]
    if case.facts:
        out.append(b.Text(case.facts, "small"))
    if case.escalation is not None:
        out.append(b.Box("Escalated: a child may be at current risk", (b.Text(case.escalation),)))
    if case.key_facts:
        out += [b.Heading("Key facts", 2), b.Text(case.key_facts)]
    if case.grades:
        out += [b.Heading("Grades", 2), *grade_grids(case, domains)]
    if case.agencies:
        rows = tuple(
            (b.Cell(a.agency, bold=True), a.summary, a.strengths, a.areas_for_development)
            for a in case.agencies
        )
        header = ("Agency", "Summary", "Strengths", "Areas for development")
        out += [b.Heading("Agency summaries", 2), b.Grid(header, rows, (0.16, 0.28, 0.28, 0.28))]
    if not case.agencies:
        out.append(b.Text("No agency has returned an audit of this case yet."))
    if case.family_views:
        out.append(b.Heading("Family and child views", 2))
        for view in case.family_views:
            text = f"“{view.text}”" if view.verbatim else view.text
            out.append(b.Text(f"{text} ({view.speaker})" if view.speaker else text, "quote"))
    return out


def case_summary_blocks(model: CaseSummariesModel) -> list[b.Block]:
    out: list[b.Block] = [b.Title(model.masthead, (f"{len(model.cases)} cases",))]
    for index, case in enumerate(model.cases):
        if index:
            out.append(b.PageBreak())
        out.append(b.OnePage(tuple(case_blocks(case, model.domains))))
    if not model.cases:
        out.append(b.Text("This audit has no cases yet."))
    return out
