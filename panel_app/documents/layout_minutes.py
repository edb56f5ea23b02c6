"""The minutes laid out as blocks: the same in PDF and Word."""

from __future__ import annotations

from collections.abc import Sequence

from panel_app.documents import blocks as b
from panel_app.documents.model_common import ActionLine, FindingLine
from panel_app.documents.model_minutes import AgencyPeople, CaseMinutes, MinutesModel, StepPoints

STEP_FILL = "#EEF1F5"
NOT_SMART_FILL = "#FCE3C0"
NO_VALUE = "–"
ESCALATION_NOTE = (
    "A child in these cases was thought to be at current risk, so the case was taken out of "
    "the audit to a separate meeting. Its detail is recorded here, apart from the other cases."
)


def _people(title: str, groups: Sequence[AgencyPeople]) -> list[b.Block]:
    if not groups:
        return []
    rows = tuple(
        (b.Cell(group.agency, bold=True) if index == 0 else "", person.name, person.role)
        for group in groups
        for index, person in enumerate(group.people)
    )
    return [b.Heading(title, 2), b.Grid(("Agency", "Name", "Role"), rows, (0.36, 0.32, 0.32))]


def discussion(groups: Sequence[StepPoints]) -> list[b.Block]:
    """One table of points in time order, a sub-heading row for each step of the case."""
    named = len(groups) > 1 or any(g.step not in ("Discussion", "General") for g in groups)
    rows: list[tuple[b.CellValue, ...]] = []
    for group in groups:
        if named:
            rows.append((b.Cell(group.step, fill=STEP_FILL, bold=True, span=True),))
        rows += [(point.time, point.agency, point.text) for point in group.points]
    if not rows:
        return []
    return [b.Grid(("Time", "Agency", "Point"), tuple(rows), (0.09, 0.23, 0.68))]


def actions_grid(
    actions: Sequence[ActionLine], what: str = "Action", *, flag: bool = True
) -> b.Grid:
    """Action, whom, when. A missing owner or date is flagged as not SMART (``flag``: the
    minutes, for the panel to put right) or shown as a dash (a published summary)."""

    def gap(value: str, missing: str) -> b.CellValue:
        if value:
            return value
        return b.Cell(f"Not SMART: no {missing}", fill=NOT_SMART_FILL) if flag else NO_VALUE

    rows = tuple((a.text, gap(a.owner, "owner"), gap(a.due, "date")) for a in actions)
    return b.Grid((what, "Whom", "When"), rows, (0.64, 0.22, 0.14))


def _finding_items(findings: Sequence[FindingLine], with_kind: bool = False) -> b.Bullets:
    def line(finding: FindingLine) -> str:
        tags = ", ".join(finding.domains)
        prefix = f"{finding.kind}: " if with_kind else ""
        return f"{prefix}{finding.text}" + (f" ({tags})" if tags else "")

    return b.Bullets(tuple(line(f) for f in findings))


def case_blocks(case: CaseMinutes, *, heading: bool = True) -> list[b.Block]:
    out: list[b.Block] = [b.Heading(case.pseudonym, 1)] if heading else []
    if case.facts:
        out.append(b.Text(case.facts, "small"))
    if not case.discussed:
        out.append(b.Text("This case was not discussed at the panel.", "small"))
    if case.key_facts:
        out += [b.Heading("Key facts", 2), b.Text(case.key_facts)]
    if case.agency_summaries or case.not_involved:
        out.append(b.Heading("Agency summaries", 2))
    for summary in case.agency_summaries:
        out.append(b.Heading(summary.agency, 3))
        if summary.summary:
            out.append(b.Text(summary.summary))
        if summary.strengths:
            out.append(b.Labelled("Strengths:", summary.strengths))
        if summary.areas_for_development:
            out.append(b.Labelled("Areas for development:", summary.areas_for_development))
    if case.not_involved:
        out.append(b.Labelled("No audit from:", "; ".join(case.not_involved)))
    if case.family_views:
        out.append(b.Heading("Family and child views", 2))
        for view in case.family_views:
            text = f"“{view.text}”" if view.verbatim else view.text
            out.append(b.Text(f"{text} ({view.speaker})" if view.speaker else text, "quote"))
    if case.discussion:
        out += [b.Heading("Discussion", 2), *discussion(case.discussion)]
    if case.good_practice:
        out += [b.Heading("Good practice", 2), _finding_items(case.good_practice)]
    if case.learning:
        out += [b.Heading("Learning", 2), _finding_items(case.learning)]
    if case.other_findings:
        out += [b.Heading("Themes and areas for development", 2)]
        out.append(_finding_items(case.other_findings, with_kind=True))
    if case.actions:
        out += [b.Heading("Actions", 2), actions_grid(case.actions)]
    if case.conclusion:
        out += [b.Heading("Conclusion", 2), b.Text(case.conclusion)]
    return out


