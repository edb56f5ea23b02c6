"""The always-ready capture line: Enter records what was said at the current case and step.

A prefix (gp:, l:, a:, d:) or Ctrl+1…4 chooses the kind; an action's owner follows @ (with
completion) and its date follows "by". What is typed but not yet recorded is kept as a draft
after a pause of less than a second, and at least every second while typing goes on, so a crash
loses at most that second. When the database cannot take it (the disk is full, say), the line
keeps the text and says so, and the draft is tried again.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from panel_app.dates import format_short
from panel_app.errors import DomainError
from panel_app.panel.capture import KIND_LABELS, CaptureKind, parse_capture, split_prefix
from panel_app.panel.entries import Recorded
from ui import binding
from ui.binding import error_label
from ui.panel.action_prompt import ActionPrompt
from ui.panel.controller import PanelController
from ui.panel.owner_completer import OwnerCompleter

PLACEHOLDER = "Type, then Enter · gp: good practice · l: learning · a: action"


class CaptureLine(QWidget):
    recorded = Signal(object)

    def __init__(self, controller: PanelController) -> None:
        super().__init__()
        self.setObjectName("captureLine")
        self.controller = controller
        #: The kind chosen with Ctrl+1…4 or the list, for this line only.
        self.chosen: CaptureKind | None = None
        self._owner_chosen = False
        self.kind = QComboBox()
        for kind in CaptureKind:
            self.kind.addItem(KIND_LABELS[kind], kind.value)
        self.kind.setAccessibleName("Kind of entry")
        self.kind.setToolTip("Ctrl+1 discussion point · Ctrl+2 good practice · "
                             "Ctrl+3 learning · Ctrl+4 action")  # fmt: skip
        self.kind.activated.connect(self._kind_picked)
        kind_label = QLabel("&Kind")
        kind_label.setBuddy(self.kind)
        self.line = QLineEdit()
        self.line.setObjectName("captureEdit")
        self.line.setAccessibleName("Capture line")
        self.line.setPlaceholderText(PLACEHOLDER)
        self.line.setToolTip(
            "Enter records it at once, timestamped. An action's owner after @, its date after "
            "'by' (31/03/2018, +4w, end of March). Esc comes back here from anywhere."
        )
        self.line.setClearButtonEnabled(True)
        # Qt's default of 32,767 would cut a long paste short without a word: let the
        # services refuse what is too long, in plain words, with the text still here.
        self.line.setMaxLength(10_000_000)
        line_label = QLabel("&Capture")
        line_label.setBuddy(self.line)
        self.record_button = QPushButton("Record")
        self.record_button.setToolTip("Record the line (Enter)")
        self.record_button.setAccessibleName("Record the line")
        self.record_button.clicked.connect(self.commit)
        self.preview = QLabel()
        self.preview.setObjectName("panelQuiet")
        self.error = error_label()
        self.prompt = ActionPrompt(controller)
        self.prompt.finished.connect(self.line.setFocus)

        self.owners = OwnerCompleter(controller.owners, self)
        self.owners.setWidget(self.line)
        self.owners.activated.connect(self._insert_owner)

        self._saved_draft = controller.state.draft
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(binding.PAUSE_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self._draft_latest = QTimer(self)
        self._draft_latest.setSingleShot(True)
        self._draft_latest.setInterval(binding.MAX_WAIT_MS)
        self._draft_latest.timeout.connect(self.save_draft)
        self.line.textEdited.connect(self._typed)
        self.line.returnPressed.connect(self.commit)
        self.line.installEventFilter(self)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        layout.addWidget(line_label, 0, 0)
        layout.addWidget(self.line, 0, 1)
        layout.addWidget(kind_label, 0, 2)
        layout.addWidget(self.kind, 0, 3)
        layout.addWidget(self.record_button, 0, 4)
        layout.addWidget(self.preview, 1, 1, 1, 4)
        layout.addWidget(self.error, 2, 1, 1, 4)
        layout.addWidget(self.prompt, 3, 0, 1, 5)
        layout.setColumnStretch(1, 1)
        if self._saved_draft:
            self.line.setText(self._saved_draft)
        self.show_kind()

    # -- the kind --------------------------------------------------------------------------------
    def choose(self, kind: CaptureKind) -> None:
        """Ctrl+1…4: this line is of ``kind`` (a prefix typed in it still wins)."""
        self.chosen = kind
        self.show_kind()
        self.line.setFocus()

    def _kind_picked(self, _index: int) -> None:
        self.choose(CaptureKind(self.kind.currentData()))

    def step_changed(self) -> None:
        self.chosen = None
        self.show_kind()

    def show_kind(self) -> None:
        text = self.line.text()
        default = self.chosen or self.controller.default_kind()
        prefix, _rest = split_prefix(text)
        kind = prefix or default
        self.kind.blockSignals(True)
        self.kind.setCurrentIndex(list(CaptureKind).index(kind))
        self.kind.blockSignals(False)
        self.preview.setText(self._describe(text, default, kind))

    def _describe(self, text: str, default: CaptureKind, kind: CaptureKind) -> str:
        label = KIND_LABELS[kind]
        if kind is not CaptureKind.ACTION:
            return f"Enter records a {label.lower()}" if text.strip() else f"Next: {label.lower()}"
        try:
            parsed = parse_capture(text, default=default, owners=self.controller.owners)
        except DomainError:
            return "Next: action (owner after @, due date after 'by')"
        owner = f"owner {parsed.owner}" if parsed.owner else "owner to be asked"
        due = f"due {format_short(parsed.due_date)}" if parsed.due_date else "date to be asked"
        return f"Action · {owner} · {due}"

    # -- typing ----------------------------------------------------------------------------------
    def _typed(self, _text: str) -> None:
        self._owner_chosen = False
        self.error.setVisible(False)
        self.show_kind()
        self._draft_timer.start()
        if not self._draft_latest.isActive():
            self._draft_latest.start()
        self._offer_owners()

    def save_draft(self) -> None:
        """Keep what is typed (a pause, leaving panel mode, closing the window)."""
        self._draft_timer.stop()
        self._draft_latest.stop()
        text = self.line.text()
        if text == self._saved_draft:
            return
        try:
            self.controller.save_draft(text)
        except DomainError as refusal:
            self._refused(refusal.message)
            self._draft_latest.start()  # tried again; the text stays on the line meanwhile
            return
        self._saved_draft = text

    def _refused(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(True)

    def restore(self, draft: str) -> None:
        self.line.setText(draft)
        self._saved_draft = draft
        self.show_kind()

    def _owner_token(self) -> tuple[int, str] | None:
        before = self.line.text()[: self.line.cursorPosition()]
        at = before.rfind("@")
        if at < 0 or (at > 0 and not before[at - 1].isspace()):
            return None
        prefix, _rest = split_prefix(before)
        if (prefix or self.chosen or self.controller.default_kind()) is not CaptureKind.ACTION:
            return None
        return at, before[at + 1 :]

    def _offer_owners(self) -> None:
        token = self._owner_token()
        popup = self._popup()
        if token is None or any(o.lower() == token[1].lower() for o in self.controller.owners):
            popup.hide()
            return
        self.owners.rank(token[1])
        self.owners.setCompletionPrefix(token[1])
        if self.owners.completionCount() == 0:
            popup.hide()
            return
        rect = self.line.cursorRect()
        rect.setWidth(max(240, popup.sizeHintForColumn(0) + 24))
        self.owners.complete(rect)

    def _insert_owner(self, owner: str) -> None:
        token = self._owner_token()
        if token is None:
            return
        at, _typed = token
        text, cursor = self.line.text(), self.line.cursorPosition()
        inserted = f"@{owner} "
        self.line.setText(text[:at] + inserted + text[cursor:].lstrip())
        self.line.setCursorPosition(at + len(inserted))
        self._typed(self.line.text())
        # The completer passes the Enter that chose the owner on to the line: not a commit.
        self._owner_chosen = True
        QTimer.singleShot(0, self, self._owner_settled)

    def _owner_settled(self) -> None:
        self._owner_chosen = False

    # -- recording -------------------------------------------------------------------------------
    def commit(self) -> Recorded | None:
        if self._owner_chosen:
            self._owner_chosen = False
            return None
        self._popup().hide()
        text = self.line.text()
        if not text.strip():
            return None
        try:
            recorded = self.controller.capture(text, self.chosen)
        except DomainError as refusal:
            self._refused(refusal.message)
            return None
        self._draft_timer.stop()
        self._draft_latest.stop()
        self._saved_draft = ""
        # setText (not clear) so the line's own undo history goes: Ctrl+Z now undoes the entry.
        self.line.setText("")
        self.chosen = None
        self.show_kind()
        self.error.setText(recorded.warning)
        self.error.setVisible(bool(recorded.warning))
        entry = recorded.entry
        if entry.kind is CaptureKind.ACTION and not entry.smart:
            self.prompt.ask(entry)
        else:
            self.prompt.setVisible(False)
        self.recorded.emit(recorded)
        return recorded

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
            and not self.line.isUndoAvailable()
            and not self.line.isRedoAvailable()
        ):
            # Nothing typed to take back here: Ctrl+Z is the panel's undo (the last entry).
            event.ignore()
            return True
        return False

    def _popup(self) -> QAbstractItemView:
        return self.owners.list_view()
