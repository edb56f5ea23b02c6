"""The action log read back from the app: choose the file, see what would change, then agree.

Like agency returns (``returns_menu``): nothing is written unless the whole file is valid and
the user says yes. Reading a big log and applying it run off the GUI thread. The file is read
again in the transaction that writes, and if the database changed meanwhile (someone else
updated an action) nothing is written and the user is asked to look again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from panel_app.documents.catalogue import dialog_filter
from panel_app.errors import DomainError
from ui import file_dialogs, msgbox
from ui.background import Job, run_in_background

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

TITLE = "Import an updated action log"
#: Changes (and problems) listed in a message before "and N more".
SHOWN_LINES = 25


def _listed(lines: list[str]) -> str:
    shown = "\n".join(lines[:SHOWN_LINES])
    if len(lines) > SHOWN_LINES:
        shown += f"\n… and {len(lines) - SHOWN_LINES} more"
    return shown


def _refused(parent: QWidget, error: DomainError) -> None:
    problems: list[str] = list(getattr(error, "problems", []))
    detail = f"\n\n{_listed(problems)}" if problems else ""
    msgbox.error(parent, "The action log was not imported", error.message + detail)


def import_action_log(
    context: AuditContext, path: Path, parent: QWidget, finished: Callable[[], None]
) -> Job:
    """Read ``path``, show the changes, and make them if the user agrees; ``finished`` is
    called at the end, whatever happened."""
    from panel_app.documents.action_log_import import apply_action_log, read_action_log

    database = context.database

    def refused(error: DomainError) -> None:
        finished()
        _refused(parent, error)

    def apply(plan: Any, session: Session) -> int:
        if read_action_log(session, path) != plan:
            raise DomainError(
                "The actions changed in the database while the changes were being shown, so "
                "nothing was changed. Import the file again to see what it would change now."
            )
        return apply_action_log(session, plan)

    def applied(made: int) -> None:
        finished()
        context.changed.emit("actions")
        msgbox.information(
            parent, TITLE, f"{made} change{'s' * (made != 1)} made from {path.name}."
        )

    def previewed(plan: Any) -> None:
        lines = plan.describe()
        if not plan.changes:
            finished()
            msgbox.information(parent, TITLE, lines[0])
            return
        if not msgbox.Question.ask(
            parent, TITLE, f"{_listed(lines)}\n\nMake these changes?", default=False
        ):
            finished()
            return
        run_in_background(
            parent,
            "Updating the actions…",
            database,
            lambda session: apply(plan, session),
            applied,
            refused,
        )

    return run_in_background(
        parent,
        f"Reading {path.name}…",
        database,
        lambda session: read_action_log(session, path),
        previewed,
        refused,
    )


def choose_and_import(
    context: AuditContext, parent: QWidget, finished: Callable[[], None]
) -> Job | None:
    path = file_dialogs.OpenFile.ask(
        parent, TITLE, file_dialogs.documents_folder(), dialog_filter(".xlsx")
    )
    if path is None:
        finished()
        return None
    return import_action_log(context, path, parent, finished)
