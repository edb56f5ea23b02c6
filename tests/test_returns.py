"""Agency returns by spreadsheet: real workbooks written, filled in with openpyxl as a lead
auditor would in Excel, and read back against a real database."""

from __future__ import annotations

import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from db.base import LONG_TEXT
from db.enums import InvolvementStatus, ParticipationStatus
from db.models import Audit, Involvement
from panel_app.database import Database
from panel_app.errors import DomainError
from panel_app.returns import (
    ReturnError,
    ReturnPlan,
    apply_return,
    generate_return,
    generate_returns,
    read_return,
)
from panel_app.returns.workbook import (
    EXCEL_CELL_LIMIT,
    META_SHEET,
    file_name,
    sheet_titles,
)
from panel_app.services import (
    agencies,
    audit_tool,
    audits,
    cases,
    involvement,
    involvement_grid,
    participation,
)
from tests.builders import Built, build_audit

OFSTED = "Outstanding, Good, Requires improvement, Inadequate"
SUMMARY, STRENGTHS, AREAS, REFERRALS, ASSESSMENT = "B4", "B5", "B6", "B7", "B8"
ANSWER_CELLS = {f"B{row}" for row in range(4, 16)}  # three texts, nine default domains


@pytest.fixture
def built(database: Database) -> Built:
    with database.transaction() as session:
        return build_audit(session)


def police(built: Built) -> int:
    return built.agency_ids[1]


def make_return(database: Database, built: Built, folder: Path, agency_id: int = 0) -> Path:
    with database.transaction() as session:
        return generate_return(
            session, built.audit_id, agency_id or police(built), folder / "return.xlsx"
        )


def fill(path: Path, sheet: str, answers: dict[str, Any]) -> None:
    """What a lead auditor does in Excel: type in cells, save."""
    workbook = load_workbook(path)
    for cell, value in answers.items():
        workbook[sheet][cell] = value
    workbook.save(path)


def read(database: Database, built: Built, path: Path, agency_id: int | None = None) -> ReturnPlan:
    with database.transaction() as session:
        return read_return(session, built.audit_id, path, agency_id)


def problems(
    database: Database, built: Built, path: Path, agency_id: int | None = None
) -> list[str]:
    with pytest.raises(ReturnError) as caught:
        read(database, built, path, agency_id)
    return caught.value.problems


def snapshot(database: Database) -> list[tuple[Any, ...]]:
    """Every agency's answers and grades in every audit, to show nothing was written."""
    with database.transaction() as session:
        return [
            (
                item.case.audit_id,
                item.case.pseudonym,
                item.agency.name,
                item.status.value,
                item.summary,
                item.strengths,
                item.areas_for_development,
                sorted((g.domain.name, g.level.label) for g in item.grades),
            )
            for item in session.scalars(select(Involvement).order_by(Involvement.id))
        ]


def answers(database: Database, built: Built, pseudonym: str) -> dict[str, Any]:
    with database.transaction() as session:
        audit = session.get(Audit, built.audit_id)
        assert audit is not None
        case = next(c for c in audit.cases if c.pseudonym == pseudonym)
        item = involvement.involvement_of(session, case.id, police(built))
        assert item is not None
        return {
            "summary": item.summary,
            "strengths": item.strengths,
            "areas_for_development": item.areas_for_development,
            **{g.domain.name: g.level.label for g in item.grades},
        }


# The workbook as made


