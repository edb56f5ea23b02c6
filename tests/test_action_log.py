"""The action log in Excel: written, read back by openpyxl and LibreOffice, updated by an
agency and imported, with every problem reported by row and the database left alone."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import ActionStatus
from db.models import Action
from panel_app.database import Database, open_database
from panel_app.documents.action_log import (
    COLUMNS,
    STATUS_LABELS,
    action_log_model,
    letter,
    not_smart_formulas,
    write_action_log,
)
from panel_app.documents.action_log_import import (
    ActionLogError,
    apply_action_log,
    read_action_log,
)
from panel_app.errors import DomainError
from panel_app.services import actions, agencies, audits, cases
from tests.builders import Built, build_audit
from tests.document_files import soffice

MARKER = "PRIVATE-REF-9QZX"
TODAY = date.today()
HEAD = {column.key: index for index, column in enumerate(COLUMNS)}


def awkward_actions(session: Session, built: Built) -> dict[str, int]:
    """Actions whose text would break a careless export, and live ones due at each RAG."""
    cases.update_case(session, built.case_ids[0], private_reference=MARKER)
    made = {
        "formula": actions.add_action(
            session, built.audit_id, text="=SUM(A1)", owner="+44 team", evidence="@home",
            due_date=TODAY - timedelta(days=3),
        ),
        "control": actions.add_action(
            session, built.audit_id, case_id=built.case_ids[0],
            text="Bell\x07 and form feed\x0c: Łódź, مرحبا, 张伟\n" + "long " * 3000,
            owner="-Police", due_date=TODAY + timedelta(days=7),
        ),
        "later": actions.add_action(
            session, built.audit_id, text="Later", owner="Health",
            due_date=TODAY + timedelta(days=40), status=ActionStatus.IN_PROGRESS,
        ),
    }  # fmt: skip
    return {key: action.id for key, action in made.items()}


@pytest.fixture
def built(database: Database) -> tuple[Built, dict[str, int]]:
    with database.transaction() as session:
        made = build_audit(session)
        return made, awkward_actions(session, made)


def write(database: Database, path: Path, audit_id: int | None) -> Path:
    with database.transaction() as session:
        return write_action_log(session, path, audit_id)


def log_rows(path: Path) -> list[tuple[Any, ...]]:
    sheet = load_workbook(path)["Action log"]
    return [tuple(c.value for c in row) for row in sheet.iter_rows(min_row=2)]


def snapshot(database: Database) -> list[tuple[Any, ...]]:
    with database.transaction() as session:
        return [
            (a.id, a.status, a.evidence, a.review_date, a.due_date, a.text, a.owner,
             [(u.date, u.text) for u in a.updates])
            for a in session.scalars(select(Action).order_by(Action.id))
        ]  # fmt: skip


def test_the_log_is_a_real_excel_table_with_filters_a_list_and_live_colours(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, awkward = built
    path = write(database, tmp_path / "log.xlsx", made.audit_id)
    sheet = load_workbook(path)["Action log"]
    count = len(made.action_ids) + len(awkward)
    table = sheet.tables["ActionLog"]
    assert table.ref == f"A1:O{count + 1}" and table.autoFilter.ref == table.ref
    assert table.tableStyleInfo.name.startswith("TableStyle")
    assert [c.name for c in table.tableColumns] == [c.header for c in COLUMNS]
    assert sheet.freeze_panes == "A2"
    status = letter("status")
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1 and str(lists[0].sqref) == f"{status}2:{status}{count + 1}"
    assert lists[0].formula1 == '"Open,In progress,Done,Not achieved,Superseded"'
    rules = [rule for cf in sheet.conditional_formatting for rule in cf.rules]
    formulas = " ".join(f for rule in rules for f in rule.formula)
    assert "TODAY()" in formulas and f'${status}2="Open"' in formulas and len(rules) == 7
    for row in range(2, count + 2):
        assert "TODAY()" in sheet[f"{letter('rag')}{row}"].value
        due = sheet[f"{letter('due')}{row}"]
        assert isinstance(due.value, datetime) and due.is_date
        assert due.number_format.upper().endswith("DD/MM/YYYY")
    widths = {c.header: sheet.column_dimensions[letter(c.key)].width for c in COLUMNS}
    assert widths["Action"] == 60 and 10 <= widths["Action ID"] <= 14
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert sheet.oddFooter.right.text == "Page &P of &N"


def test_rows_hold_what_the_database_holds(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, awkward = built
    rows = {row[0]: row for row in log_rows(write(database, tmp_path / "l.xlsx", made.audit_id))}
    first, done = (rows[f"A-{made.audit_id}-{i}"] for i in made.action_ids)
    assert first[HEAD["case"]] == "Partnership" and first[HEAD["kind"]] == "Recommendation"
    assert first[HEAD["text"]] == "Refresh neglect training."
    assert first[HEAD["due"]] == datetime(2017, 9, 30) and first[HEAD["status"]] == "Open"
    assert done[HEAD["case"]] == "Child B" and done[HEAD["status"]] == "Done"
    assert done[HEAD["last_on"]] == datetime(2017, 5, 30)
    assert done[HEAD["last"]] == "Conference booked."
    assert done[HEAD["evidence"]] == "Plan reviewed at conference."
    assert done[HEAD["audit"]] == "Neglect panel"
    with database.transaction() as session:
        model = action_log_model(session, made.audit_id)
    assert [r.rag for r in model.rows if r.action_id in awkward.values()] == [
        "Red",
        "Amber",
        "Green",
    ]
    assert model.title == "Action log: Neglect panel"


def test_text_stays_text_and_awkward_text_does_not_crash(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, awkward = built
    sheet = load_workbook(write(database, tmp_path / "l.xlsx", made.audit_id))["Action log"]
    by_id = {sheet[f"A{r}"].value: r for r in range(2, sheet.max_row + 1)}
    row = by_id[f"A-{made.audit_id}-{awkward['formula']}"]
    for key, typed in (("text", "=SUM(A1)"), ("owner", "+44 team"), ("evidence", "@home")):
        cell = sheet[f"{letter(key)}{row}"]
        assert (cell.value, cell.data_type, cell.quotePrefix) == (typed, "s", True)
    control = by_id[f"A-{made.audit_id}-{awkward['control']}"]
    text = sheet[f"{letter('text')}{control}"].value
    assert text.startswith("Bell and form feed: Łódź, مرحبا, 张伟\nlong long")
    assert "\x07" not in text and len(text) > 14_000


def test_the_private_reference_is_in_no_part_of_the_file(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, _ = built
    for audit_id in (made.audit_id, None):
        path = write(database, tmp_path / f"log-{audit_id}.xlsx", audit_id)
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        assert "xl/tables/table1.xml" in parts
        assert all(MARKER.encode() not in data for data in parts.values())
        assert all(b"LCS-A123" not in data for data in parts.values())


def test_the_log_across_the_partnership_has_every_audit_and_unique_ids(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, awkward = built
    with database.transaction() as session:
        other = build_audit(session, title="Second panel")
        agencies.update_partnership(
            session, agencies.default_partnership(session).id, protective_marking="OFFICIAL & X"
        )
    rows = log_rows(write(database, tmp_path / "all.xlsx", None))
    ids = [row[0] for row in rows]
    assert len(ids) == len(set(ids)) == len(made.action_ids) + len(awkward) + 2
    assert {row[HEAD["audit"]] for row in rows} == {"Neglect panel", "Second panel"}
    assert f"A-{other.audit_id}-{other.action_ids[0]}" in ids
    sheet = load_workbook(tmp_path / "all.xlsx")["Action log"]
    assert sheet.oddHeader.center.text == "OFFICIAL && X"  # "&" would start a header code
    about = load_workbook(tmp_path / "all.xlsx")["About this log"]
    assert about["A1"].value == "OFFICIAL & X" and about["A3"].value == "Action log: all audits"


def test_an_audit_without_actions_still_writes_a_table(database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        audit_id = audits.create_audit(session, theme="Neglect", title="Empty").id
    path = write(database, tmp_path / "empty.xlsx", audit_id)
    assert load_workbook(path)["Action log"].tables["ActionLog"].ref == "A1:O2"
    with database.transaction() as session:
        assert read_action_log(session, path).describe() == [
            "No changes: the 0 actions in empty.xlsx match the database."
        ]


def test_a_folder_that_cannot_be_written_leaves_no_file(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, _ = built
    with pytest.raises(DomainError, match="does not exist"):
        write(database, tmp_path / "nowhere" / "log.xlsx", made.audit_id)
    with pytest.raises(DomainError, match=r"not as log\.csv"):
        write(database, tmp_path / "log.csv", made.audit_id)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    target = locked if not os.access(locked, os.W_OK) else Path("/sys")  # root writes anyway
    try:
        with pytest.raises(DomainError, match="cannot be written to"):
            write(database, target / "log.xlsx", made.audit_id)
    finally:
        locked.chmod(0o700)
    assert list(locked.iterdir()) == [] and not (tmp_path / "log.csv").exists()


# --- LibreOffice ---------------------------------------------------------------------------


def test_libreoffice_reads_the_rows_dates_and_ratings_the_database_holds(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    path = write(database, tmp_path / "log.xlsx", None)
    csv_file = soffice(path, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    with open(csv_file, encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == [c.header for c in COLUMNS]
    with database.transaction() as session:
        model = action_log_model(session, None)
        expected = [
            [r.ident, r.case, r.text, r.owner, f"{r.due:%d/%m/%Y}" if r.due else "", r.status,
             r.rag]
            for r in model.rows
        ]  # fmt: skip
    picked = ["id", "case", "text", "owner", "due", "status", "rag"]
    assert [[line[HEAD[key]] for key in picked] for line in lines[1:]] == expected
    assert "=SUM(A1)" in [line[HEAD["text"]] for line in lines]


def test_libreoffice_flags_live_actions_without_an_owner_or_any_date_as_not_smart(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    """The orange shading's tests, worked out by LibreOffice in cells beside each row."""
    made, _ = built
    with database.transaction() as session:
        flags = {
            "no owner": actions.add_action(session, made.audit_id, text="A", owner=" "),
            "no date": actions.add_action(session, made.audit_id, text="B", owner="Police"),
            "review only": actions.add_action(
                session, made.audit_id, text="C", owner="Police", review_date=TODAY
            ),
            "done": actions.add_action(session, made.audit_id, text="D", status=ActionStatus.DONE),
        }
        wanted = {flags["no owner"].id: ("TRUE", "TRUE"), flags["no date"].id: ("FALSE", "TRUE")}
    path = write(database, tmp_path / "log.xlsx", made.audit_id)
    book = load_workbook(path)
    sheet = book["Action log"]
    beside = len(COLUMNS) + 1
    for row in range(2, sheet.max_row + 1):
        for offset, formula in enumerate(not_smart_formulas(row).values()):
            sheet.cell(row, beside + offset, f"={formula}")
    book.save(path)
    csv_file = soffice(path, "csv:Text - txt - csv (StarCalc):44,34,76,1", tmp_path)
    with open(csv_file, encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))[1:]
    assert sheet.max_row - 1 == len(lines) == len(made.action_ids) + 3 + len(flags)
    for line in lines:
        action_id = int(line[HEAD["id"]].rsplit("-", 1)[1])
        got = (line[beside - 1], line[beside])
        assert got == wanted.get(action_id, ("FALSE", "FALSE")), line


