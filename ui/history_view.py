"""The change history of an audit, one of its cases or one of its actions, newest first, in
plain English; the whole of a long value (a summary before and after) shown for the chosen line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from panel_app.history import lines

if TYPE_CHECKING:
    from ui.context import AuditContext

Index = QModelIndex | QPersistentModelIndex
WHOLE_AUDIT = "audit:0"


class HistoryModel(QAbstractListModel):
    """A list model over ``HistoryLine``s."""

    def __init__(self) -> None:
        super().__init__()
        self._lines: list[lines.HistoryLine] = []

    def set_lines(self, found: list[lines.HistoryLine]) -> None:
        self.beginResetModel()
        self._lines = list(found)
        self.endResetModel()

    def line(self, row: int) -> lines.HistoryLine:
        return self._lines[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line = self._lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return line.text + (" (amendment)" if line.amendment else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            return detail(line)
        return None


def detail(line: lines.HistoryLine) -> str:
    """Everything about one line: the sentence, then the whole of each value."""
    parts = [line.text]
    if line.amendment:
        parts.append(f"Made as an amendment to the approved minutes, because: {line.amendment}")
    if line.old:
        parts.append(f"Before:\n{line.old}")
    if line.new:
        parts.append(f"{'After' if line.old else 'Text'}:\n{line.new}")
    return "\n\n".join(parts)


class HistoryDialog(QDialog):
    def __init__(
        self,
        context: AuditContext,
        *,
        case_id: int | None = None,
        action_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Change history")
        self.resize(900, 560)
        self.what = QComboBox()
        self.what.setAccessibleName("Show the history of")
        shown = QLabel("&Show the history of:")
        shown.setBuddy(self.what)
        self.model = HistoryModel()
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAccessibleName("Changes, newest first")
        self.view.selectionModel().currentChanged.connect(self._chosen)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("The chosen change in full")
        self.details.setPlaceholderText("Choose a change to see it in full.")
        self.empty = QLabel("Nothing has been recorded here yet.")
        self.empty.setObjectName("pagePurpose")
        top = QHBoxLayout()
        top.addWidget(shown)
        top.addWidget(self.what, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.details)
        split.setSizes([380, 140])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.remove_words = buttons.addButton(
            "&Remove words…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.remove_words.setToolTip(
            "Take words typed by mistake (a child's real name) out of the change history"
        )
        self.remove_words.clicked.connect(self._remove_words)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)
        self._fill_choices()
        wanted = f"case:{case_id}" if case_id else f"action:{action_id}" if action_id else None
        index = self.what.findData(wanted) if wanted else 0
        self.what.setCurrentIndex(max(index, 0))
        self.what.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def _fill_choices(self) -> None:
        found = self.context.read(lambda s: lines.choices(s, self.context.audit_id))
        self.what.addItem("The whole audit", WHOLE_AUDIT)
        for ident, name in found.cases:
            self.what.addItem(f"Case: {name}", f"case:{ident}")
        for ident, name in found.actions:
            self.what.addItem(f"Action: {name}", f"action:{ident}")

    def reload(self) -> None:
        kind, number = str(self.what.currentData() or WHOLE_AUDIT).split(":")
        ident = int(number)

        def read(session: Any) -> list[lines.HistoryLine]:
            if kind == "case":
                return lines.case_history(session, ident)
            if kind == "action":
                return lines.action_history(session, ident)
            return lines.audit_history(session, self.context.audit_id)

        self.model.set_lines(self.context.read(read))
        self.empty.setVisible(self.model.rowCount() == 0)
        self.details.clear()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def _remove_words(self) -> None:
        from ui.history_removal import RemoveWordsDialog

        chosen = self.details.textCursor().selectedText().replace("\u2029", " ")
        if RemoveWordsDialog.run(self.context, chosen, self):
            self.reload()

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.details.setPlainText(detail(self.model.line(current.row())))


def show_history(
    context: AuditContext,
    parent: QWidget | None = None,
    *,
    case_id: int | None = None,
    action_id: int | None = None,
) -> HistoryDialog:
    """Open the history (not modal: the chair can keep it beside the screen)."""
    dialog = HistoryDialog(context, case_id=case_id, action_id=action_id, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
