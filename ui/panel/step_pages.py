"""What the chair reads at each step, as one page of rich text: the case's facts, an agency's
summary and grades, the family's views, the prompts for discussion. One label drawn from a
page costs far less at each Page Down than a screenful of widgets built afresh.

Every piece of user text is escaped here; nothing else makes markup."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from db.enums import Step
from panel_app.panel.views import AgencySummary, CaseFacts, FamilyViewItem

INK = "#1F2A44"
QUIET = "#4A5568"
AUDITED = "Audited"

PROMPTS = {
    Step.DISCUSSION: "Open discussion. Each line typed below is recorded as a discussion point.",
    Step.GOOD_PRACTICE: "What good practice does the panel see in this case? Each line typed "
    "below is recorded as good practice.",
    Step.LEARNING: "What should agencies learn from this case? Each line typed below is "
    "recorded as learning.",
    Step.ACTIONS: "What must be done, by whom, and by when? Each line typed below is recorded "
    "as an action: put the owner after @ and the date after 'by', or you will be asked.",
}


def _text(words: str) -> str:
    return escape(words).replace("\n", "<br>")


def heading(words: str) -> str:
    return f"<p style='margin:10px 0 2px 0; font-weight:600; color:{INK}'>{escape(words)}</p>"


def paragraph(words: str, colour: str = "", style: str = "") -> str:
    colour = f"color:{colour};" if colour else ""
    return f"<p style='margin:0 0 4px 0; {colour}{style}'>{_text(words)}</p>"


def section(title: str, words: str) -> str:
    return heading(title) + paragraph(words) if words.strip() else ""


def introduction(facts: CaseFacts) -> str:
    known = [
        ("Consent", facts.consent),
        ("Age", facts.age_band),
        ("Gender", facts.gender),
        ("Ethnicity", facts.ethnicity),
        ("Disability or learning difficulty", facts.disability),
    ]
    page = paragraph(" · ".join(f"{name}: {value}" for name, value in known if value))
    page += section("Key facts", facts.key_facts or "No key facts recorded.")
    audited = [agency for agency, status in facts.involvement if status == AUDITED]
    others = [f"{agency} ({status.lower()})" for agency, status in facts.involvement
              if status != AUDITED]  # fmt: skip
    title = f"Audited by {len(audited)} agencies" if len(audited) != 1 else "Audited by"
    page += section(title, ", ".join(audited) or "No agency has audited this case.")
    if others:
        page += paragraph("Also checked: " + "; ".join(others), QUIET)
    views = facts.family_views
    page += paragraph(
        f"Family and child views: {views} recorded."
        if views
        else "No family or child views were gathered for this case.",
        QUIET,
        "margin-top:8px;",
    )
    return page


def grade_table(summary: AgencySummary) -> str:
    """Domain and grade in two columns, a dot of the grade's colour before each."""
    cells = [
        f"<td style='color:{_colour(grade.colour)}; padding-right:6px'>●</td>"
        f"<td style='padding-right:24px'>{escape(grade.domain)}: {escape(grade.level)}</td>"
        for grade in summary.grades
    ]
    half = (len(cells) + 1) // 2
    rows = [
        cells[row] + (cells[row + half] if row + half < len(cells) else "") for row in range(half)
    ]
    return "<table cellspacing='0' cellpadding='1'>" + "".join(
        f"<tr>{row}</tr>" for row in rows
    ) + "</table>"  # fmt: skip


def _colour(value: str) -> str:
    """A grade's colour as stored (#RRGGBB), else a neutral grey: it goes into markup."""
    ok = len(value) == 7 and value.startswith("#")
    return value if ok and all(c in "0123456789abcdefABCDEF" for c in value[1:]) else "#808080"


def agency(summary: AgencySummary) -> str:
    page = heading(f"{summary.agency} · {summary.status}").replace("margin:10px", "margin:2px")
    page += section("What the agency did", summary.summary or "No summary sent.")
    page += section("Strengths", summary.strengths)
    page += section("Areas for development", summary.areas_for_development)
    if summary.grades:
        page += heading("The agency's grades") + grade_table(summary)
    return page


def family(items: Sequence[FamilyViewItem]) -> str:
    if not items:
        return paragraph("No family or child views were gathered for this case.", QUIET)
    page = ""
    for item in items:
        said = f"“{item.text}”" if item.verbatim else item.text
        page += paragraph(said, style="font-style:italic;")
        if item.speaker:
            page += paragraph(f"— {item.speaker}", QUIET, "margin-bottom:8px;")
    return page


def prompt(step: Step, areas: Sequence[tuple[str, str]] = ()) -> str:
    page = paragraph(PROMPTS.get(step, ""), QUIET)
    if areas:
        page += heading("Areas for development raised")
        page += "".join(paragraph(f"{name}: {words}") for name, words in areas)
    return page