def test_a_return_has_instructions_a_sheet_per_case_and_a_hidden_sheet(
    database: Database, built: Built, tmp_path: Path
) -> None:
    workbook = load_workbook(make_return(database, built, tmp_path))
    assert workbook.sheetnames == ["Instructions", "Child A", "Child B", META_SHEET]
    assert workbook.active.title == "Instructions"
    assert [workbook[name].sheet_state for name in workbook.sheetnames] == [
        "visible",
        "visible",
        "visible",
        "veryHidden",
    ]
    assert workbook.security.lockStructure
    instructions = workbook["Instructions"]
    facts = {instructions[f"A{row}"].value: instructions[f"B{row}"].value for row in range(4, 10)}
    assert facts["Audit"] == "Neglect panel"
    assert facts["Theme"] == "Neglect"
    assert facts["Agency"] == "Police"
    assert facts["Period audited"] == "1 April 2016 to 31 March 2017"
    assert facts["Panel date"] == "10 May 2017"
    assert facts["Return by"].startswith("Before the panel on 10 May 2017")
    steps = " ".join(str(cell.value) for cell in instructions["B"] if cell.row > 10)
    assert "yellow cells" in steps and "Use pseudonyms only" in steps
    assert f"drop-down list in its yellow cell: {OFSTED}" in steps
    meta = {row[0]: row[1:] for row in workbook[META_SHEET].iter_rows(values_only=True)}
    assert meta["format"][0] == "audit-panel-agency-return"
    assert meta["audit id"][0] == built.audit_id
    assert meta["audit title"][0] == "Neglect panel"
    assert meta["agency"][0] == "Police"
    sheets = [row[1:3] for row in workbook[META_SHEET].iter_rows(values_only=True)]
    assert ("Child A", "Child A") in sheets and ("Child B", "Child B") in sheets


