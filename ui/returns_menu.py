"""Agency returns from an open audit: make the workbooks, read a returned one back."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMenu, QToolButton, QWidget

from panel_app.errors import DomainError
from ui import msgbox
from ui.actions import make_action

if TYPE_CHECKING:
    from ui.context import AuditContext

#: Changes listed in the confirmation before "and N more".
SHOWN_CHANGES = 25


def make_returns(context: AuditContext, folder: Path, parent: QWidget | None = None) -> list[Path]:
    from panel_app import returns  # openpyxl is slow to import; only load it when used

    try:
        made = context.read(
            lambda session: returns.generate_returns(session, context.audit_id, folder)
        )
    except DomainError as refusal:
        msgbox.error(parent, "Agency returns", refusal.message)
        return []
    if not made:
        msgbox.information(
            parent,
            "Agency returns",
            "No agency has an audited case yet: mark involvement on the Involvement screen first.",
        )
        return []
    msgbox.information(
        parent,
        "Agency returns",
        f"{len(made)} return{'s' if len(made) != 1 else ''} written to {folder}:\n\n"
        + "\n".join(path.name for path in made),
    )
    return made


def import_return(context: AuditContext, path: Path, parent: QWidget | None = None) -> int:
    """Read, show what would change, and write only if the user agrees; returns changes made."""
    from panel_app import returns

    try:
        plan = context.read(lambda session: returns.read_return(session, context.audit_id, path))
    except returns.ReturnError as refusal:
        msgbox.error(
            parent,
            "This return cannot be imported",
            "Nothing has been changed. Correct these and import it again:\n\n"
            + "\n".join(refusal.problems),
        )
        return 0
    except DomainError as refusal:
        msgbox.error(parent, "This return cannot be imported", refusal.message)
        return 0
    if plan.is_empty:
        msgbox.information(parent, "Agency return", plan.headline)
        return 0
    lines = plan.describe()
    shown = "\n".join(lines[:SHOWN_CHANGES])
    if len(lines) > SHOWN_CHANGES:
        shown += f"\n… and {len(lines) - SHOWN_CHANGES} more"
    if not msgbox.Question.ask(
        parent, "Import agency return", f"{plan.headline}\n\n{shown}\n\nMake these changes?"
    ):
        return 0
    try:
        return context.write(lambda session: returns.apply_return(session, plan), "involvement")
    except DomainError as refusal:
        msgbox.error(parent, "This return cannot be imported", refusal.message)
        return 0


def returns_button(context: AuditContext, parent: QWidget) -> QToolButton:
    def choose_folder() -> None:
        folder = QFileDialog.getExistingDirectory(parent, "Save the agency returns in")
        if folder and make_returns(context, Path(folder), parent):
            QDesktopServices.openUrl(QUrl.fromLocalFile(folder))

    def choose_file() -> None:
        name, _ = QFileDialog.getOpenFileName(
            parent, "Import an agency return", "", "Excel workbooks (*.xlsx)"
        )
        if name:
            import_return(context, Path(name), parent)

    menu = QMenu(parent)
    menu.addAction(make_action(parent, "&Make a return for each agency…", choose_folder))
    menu.addAction(make_action(parent, "&Import a returned spreadsheet…", choose_file))
    button = QToolButton()
    button.setText("Agency &returns")
    button.setAccessibleName("Agency returns")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(menu)
    return button