def _escalated(case: CaseMinutes) -> b.Box:
    escalation = case.escalation
    assert escalation is not None
    detail: list[b.Block] = [
        b.Labelled("Reason for escalation:", escalation.note or "Not recorded")
    ]
    if escalation.raised_on:
        detail.append(b.Labelled("Raised on:", escalation.raised_on))
    detail.append(b.Labelled("Outcome:", escalation.outcome or "Awaited"))
    if escalation.resolved_on:
        detail.append(b.Labelled("Resolved on:", escalation.resolved_on))
    body = case_blocks(case, heading=False)
    facts = [body.pop(0)] if case.facts else []  # who the child is, before what happened
    return b.Box(f"Escalated: {case.pseudonym}", (*facts, *detail, *body))


def minutes_blocks(model: MinutesModel) -> list[b.Block]:
    out: list[b.Block] = [b.Title(model.masthead)]
    details = (
        ("Date", model.date),
        ("Time", model.times),
        ("Location", model.location),
        ("Chair", model.chair),
        ("Minute-taker", model.minute_taker),
        ("Approved", model.approved or "Not yet: these minutes are a draft"),
    )
    out.append(
        b.Grid(
            (),
            tuple((b.Cell(name, bold=True), value) for name, value in details if value),
            (0.25, 0.75),
        )
    )
    out.append(b.Heading("Attendance", 1))
    out += _people("Present", model.present)
    out += _people("Apologies", model.apologies)
    out += _people("Absent", model.absent)
    if not (model.present or model.apologies or model.absent):
        out.append(b.Text("No attendance was recorded."))
    if model.unable:
        out.append(b.Heading("Agencies unable to take part", 2))
        out.append(b.Bullets(tuple(f"{a}: {r}" if r else a for a, r in model.unable)))
    if model.general:
        out += [b.Heading("General discussion", 1), *discussion(model.general)]
    for case in model.cases:
        out += case_blocks(case)
    if model.escalated:
        out += [b.Heading("Escalations", 1), b.Text(ESCALATION_NOTE)]
        out += [_escalated(case) for case in model.escalated]
    if model.findings:
        out += [b.Heading("Findings across the cases", 1)]
        out.append(_finding_items(model.findings, with_kind=True))
    if model.recommendations:
        out += [
            b.Heading("Recommendations", 1),
            actions_grid(model.recommendations, "Recommendation"),
        ]
    return out + amendment_blocks(model)


def amendment_blocks(model: MinutesModel) -> list[b.Block]:
    """Changes made after approval: what, when, by whom and why."""
    if not model.amendments:
        return []

    def listed(what: tuple[str, ...]) -> str:
        return what[0] if len(what) == 1 else "\n".join(f"• {change}" for change in what)

    rows = tuple((a.date, a.by, listed(a.what), a.why) for a in model.amendments)
    return [
        b.Heading("Amendments", 1),
        b.Text(f"These minutes were approved on {model.approved}. They have been changed since:"),
        b.Grid(("Date", "By", "What changed", "Why"), rows, (0.13, 0.17, 0.45, 0.25)),
    ]
