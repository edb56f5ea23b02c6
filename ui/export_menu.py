"""The Export menu of an open audit: every document in every format, print previews, and the
action log read back.

Saving runs off the GUI thread (``background``) with a progress dialog for anything slower
than half a second; afterwards the user may open the file or its folder. A folder that cannot
be written, or a file another program holds open, is explained in plain words: exports only
read the database, so nothing in it changes whatever happens.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from panel_app.dates import format_long
from panel_app.documents.catalogue import (
    BY_KIND,
    DOCUMENTS,
    FORMATS,
    default_file_name,
    dialog_filter,
)
from panel_app.errors import DomainError
from panel_app.services import audits
from ui import file_dialogs, msgbox
from ui.actions import make_action
from ui.background import Job, run_in_background

if TYPE_CHECKING:
    from ui.context import AuditContext

AFTER_SAVING = ("Open it", "Show the folder", "Close")


def fitting_suffix(path: Path, kind: str, suffix: str) -> Path:
    """The chosen path, with ``suffix`` added unless it already ends in a format of ``kind``
    (a name typed without an extension, which some file dialogs leave as it is)."""
    if path.suffix.lower() in BY_KIND[kind].formats:
        return path
    return path.with_name(path.name + suffix)


class ExportMenu(QMenu):
    """Built once per open audit; shown in the menu bar and behind the workspace's button."""

    def __init__(self, context: AuditContext, parent: QWidget) -> None:
        super().__init__("E&xport", parent)
        self.context = context
        self.owner = parent
        self.job: Job | None = None
        self.saved: Path | None = None  # the last file written, for tests and the status bar
        self.export_actions = {}
        for document in DOCUMENTS:
            for suffix in document.formats:
                action = make_action(
                    parent,
                    f"{document.title} ({FORMATS[suffix]})…",
                    partial(self.export, document.kind, suffix),
                )
                self.export_actions[(document.kind, suffix)] = action
                self.addAction(action)
            self.addSeparator()
        previews = self.addMenu("&Print preview")
        self.preview_actions = {}
        for document in DOCUMENTS:
            if ".pdf" not in document.formats:
                continue
            shortcut = "Ctrl+P" if document.kind == "case-summaries" else None
            action = make_action(
                parent, f"{document.title}…", partial(self.preview, document.kind), shortcut
            )
            self.preview_actions[document.kind] = action
            previews.addAction(action)
        self.addSeparator()
        self.import_action = make_action(
            parent, "&Import an updated action log…", self.import_actions
        )
        self.addAction(self.import_action)

    # -- exporting ----------------------------------------------------------------------------
    def suggested_path(self, kind: str, suffix: str) -> Path:
        audit = self.context.read(lambda s: audits.get_audit(s, self.context.audit_id))
        name = default_file_name(audit.title, kind, format_long(audit.panel_date), suffix)
        return file_dialogs.documents_folder() / name

    def export(self, kind: str, suffix: str) -> Job | None:
        """Ask where to save the ``kind`` document as ``suffix``, then write it."""
        if self.job is not None:
            return None  # one export at a time; the progress dialog says one is running
        document = BY_KIND[kind]
        self.context.flush()  # what is still being typed goes into the document too
        chosen = file_dialogs.SaveFile.ask(
            self.owner,
            f"Save the {document.noun} as {FORMATS[suffix]}",
            self.suggested_path(kind, suffix),
            dialog_filter(suffix),
        )
        if chosen is None:
            return None
        path = fitting_suffix(chosen, kind, suffix)
        from panel_app.documents.export import export_document  # reportlab & co. load slowly

        audit_id = self.context.audit_id
        self.job = run_in_background(
            self.owner,
            f"Writing the {document.noun}…",
            self.context.database,
            lambda session: export_document(session, kind, audit_id, path),
            partial(self._saved, kind),
            partial(self._not_saved, kind),
        )
        return self.job

    def _saved(self, kind: str, path: Path) -> None:
        self.job, self.saved = None, path
        file_dialogs.remember_folder(path)
        document = BY_KIND[kind]
        answer = msgbox.Choice.ask(
            self.owner,
            "Export",
            f"The {document.noun} {'were' if document.noun.endswith('s') else 'was'} saved "
            f"as {path.name} in {path.parent}.",
            AFTER_SAVING,
            default=len(AFTER_SAVING) - 1,
        )
        if answer == 0:
            file_dialogs.open_file(self.owner, path)
        elif answer == 1:
            file_dialogs.show_folder(self.owner, path)

    def _not_saved(self, kind: str, error: DomainError) -> None:
        self.job = None
        noun = BY_KIND[kind].noun
        msgbox.error(self.owner, f"The {noun} could not be saved", error.message)

    # -- printing and importing ---------------------------------------------------------------
    def preview(self, kind: str) -> Job:
        from ui.print_preview import preview_document

        self.context.flush()
        return preview_document(self.context, kind, self.owner)

    def import_actions(self) -> Job | None:
        if self.job is not None:
            return None
        from ui.import_actions import choose_and_import

        self.job = choose_and_import(self.context, self.owner, self._imported)
        return self.job

    def _imported(self) -> None:
        self.job = None


def export_button(menu: ExportMenu) -> QToolButton:
    """The workspace header's button for the same menu (the menu bar has it too)."""
    button = QToolButton()
    button.setText("Export")
    button.setToolTip("Save or print the audit's documents: minutes, summary, action log…")
    button.setAccessibleName("Export")
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    button.setMenu(menu)
    return button