def test_a_log_saved_again_by_libreoffice_imports_with_no_changes(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, _ = built
    path = write(database, tmp_path / "log.xlsx", made.audit_id)
    resaved = soffice(path, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    with database.transaction() as session:
        plan = read_action_log(session, resaved)
    assert plan.actions_read == 5 and plan.changes == ()


# --- reading it back ---------------------------------------------------------------------


def edit(path: Path, changes: dict[str, Any], target: Path | None = None) -> Path:
    """Change cells ('H3': 'Done') as an agency would, and save."""
    book = load_workbook(path)
    sheet = book["Action log"]
    for ref, value in changes.items():
        sheet[ref] = value
        if isinstance(value, str):
            sheet[ref].data_type = "s"
    book.save(target or path)
    return target or path


def row_of(path: Path, ident: str) -> int:
    sheet = load_workbook(path)["Action log"]
    return next(r for r in range(2, sheet.max_row + 1) if sheet[f"A{r}"].value == ident)


def test_updates_are_previewed_then_applied_and_a_second_import_changes_nothing(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, awkward = built
    path = write(database, tmp_path / "log.xlsx", made.audit_id)
    first = row_of(path, f"A-{made.audit_id}-{made.action_ids[0]}")
    later = row_of(path, f"A-{made.audit_id}-{awkward['later']}")
    review = date(2018, 1, 31)
    edit(path, {
        f"H{first}": "done", f"J{first}": review, f"M{first}": "Training refreshed.",
        f"O{first}": "=Register of attendance", f"H{later}": "Superseded",
        f"M{later}": "Replaced by the new plan.", f"N{later}": datetime(2017, 6, 1),
    })  # fmt: skip
    before = snapshot(database)
    with database.transaction() as session:
        plan = read_action_log(session, path)
    assert snapshot(database) == before  # reading changes nothing
    assert plan.count == 6 and [c.row for c in plan.changes] == [first, later]
    assert plan.describe()[:5] == [
        "6 changes to 2 of the 5 actions in log.xlsx:",
        f"Row {first}, action A-{made.audit_id}-{made.action_ids[0]}:",
        '  Status: "Open" → "Done"',
        '  Review date: (empty) → "31/01/2018"',
        '  Evidence: (empty) → "=Register of attendance"',
    ]
    with database.transaction() as session:
        assert apply_action_log(session, plan) == 6
    with database.transaction() as session:
        action = session.get(Action, made.action_ids[0])
        assert action is not None and action.status is ActionStatus.DONE
        assert (action.review_date, action.evidence) == (review, "=Register of attendance")
        assert [(u.date, u.text) for u in action.updates] == [(TODAY, "Training refreshed.")]
        superseded = session.get(Action, awkward["later"])
        assert superseded is not None and superseded.status is ActionStatus.SUPERSEDED
        assert [(u.date, u.text) for u in superseded.updates] == [
            (date(2017, 6, 1), "Replaced by the new plan.")
        ]
    after = snapshot(database)
    with database.transaction() as session:
        again = read_action_log(session, path)
        assert again.changes == () and apply_action_log(session, again) == 0
    assert snapshot(database) == after


def test_every_bad_row_is_reported_by_number_and_nothing_is_written(
    database: Database, built: tuple[Built, dict[str, int]], tmp_path: Path
) -> None:
    made, awkward = built
    path = write(database, tmp_path / "log.xlsx", made.audit_id)
    aid = made.audit_id
    ok = row_of(path, f"A-{aid}-{made.action_ids[0]}")
    text = row_of(path, f"A-{aid}-{made.action_ids[1]}")
    bad_status = row_of(path, f"A-{aid}-{awkward['later']}")
    bad_date = row_of(path, f"A-{aid}-{awkward['formula']}")
    future = row_of(path, f"A-{aid}-{awkward['control']}")
    edit(path, {
        f"H{ok}": "Done",  # a good change, held back by the bad rows
        f"E{text}": "Something else entirely",
        f"H{bad_status}": "Finished",
        f"J{bad_date}": "31/02/2018",
        f"N{future}": "tomorrow", f"M{future}": "A note from the future.",
        "A7": f"A-{aid}-999", "A8": f"A-{aid}-{made.action_ids[0]}", "E8": "x",
        "A9": "Action 4", "B10": "A new action",
    })  # fmt: skip
    before = snapshot(database)
    with pytest.raises(ActionLogError) as raised, database.transaction() as session:
        read_action_log(session, path)
    problems = raised.value.problems
    agreed = "the log cannot change what was agreed; edit it in the app"
    statuses = ", ".join(STATUS_LABELS)
    assert f"Row {text}: the action's text was changed — {agreed}" in problems
    assert f"Row {bad_status}: 'Finished' is not a status ({statuses})" in problems
    assert f"Row 7: action A-{aid}-999 is not in the database" in problems
    assert f"Row 8: action A-{aid}-{made.action_ids[0]} appears twice (rows {ok} and 8)" in problems
    assert "Row 9: 'Action 4' is not an Action ID (such as A-1-4)" in problems
    assert (
        f"Row {bad_date}: the review date '31/02/2018' is not a date: February 2018 has 28 days."
        in problems
    )
    assert (
        f"Row {future}: the new update is dated {TODAY + timedelta(days=1):%d/%m/%Y}, "
        "which is in the future" in problems
    )
    assert any(p.startswith("Row 10: the action has no Action ID") for p in problems)
    assert len(problems) == 8
    assert [int(p.split(":")[0][4:]) for p in problems] == sorted(
        int(p.split(":")[0][4:]) for p in problems
    )
    assert "Nothing was changed" in raised.value.message
    assert snapshot(database) == before


def test_a_file_that_is_not_an_action_log_is_refused_plainly(
    database: Database, tmp_path: Path
) -> None:
    (tmp_path / "notes.xlsx").write_text("not a workbook")
    with database.transaction() as session:
        with pytest.raises(DomainError, match="is not an Excel workbook"):
            read_action_log(session, tmp_path / "notes.xlsx")
        with pytest.raises(DomainError, match="There is no file"):
            read_action_log(session, tmp_path / "missing.xlsx")
        book = load_workbook(write_action_log(session, tmp_path / "l.xlsx", None))
        book["Action log"].title = "Sheet1"
        book.save(tmp_path / "renamed.xlsx")
        with pytest.raises(DomainError, match="has no 'Action log' sheet"):
            read_action_log(session, tmp_path / "renamed.xlsx")


# --- the command ---------------------------------------------------------------------------


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel_app", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_import_actions_previews_applies_and_reports_problems(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    database = open_database(url)
    with database.transaction() as session:
        made = build_audit(session)
    path = write(database, tmp_path / "log.xlsx", made.audit_id)
    database.close()
    row = row_of(path, f"A-{made.audit_id}-{made.action_ids[0]}")
    edit(path, {f"H{row}": "In progress", f"M{row}": "Dates set."})

    dry = cli("--database", url, "import-actions", "--dry-run", str(path))
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.splitlines() == [
        "2 changes to 1 of the 2 actions in log.xlsx:",
        f"Row {row}, action A-{made.audit_id}-{made.action_ids[0]}:",
        '  Status: "Open" → "In progress"',
        f'  New update ({TODAY:%d/%m/%Y}): "Dates set."',
        "Dry run: nothing was changed.",
    ]
    applied = cli("--database", url, "import-actions", str(path))
    assert applied.returncode == 0 and applied.stdout.endswith("Applied 2 changes.\n")
    again = cli("--database", url, "import-actions", str(path))
    assert again.stdout == "No changes: the 2 actions in log.xlsx match the database.\n"

    edit(path, {f"H{row}": "Finished"}, tmp_path / "bad.xlsx")
    bad = cli("--database", url, "import-actions", str(tmp_path / "bad.xlsx"))
    assert bad.returncode == 1 and bad.stdout == ""
    assert f"  Row {row}: 'Finished' is not a status (" in bad.stderr
    assert "Nothing was changed" in bad.stderr
    missing = cli("--database", url, "import-actions", str(tmp_path / "none.xlsx"))
    assert missing.returncode == 1
    assert missing.stderr == f"audit-panel: There is no file {tmp_path / 'none.xlsx'}.\n"
