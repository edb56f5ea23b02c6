"""The executive summary laid out as blocks: numbered sections, as the reference summaries."""

from __future__ import annotations

from panel_app.documents import blocks as b
from panel_app.documents.layout_minutes import STEP_FILL, actions_grid
from panel_app.documents.model_summary import AgencyLine, SummaryModel


def agencies_grid(model: SummaryModel) -> b.Grid:
    """Every agency invited, grouped: those that took part, those unable to (and why), the
    rest; a note beside any agency the audit says more about."""
    groups: tuple[tuple[str, tuple[AgencyLine, ...]], ...] = (
        ("Took part", model.participating),
        ("Unable to participate", model.unable),
        ("Invited, not involved", model.not_involved),
    )
    rows: list[tuple[b.CellValue, ...]] = []
    for status, lines in groups:
        if lines:
            rows.append((b.Cell(f"{status} ({len(lines)})", fill=STEP_FILL, bold=True, span=True),))
            rows += [(line.name, line.reason) for line in lines]
    return b.Grid(("Agency", "Note"), tuple(rows), (0.42, 0.58))


def summary_blocks(model: SummaryModel) -> list[b.Block]:
    out: list[b.Block] = [b.Title(model.masthead)]
    number = 0

    def section(title: str) -> str:
        nonlocal number
        number += 1
        out.append(b.Heading(f"{number}.0  {title}", 1))
        return str(number)

    out.append(b.Numbered(model.introduction, section("Introduction")))
    out.append(b.Numbered(model.audit, section("The audit and its methodology")))
    out.append(b.Numbered(model.process, section("The process")))
    if model.participating or model.unable or model.not_involved:
        out.append(agencies_grid(model))
    section("Summary of good practice")
    out.append(
        b.Bullets(model.good_practice)
        if model.good_practice
        else b.Text("No good practice was recorded.")
    )
    prefix = section("Summary of learning and themes")
    if model.themes:
        out += [
            b.Text("The audit panel identified the following key themes:", "lead"),
            b.Bullets(model.themes),
        ]
    if model.learning:
        out.append(b.Text("The key learning taken from the themes and main findings is:", "lead"))
        out.append(b.Numbered(model.learning, prefix))
    if model.areas_for_development:
        out.append(b.Text("The panel also identified these areas for development:", "lead"))
        out.append(b.Bullets(model.areas_for_development))
    if not (model.themes or model.learning or model.areas_for_development):
        out.append(b.Text("No learning or themes were recorded."))
    if model.chart is not None:
        section("Grades by domain")
        out.append(model.chart)
    section("Multi-agency case audit recommendations")
    if model.recommendations:
        out.append(actions_grid(model.recommendations, "Recommendation", flag=False))
    else:
        out.append(b.Text("No recommendations were recorded."))
    out.append(
        b.SignOff(
            model.signatory or model.signatory_title,
            model.signatory_title if model.signatory else "",
        )
    )
    return out