def test_a_deadline_given_is_the_date_to_return_by(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        path = generate_return(
            session, built.audit_id, police(built), tmp_path / "r.xlsx", deadline=date(2017, 4, 26)
        )
    assert load_workbook(path)["Instructions"]["B9"].value == "By 26 April 2017."


def test_only_the_answer_cells_are_unlocked_and_every_sheet_is_protected(
    database: Database, built: Built, tmp_path: Path
) -> None:
    workbook = load_workbook(make_return(database, built, tmp_path))
    for sheet in workbook:
        assert sheet.protection.sheet, sheet.title
        assert not sheet.protection.password  # to stop accidents, not adversaries
        unlocked = {
            cell.coordinate
            for row in sheet.iter_rows(min_row=1, max_row=40, max_col=5)
            for cell in row
            if not cell.protection.locked
        }
        assert unlocked == (ANSWER_CELLS if sheet.title.startswith("Child") else set())
    case = workbook["Child A"]
    assert case.freeze_panes == "A4"
    assert case["A4"].alignment.wrap_text and case[SUMMARY].alignment.wrap_text
    assert case.column_dimensions["B"].width > case.column_dimensions["A"].width > 20


def test_grades_are_a_drop_down_of_the_audits_scale_in_order(
    database: Database, built: Built, tmp_path: Path
) -> None:
    sheet = load_workbook(make_return(database, built, tmp_path))["Child B"]
    checks = {check.type: check for check in sheet.data_validations.dataValidation}
    grades = checks["list"]
    assert grades.formula1 == '"Outstanding,Good,Requires improvement,Inadequate"'
    assert str(grades.sqref) == "B7:B15"
    assert grades.showErrorMessage and grades.errorStyle == "stop"
    assert grades.error == f"Choose one of this audit's grades from the list: {OFSTED}."
    assert grades.showInputMessage and OFSTED in grades.prompt
    assert str(checks["textLength"].sqref) == "B4:B6"
    assert checks["textLength"].formula1 == str(LONG_TEXT) and LONG_TEXT <= EXCEL_CELL_LIMIT
    assert [sheet[f"A{row}"].value for row in range(7, 10)] == [
        "Grade for Referrals",
        "Grade for Assessment",
        "Grade for Voice of the child and lived experience",
    ]


def test_a_return_prints_with_the_protective_marking_fitted_to_the_width(
    database: Database, built: Built, tmp_path: Path
) -> None:
    workbook = load_workbook(make_return(database, built, tmp_path))
    for sheet in workbook.worksheets[:3]:
        assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
        assert sheet.oddFooter.left.text == "OFFICIAL-SENSITIVE"
        assert sheet.oddFooter.right.text == "Page &P of &N"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert workbook["Child A"].page_setup.orientation == "landscape"
    assert workbook["Child A"].print_title_rows == "$3:$3"
    assert workbook["Instructions"].page_setup.orientation == "portrait"


def test_answers_already_held_are_filled_in(
    database: Database, built: Built, tmp_path: Path
) -> None:
    sheet = load_workbook(make_return(database, built, tmp_path))["Child A"]
    assert [sheet[cell].value for cell in (SUMMARY, STRENGTHS, AREAS, REFERRALS)] == [
        "Known since birth.",
        "Clear chronology.",
        "Late referral.",
        "Good",
    ]
    assert sheet[ASSESSMENT].value is None


def test_no_private_reference_is_anywhere_in_any_return(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        paths = generate_returns(session, built.audit_id, tmp_path)
    for path in paths:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        everything = b"".join(parts.values())
        assert b"Child A" in everything  # the search does see the text
        assert b"LCS-A123" not in everything and b"LCS-B123" not in everything, path.name
        assert b"LCS-" not in everything


def test_one_return_per_agency_auditing_a_case(
    database: Database, built: Built, tmp_path: Path
) -> None:
    # Education takes part but audits no case; the Youth Offending Service is unable to.
    with database.transaction() as session:
        paths = generate_returns(session, built.audit_id, tmp_path)
    assert [path.name for path in paths] == [
        "Neglect panel - Children's Social Care - return.xlsx",
        "Neglect panel - Police - return.xlsx",
        "Neglect panel - Health - return.xlsx",
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx") == sorted(
        p.name for p in paths
    )
    assert load_workbook(paths[2])["Instructions"]["B6"].value == "Health"


def test_file_names_are_safe_on_every_system() -> None:
    assert file_name("Neglect: 2017/18?", "Police") == "Neglect- 2017-18- - Police - return.xlsx"
    assert file_name("Audit", "A <B> | C*") == "Audit - A -B- - C- - return.xlsx"
    assert file_name("x" * 300, "Police").endswith(".xlsx")
    assert len(file_name("x" * 300, "Police")) <= 125
    taken = ["Audit - Police - return.xlsx"]
    assert file_name("Audit", "Police", taken) == "Audit - Police - return (2).xlsx"


def test_sheet_titles_follow_excels_rules_and_stay_unique() -> None:
    titles = sheet_titles(
        [
            "Child A",
            "child a",
            "Child: B/C [2]?*",
            "'Quoted'",
            "A" * 40,
            "A" * 40,
            "History",
            "Instructions",
            "   ",
        ]
    )
    assert titles == [
        "Child A",
        "child a (2)",
        "Child- B-C -2---",
        "Quoted",
        "A" * 31,
        "A" * 27 + " (2)",
        "History (2)",
        "Instructions (2)",
        "Case",
    ]
    assert all(len(title) <= 31 for title in titles)
    assert len({title.lower() for title in titles}) == len(titles)


def test_a_pseudonym_excel_cannot_use_still_gets_its_sheet_and_reads_back(
    database: Database, built: Built, tmp_path: Path
) -> None:
    pseudonym = "Sibling group: C/D (twins aged 4 and 6)"
    with database.transaction() as session:
        case = cases.add_case(session, built.audit_id, pseudonym=pseudonym)
        involvement.set_involvement(session, case.id, police(built), summary="Two referrals.")
    path = make_return(database, built, tmp_path)
    title = "Sibling group- C-D (twins aged"
    assert load_workbook(path).sheetnames[3] == title
    fill(path, title, {SUMMARY: "Three referrals."})
    assert read(database, built, path).describe() == [
        f"{pseudonym} · Summary: changed (was 14 characters, now 16)"
    ]


def test_a_scale_excel_cannot_list_inline_is_read_from_the_hidden_sheet(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        audit_tool.use_scale(
            session, built.audit_id, [("Good, with caveats", "#2E7D32"), ("Poor", "#C62828")]
        )
    path = make_return(database, built, tmp_path)
    workbook = load_workbook(path)
    grades = next(
        c for c in workbook["Child A"].data_validations.dataValidation if c.type == "list"
    )
    sheet, cells = grades.formula1.split("!")
    assert sheet == f"='{META_SHEET}'"
    first, last = cells.replace("$", "").split(":")
    listed = [cell.value for row in workbook[META_SHEET][first:last] for cell in row]
    assert listed == ["Good, with caveats", "Poor"]
    fill(path, "Child A", {REFERRALS: "good, with caveats"})
    plan = read(database, built, path)
    assert plan.describe() == ["Child A · Grade for Referrals: not graded → Good, with caveats"]


def test_an_ungraded_audit_asks_no_grades(database: Database, built: Built, tmp_path: Path) -> None:
    with database.transaction() as session:
        audits.update_audit(session, built.audit_id, graded=False)
    workbook = load_workbook(make_return(database, built, tmp_path))
    sheet = workbook["Child A"]
    assert sheet["A6"].value.startswith("Areas for development") and sheet["A7"].value is None
    assert [check.type for check in sheet.data_validations.dataValidation] == ["textLength"]
    assert read(database, built, tmp_path / "return.xlsx").is_empty


# Making returns that cannot be made


def test_no_return_for_an_agency_not_taking_part_or_auditing_nothing(
    database: Database, built: Built, tmp_path: Path
) -> None:
    education = built.agency_ids[3]
    with database.transaction() as session:
        youth_offending = agencies.ensure_agency(session, "Youth Offending Service").id
    with pytest.raises(DomainError, match="Education is not recorded as auditing any case"):
        make_return(database, built, tmp_path, education)
    with pytest.raises(DomainError, match="Youth Offending Service is not taking part"):
        make_return(database, built, tmp_path, youth_offending)
    assert list(tmp_path.glob("*.xlsx")) == []


def test_a_missing_folder_is_named(database: Database, built: Built, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(DomainError, match=r"the folder .*nowhere does not exist"):
        make_return(database, built, missing)
    with (
        pytest.raises(DomainError, match=r"the folder .*nowhere does not exist"),
        database.transaction() as session,
    ):
        generate_returns(session, built.audit_id, missing)
    assert not missing.exists()


def test_a_failed_save_leaves_the_previous_return_whole(
    database: Database, built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    path = make_return(database, built, folder)
    before = path.read_bytes()

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DomainError, match="open in another program such as Excel"):
        make_return(database, built, folder)
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["return.xlsx"]  # no half-written file left


# Importing


def test_a_filled_in_return_is_planned_applied_and_a_second_import_changes_nothing(
    database: Database, built: Built, tmp_path: Path
) -> None:
    path = make_return(database, built, tmp_path)
    longer = "Clear chronology, and a strong handover to the locality team. " * 5
    fill(path, "Child A", {STRENGTHS: longer, ASSESSMENT: "Outstanding"})
    fill(
        path, "Child B", {REFERRALS: "requires improvement", AREAS: "Late referral.\nNo strategy."}
    )
    before = snapshot(database)

    plan = read(database, built, path, police(built))
    assert snapshot(database) == before  # reading writes nothing
    assert plan.describe() == [
        f"Child A · Strengths: changed (was 17 characters, now {len(longer)})",
        "Child B · Areas for development: changed (was 14 characters, now 27)",
        "Child A · Grade for Assessment: not graded → Outstanding",
        "Child B · Grade for Referrals: Good → Requires improvement",
    ]
    assert plan.headline == "Police's return changes 4 answers in 2 cases."
    with database.transaction() as session:
        assert apply_return(session, plan) == 4

    child_a, child_b = answers(database, built, "Child A"), answers(database, built, "Child B")
    assert child_a["strengths"] == longer and child_a["Assessment"] == "Outstanding"
    assert child_a["Referrals"] == "Good" and child_a["summary"] == "Known since birth."
    assert child_b["areas_for_development"] == "Late referral.\nNo strategy."
    assert child_b["Referrals"] == "Requires improvement"

    after = snapshot(database)
    again = read(database, built, path, police(built))
    assert again.is_empty and again.describe() == []
    assert "changes nothing" in again.headline
    with database.transaction() as session:
        assert apply_return(session, again) == 0
    assert snapshot(database) == after

    # Re-issued, the return carries what the database now holds.
    reissued = load_workbook(make_return(database, built, tmp_path))["Child B"]
    assert reissued[REFERRALS].value == "Requires improvement"


def test_an_emptied_answer_clears_it(database: Database, built: Built, tmp_path: Path) -> None:
    path = make_return(database, built, tmp_path)
    fill(path, "Child A", {SUMMARY: None, REFERRALS: None})
    plan = read(database, built, path)
    assert plan.describe() == [
        "Child A · Summary: cleared (was 18 characters)",
        "Child A · Grade for Referrals: Good → not graded",
    ]
    with database.transaction() as session:
        apply_return(session, plan)
    child_a = answers(database, built, "Child A")
    assert child_a["summary"] == "" and "Referrals" not in child_a


def test_text_excel_could_misread_goes_out_and_back_unchanged(
    database: Database, built: Built, tmp_path: Path
) -> None:
    tricky = {
        "summary": "=SUM(A1:A3) is not a formula here",
        "strengths": "#N/A\n  indented line\n\ttab",
        "areas_for_development": "Pasted from Word\x0b with a vertical tab " + "é" * 19_000,
    }
    with database.transaction() as session:
        involvement.set_involvement(session, built.case_ids[0], police(built), **tricky)
    path = make_return(database, built, tmp_path)
    sheet = load_workbook(path)["Child A"]
    assert sheet[SUMMARY].data_type == "s" and sheet[SUMMARY].value == tricky["summary"]
    assert sheet[STRENGTHS].value == tricky["strengths"]
    assert sheet[AREAS].value == tricky["areas_for_development"].replace("\x0b", "")
    assert read(database, built, path).is_empty


def test_the_longest_answer_allowed_goes_out_and_back(
    database: Database, built: Built, tmp_path: Path
) -> None:
    path = make_return(database, built, tmp_path)
    fill(path, "Child B", {SUMMARY: "w" * LONG_TEXT})
    plan = read(database, built, path)
    assert plan.describe() == [f"Child B · Summary: changed (was 18 characters, now {LONG_TEXT:,})"]
    with database.transaction() as session:
        apply_return(session, plan)
    assert answers(database, built, "Child B")["summary"] == "w" * LONG_TEXT


def test_a_plan_overtaken_by_another_edit_is_refused_whole(
    database: Database, built: Built, tmp_path: Path
) -> None:
    path = make_return(database, built, tmp_path)
    fill(path, "Child A", {SUMMARY: "From the return.", STRENGTHS: "Also from the return."})
    plan = read(database, built, path)
    with database.transaction() as session:
        involvement.set_involvement(
            session, built.case_ids[0], police(built), strengths="Typed at the panel."
        )
    before = snapshot(database)
    with (
        pytest.raises(DomainError, match="Child A · Strengths was changed in the audit"),
        database.transaction() as session,
    ):
        apply_return(session, plan)
    assert snapshot(database) == before


# Files that are not good returns: each problem named, nothing written


Spoil = Callable[[Database, Built, Path], None]


def _in_sheet(sheet: str, answers: dict[str, Any]) -> Spoil:
    return lambda database, built, path: fill(path, sheet, answers)


def _add_sheet(database: Database, built: Built, path: Path) -> None:
    workbook = load_workbook(path)
    workbook.create_sheet("Child Z")["B4"] = "A case the panel does not have."
    workbook.save(path)


def _delete_child_b(database: Database, built: Built, path: Path) -> None:
    with database.transaction() as session:
        cases.delete_case(session, built.case_ids[1])


def _not_known_in_child_b(database: Database, built: Built, path: Path) -> None:
    with database.transaction() as session:
        involvement.set_involvement(
            session, built.case_ids[1], police(built), status=InvolvementStatus.NOT_KNOWN
        )


def _police_unable(database: Database, built: Built, path: Path) -> None:
    with database.transaction() as session:
        # An agency stops taking part only once its involvement is cleared.
        cleared = {(case_id, police(built)): None for case_id in built.case_ids}
        involvement_grid.set_cells(session, built.audit_id, cleared, {})
        found = participation.participation_of(session, built.audit_id, police(built))
        assert found is not None
        participation.update_participation(
            session, found.id, status=ParticipationStatus.UNABLE, reason="Staff shortages."
        )


def _rename_child_b_sheet(database: Database, built: Built, path: Path) -> None:
    workbook = load_workbook(path)
    workbook["Child B"].title = "Child B (2)"
    workbook.save(path)


@pytest.mark.parametrize(
    ("spoil", "expected"),
    [
        pytest.param(
            _in_sheet("Child B", {REFERRALS: "Brilliant"}),
            "Sheet 'Child B', cell B7: 'Brilliant' is not on this audit's grading scale "
            f"({OFSTED}).",
            id="grade-outside-the-scale",
        ),
        pytest.param(
            _in_sheet("Child A", {"A5": "Strengths"}),
            "Sheet 'Child A', cell A5: the question has been changed; it should read "
            "'Strengths: what went well in your agency's work'. Put it back as it was and "
            "try again.",
            id="edited-question",
        ),
        pytest.param(
            _in_sheet("Child A", {SUMMARY: "x" * (LONG_TEXT + 1)}),
            "Sheet 'Child A', cell B4: the summary is 20,001 characters long; it can hold at "
            "most 20,000. Shorten it and try again.",
            id="text-over-the-limit",
        ),
        pytest.param(
            _in_sheet("Child A", {STRENGTHS: "=B4&B6"}),
            "Sheet 'Child A', cell B5: the answer is a formula. Type it as words instead.",
            id="formula",
        ),
        pytest.param(
            _add_sheet,
            "Sheet 'Child Z', cell A1: this sheet was not in the return as it was sent, so the "
            "app cannot tell which case it is about. Copy its answers into the case's own "
            "sheet, then delete it.",
            id="unknown-case-sheet",
        ),
        pytest.param(
            _delete_child_b,
            "Sheet 'Child B', cell A1: this audit has no case called 'Child B'. It may have "
            "been renamed or deleted since the return was made.",
            id="case-no-longer-in-the-audit",
        ),
        pytest.param(
            _not_known_in_child_b,
            "Sheet 'Child B', cell A1: Police is not recorded as auditing Child B, so these "
            "answers cannot be imported. Record its involvement as audited first.",
            id="agency-not-involved-in-the-case",
        ),
        pytest.param(
            _police_unable,
            "Sheet 'Instructions', cell B6: this return is from Police, which is not taking "
            "part in this audit.",
            id="agency-not-taking-part",
        ),
        pytest.param(
            _rename_child_b_sheet,
            "Sheet 'Child B' is missing: it may have been renamed or deleted. Put it back as "
            "it was, or ask for a new return.",
            id="renamed-sheet",
        ),
    ],
)
def test_a_bad_return_is_refused_by_sheet_and_cell_and_nothing_is_written(
    database: Database, built: Built, tmp_path: Path, spoil: Spoil, expected: str
) -> None:
    path = make_return(database, built, tmp_path)
    fill(path, "Child A", {SUMMARY: "A good answer, which must not be written either."})
    spoil(database, built, path)
    before = snapshot(database)
    assert expected in problems(database, built, path)
    assert snapshot(database) == before


def test_every_problem_in_the_file_is_reported_at_once(
    database: Database, built: Built, tmp_path: Path
) -> None:
    path = make_return(database, built, tmp_path)
    fill(path, "Child A", {REFERRALS: "Brilliant", "A4": "Summary", STRENGTHS: "Fine."})
    fill(path, "Child B", {"B9": "Green", SUMMARY: "y" * (LONG_TEXT + 5)})
    before = snapshot(database)
    found = problems(database, built, path)
    assert [problem.split(":")[0] for problem in found] == [
        "Sheet 'Child A', cell A4",
        "Sheet 'Child A', cell B7",
        "Sheet 'Child B', cell B4",
        "Sheet 'Child B', cell B9",
    ]
    assert snapshot(database) == before


def test_a_return_from_another_agency_than_the_one_chosen_is_refused(
    database: Database, built: Built, tmp_path: Path
) -> None:
    path = make_return(database, built, tmp_path)
    health = built.agency_ids[2]
    assert problems(database, built, path, health) == [
        "Sheet 'Instructions', cell B6: this return is from Police, but you chose to import "
        "Health's return. Choose the right file, or the right agency."
    ]


def test_a_return_for_another_audit_is_refused(
    database: Database, built: Built, tmp_path: Path
) -> None:
    with database.transaction() as session:
        other = build_audit(session, title="Second panel")
        path = generate_return(session, other.audit_id, other.agency_ids[1], tmp_path / "o.xlsx")
    fill(path, "Child A", {SUMMARY: "For the second panel."})
    before = snapshot(database)
    assert problems(database, built, path) == [
        "Sheet 'Instructions', cell B4: this is the return for the audit 'Second panel', not "
        "for 'Neglect panel'. Open that audit to import it."
    ]
    assert snapshot(database) == before


def test_a_return_made_before_the_audit_was_renamed_asks_for_a_new_one(
    database: Database, built: Built, tmp_path: Path
) -> None:
    path = make_return(database, built, tmp_path)
    with database.transaction() as session:
        audits.update_audit(session, built.audit_id, title="Neglect panel, May 2017")
    assert problems(database, built, path) == [
        "Sheet 'Instructions', cell B4: return.xlsx was made for 'Neglect panel', but this "
        "audit is now called 'Neglect panel, May 2017'. Make new returns now that it has been "
        "renamed."
    ]


def _plain_workbook(path: Path) -> None:
    workbook = Workbook()
    workbook.active["A1"] = "Summary"
    workbook.save(path)


def _text_file(path: Path) -> None:
    path.write_text("Child A,Good\n", encoding="utf-8")


def _damaged(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not really")


def _folder(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (_plain_workbook, "not an Audit Panel agency return"),
        (_text_file, "is not an Excel workbook (.xlsx), or it is damaged"),
        (_damaged, "is not an Excel workbook (.xlsx), or it is damaged"),
        (_folder, "is a folder. Choose the .xlsx file the agency sent back."),
        (lambda path: None, "There is no file at"),
    ],
    ids=["not-a-return", "not-a-workbook", "damaged", "a-folder", "missing"],
)
def test_a_file_that_is_not_a_return_is_explained(
    database: Database,
    built: Built,
    tmp_path: Path,
    make: Callable[[Path], None],
    expected: str,
) -> None:
    path = tmp_path / "returned.xlsx"
    make(path)
    before = snapshot(database)
    [problem] = problems(database, built, path)
    assert expected in problem
    assert snapshot(database) == before


def test_a_file_that_cannot_be_opened_is_explained(
    database: Database, built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_return(database, built, tmp_path)

    # Tests run as root here, where chmod cannot take read access away.
    def locked(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", locked)
    assert problems(database, built, path) == [
        "return.xlsx cannot be opened: you do not have permission to read it, or another "
        "program has it locked. Close it there, or copy it to your own folder, and try again."
    ]


# Another spreadsheet program


def test_libreoffice_opens_a_return_and_what_it_saves_reads_back(
    database: Database, built: Built, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("CI must check returns open in LibreOffice, but soffice is not installed")
        pytest.skip("LibreOffice (soffice) is not installed")
    path = make_return(database, built, tmp_path)
    fill(path, "Child A", {STRENGTHS: "Saved by LibreOffice.", ASSESSMENT: "Inadequate"})
    converted = tmp_path / "libreoffice"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(converted),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = converted / path.name
    sheet = load_workbook(saved)["Child A"]
    assert sheet.protection.sheet and not sheet[STRENGTHS].protection.locked
    assert any(check.type == "list" for check in sheet.data_validations.dataValidation)
    plan = read(database, built, saved)
    assert plan.describe() == [
        "Child A · Strengths: changed (was 17 characters, now 21)",
        "Child A · Grade for Assessment: not graded → Inadequate",
    ]
