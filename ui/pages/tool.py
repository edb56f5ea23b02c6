"""The audit tool: the domains agencies grade their work in, and the grading scale they use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QColorDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from panel_app.errors import DomainError
from panel_app.services import audit_tool, audits
from ui import msgbox
from ui.binding import FieldBinder, FieldWidget, error_label, field_row
from ui.form import Form
from ui.pages.base import Page
from ui.undo import Edit

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


def grades(count: int) -> str:
    return "The 1 grade" if count == 1 else f"The {count} grades"


@dataclass(frozen=True)
class Listed:
    """One line of a tool list: a domain or a grade."""

    id: int
    text: str
    grades_given: int
    colour: str | None = None
    tooltip: str = ""


class ToolListModel(QAbstractTableModel):
    """The domains, or the grades of the scale, in order, with how often each was used."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self._headings = (heading, "Grades given")
        self._rows: list[Listed] = []

    def set_rows(self, rows: Sequence[Listed]) -> None:
        if [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = list(rows)
            if self._rows:  # same records: keep the selection, just redraw
                self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 1))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Listed]:
        return list(self._rows)

    def row_of(self, ident: int | None) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == ident), None)

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headings[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.text if column == 0 else str(row.grades_given)
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and row.colour:
            return QColor(row.colour)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0 and row.tooltip:
            return row.tooltip
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None


@dataclass(frozen=True)
class Kind:
    """What a list editor edits, as service calls: domains or grades."""

    noun: str
    heading: str
    fields: tuple[str, str]  # the name, then the other field
    rows: Callable[[Session, int], list[Listed]]
    add: Callable[[Session, int, str, str], int]
    get: Callable[[Session, int], Any]
    update: Callable[..., Any]
    delete: Callable[[Session, int], None]
    move: Callable[[Session, int, int], None]
    given: Callable[[Session, int], int]


DOMAINS = Kind(
    noun="domain",
    heading="Domain",
    fields=("name", "description"),
    rows=lambda s, audit_id: [
        Listed(r.id, r.name, r.grades_given, None, r.description)
        for r in audit_tool.domain_rows(s, audit_id)
    ],
    add=lambda s, audit_id, name, other: audit_tool.add_domain(s, audit_id, name, other).id,
    get=audit_tool.get_domain,
    update=audit_tool.update_domain,
    delete=audit_tool.delete_domain,
    move=audit_tool.move_domain,
    given=audit_tool.grades_given_for_domain,
)
GRADES = Kind(
    noun="grade",
    heading="Grade (best first)",
    fields=("label", "colour"),
    rows=lambda s, audit_id: [
        Listed(r.id, r.label, r.grades_given, r.colour) for r in audit_tool.level_rows(s, audit_id)
    ],
    add=lambda s, audit_id, name, other: audit_tool.add_grade_level(s, audit_id, name, other).id,
    get=audit_tool.get_grade_level,
    update=audit_tool.update_grade_level,
    delete=audit_tool.delete_grade_level,
    move=audit_tool.move_grade_level,
    given=audit_tool.grades_given_with_level,
)


@dataclass
class Tracked:
    """A domain or grade across undo and redo: putting a deleted one back gives it a new id."""

    id: int
    values: tuple[str, str] = ("", "")
    position: int = 0


class RecordBinder(FieldBinder):
    """A field of whichever record the list beside it shows. An edit is undone on the record it
    was made on, even if another has been selected since."""

    def __init__(self, editor: ListEditor, widget: FieldWidget, label: str, name: str) -> None:
        kind = editor.kind

        def load(session: Session) -> Any:
            ident = editor.shown_id
            return None if ident is None else getattr(kind.get(session, ident), name)

        def save(session: Session, value: Any) -> None:
            if editor.shown_id is not None:
                kind.update(session, editor.shown_id, **{name: value})

        self.error_line = error_label()
        super().__init__(
            editor.context, widget, label=label, load=load, save=save, what="tool",
            error=self.error_line,
        )  # fmt: skip
        self.editor, self.name = editor, name

    def commit(self) -> str:
        # The Edit pushed by the base class keeps this, so undo knows the record.
        self._write_back = partial(self._write_to, self.editor.shown_id)  # type: ignore[method-assign]
        return super().commit()

    def _write_to(self, ident: int | None, value: Any) -> None:
        if ident is None:
            return
        target = self.editor.resolve(ident)
        if target == self.editor.shown_id:
            FieldBinder._write_back(self, value)
            return
        kind = self.editor.kind
        self.context.write(lambda s: kind.update(s, target, **{self.name: value}), "tool")
        self.editor.reload_list()
        self.editor.select(target)  # show the user what was undone


class ColourChooser:
    """The colour dialog; ``choose`` is the seam tests patch."""

    @classmethod
    def choose(cls, parent: QWidget, current: str, title: str) -> str | None:
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            return None
        colour = QColorDialog.getColor(QColor(current), parent, title)
        return colour.name().upper() if colour.isValid() else None


class ListEditor(QGroupBox):
    """An ordered list of domains or grades, with a form beside it for the selected one."""

    def __init__(self, context: AuditContext, kind: Kind, title: str, list_label: str) -> None:
        super().__init__(title)
        self.context, self.kind = context, kind
        self.shown_id: int | None = None
        self._replaced: dict[int, int] = {}
        self._reloading = False
        self.model = ToolListModel(kind.heading)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(list_label.replace("&", ""))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selected())
        self.view.doubleClicked.connect(lambda _index: self.focus_name())
        self.view.installEventFilter(self)
        heading = QLabel(list_label)
        heading.setBuddy(self.view)

        self.buttons = QHBoxLayout()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.binders: list[RecordBinder] = []
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addLayout(self.buttons)
        layout.addLayout(self.form)

    def button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(lambda _checked=False: slot())
        self.buttons.addWidget(button)
        return button

    def standard_buttons(self, add: str, delete: str) -> None:
        noun = self.kind.noun
        self.add_button = self.button(add, f"Add a {noun} at the end (Insert)", self.add)
        self.delete_button = self.button(
            delete, f"Delete the selected {noun} (Delete)", self.delete
        )
        self.up_button = self.button(
            "Move up", f"Move the {noun} up (Ctrl+Up)", lambda: self.move_by(-1)
        )
        self.down_button = self.button(
            "Move down", f"Move the {noun} down (Ctrl+Down)", lambda: self.move_by(1)
        )
        self.buttons.addStretch(1)

    def add_field(
        self, text: str, name: str, widget: FieldWidget, extra: QWidget | None = None
    ) -> RecordBinder:
        binder = RecordBinder(self, widget, text.replace("&", ""), name)
        label = QLabel(text)
        label.setBuddy(widget)
        row: QWidget = field_row(widget, binder.error_line)
        if extra is not None:
            box = QWidget()
            line = QHBoxLayout(box)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(row, 1)
            line.addWidget(extra, 0, Qt.AlignmentFlag.AlignTop)
            row = box
        self.form.addRow(label, row)
        self.binders.append(binder)
        return binder

    # -- reading ------------------------------------------------------------------------------
    def resolve(self, ident: int) -> int:
        """The id a record has now, if it was deleted and put back since ``ident`` was noted."""
        while ident in self._replaced:
            ident = self._replaced[ident]
        return ident

    def replaced(self, old: int, new: int) -> None:
        self._replaced[old] = new

    def reload_list(self) -> None:
        """Read the list again, keeping the selected record (the form is left alone)."""
        rows = self.context.read(lambda s: self.kind.rows(s, self.context.audit_id))
        self._reloading = True
        try:
            self.model.set_rows(rows)
            row = self.model.row_of(self.shown_id)
            if row is not None:
                self.view.selectRow(row)
        finally:
            self._reloading = False
        if row is None:  # the record shown has gone: show its neighbour, or nothing
            self._show(self._current_id())
        self._enable()

    def reload(self) -> None:
        self.reload_list()
        if self.shown_id is None and self.model.rowCount():
            self.view.selectRow(0)
        self._show(self._current_id())

    def _current_id(self) -> int | None:
        rows = self.model.rows()
        if not rows:
            return None
        row = self.view.currentIndex().row()
        return rows[max(0, min(row, len(rows) - 1))].id

    def _enable(self) -> None:
        row = self.model.row_of(self.shown_id)
        count = self.model.rowCount()
        self.delete_button.setEnabled(row is not None)
        self.up_button.setEnabled(row is not None and row > 0)
        self.down_button.setEnabled(row is not None and row < count - 1)
        for binder in self.binders:
            binder.widget.setEnabled(self.shown_id is not None)

    def _show(self, ident: int | None) -> None:
        self.shown_id = ident
        row = self.model.row_of(ident)
        if row is not None and self.view.currentIndex().row() != row:
            self._reloading = True
            self.view.selectRow(row)
            self._reloading = False
        for binder in self.binders:
            binder.refresh()
        self._enable()

    def _selected(self) -> None:
        if self._reloading:
            return
        if self.commit() and self.shown_id is not None:
            self.select(self.shown_id)  # stay until the refused text is put right
            return
        self._show(self._current_id())

    def select(self, ident: int) -> None:
        row = self.model.row_of(ident)
        if row is None:
            return
        self._reloading = True
        self.view.selectRow(row)
        self._reloading = False
        if ident != self.shown_id:
            self._show(ident)

    def commit(self) -> list[str]:
        return [message for binder in self.binders if (message := binder.commit())]

    def focus_name(self) -> None:
        widget = self.binders[0].widget
        widget.setFocus()
        if isinstance(widget, QLineEdit):
            widget.selectAll()

    # -- changing -----------------------------------------------------------------------------
    def add(self) -> None:
        if self.commit():
            return
        taken = {row.text.lower() for row in self.model.rows()}
        name, n = f"New {self.kind.noun}", 2
        while name.lower() in taken:
            name, n = f"New {self.kind.noun} {n}", n + 1
        other = "#808080" if self.kind is GRADES else ""
        audit_id = self.context.audit_id
        ident = self.context.write(lambda s: self.kind.add(s, audit_id, name, other), "tool")
        tracked = Tracked(ident)
        self.context.undo.push(
            Edit(f"Add {self.kind.noun} '{name}'", partial(self._put, tracked), False, True)
        )
        self.reload_list()
        self.select(ident)
        self.focus_name()

    def delete(self) -> None:
        ident = self.shown_id
        if ident is None:
            return
        row = self.model.row_of(ident) or 0
        name = self.model.rows()[row].text
        given = self.context.read(lambda s: self.kind.given(s, ident))
        if given:
            lost = f"{grades(given)} given for it will be lost"
            if self.kind is GRADES:
                lost = f"{grades(given)} given as '{name}' will be cleared"
            detail = f"{lost}; Undo brings the {self.kind.noun} back, but not those grades."
        else:
            detail = "No grades have been given for it yet; Undo brings it back."
        if not msgbox.Question.ask(self, f"Delete {self.kind.noun}", f"Delete '{name}'? {detail}"):
            return
        tracked = Tracked(ident)
        self._put(tracked, False, check=False)
        self.context.undo.push(
            Edit(f"Delete {self.kind.noun} '{name}'", partial(self._put, tracked), True, False)
        )

    def _put(self, tracked: Tracked, present: bool, check: bool = True) -> None:
        """Delete the record, or put it back where it was (undo and redo of add and delete)."""
        audit_id, kind = self.context.audit_id, self.kind
        if present:
            name, other = tracked.values

            def restore(session: Session) -> int:
                ident = kind.add(session, audit_id, name, other)
                kind.move(session, ident, tracked.position)
                return ident

            new_id = self.context.write(restore, "tool")
            self.replaced(tracked.id, new_id)
            tracked.id = new_id
            self.reload_list()
            self.select(new_id)
            return
        ident = self.resolve(tracked.id)
        given = self.context.read(lambda s: kind.given(s, ident))
        record = self.context.read(lambda s: kind.get(s, ident))
        values = tuple(getattr(record, f) for f in kind.fields)
        if check and given:
            raise DomainError(
                f"'{values[0]}' has been used in {given} grades since, so it was not deleted. "
                f"Select it and use Delete {kind.noun} if you mean to lose them."
            )
        tracked.values = (values[0], values[1])
        tracked.position = self.model.row_of(ident) or 0
        self.context.write(lambda s: kind.delete(s, ident), "tool")
        self.reload_list()

    def move_by(self, step: int) -> None:
        ident = self.shown_id
        row = self.model.row_of(ident)
        if ident is None or row is None or not 0 <= row + step < self.model.rowCount():
            return
        self._move_to(ident, row + step)
        name = self.model.rows()[row + step].text
        where = "up" if step < 0 else "down"
        self.context.undo.push(
            Edit(f"Move '{name}' {where}", partial(self._move_to, ident), row, row + step)
        )

    def _move_to(self, ident: int, position: int) -> None:
        target = self.resolve(ident)
        self.context.write(lambda s: self.kind.move(s, target, position), "tool")
        self.reload_list()
        self.select(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, control = event.key(), event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if control and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_by(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key == Qt.Key.Key_Delete:
                self.delete()
                return True
            if key == Qt.Key.Key_Insert:
                self.add()
                return True
            if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.focus_name()
                return True
        return False


class ToolPage(Page):
    title = "Audit tool"
    purpose = (
        "The domains each agency grades its work in, and the grading scale. Changes save as "
        "you type; Ctrl+Z undoes them."
    )

    def __init__(self, context: AuditContext) -> None:
        super().__init__(context)
        body = self.scrolling_body()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QFormLayout()
        self.tool = Form(
            context, top, record_id=lambda: context.audit_id, get=audits.get_audit,
            update=audits.update_audit, what="audit",
        )  # fmt: skip
        self.tool_name = self.tool.line("&Tool name", "tool_name", "Multi-agency case audit tool")
        self.graded = self.tool.flag("Agencies gi&ve grades", "graded")
        self.graded.setToolTip("Untick for an audit where agencies give no grades")
        layout.addLayout(top)

        self.domains = ListEditor(
            context, DOMAINS, "Domains", "Domains (&question areas), in the order asked"
        )
        self.domains.standard_buttons("Add doma&in", "&Delete domain…")
        self.domain_name = QLineEdit()
        self.domains.add_field("Na&me", "name", self.domain_name)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText("What auditors should look for in this domain")
        self.description.setMaximumHeight(self.description.fontMetrics().lineSpacing() * 4 + 12)
        self.domains.add_field("De&scription", "description", self.description)

        self.scale = ListEditor(context, GRADES, "Grading scale", "Grades, &best first")
        self.scale.standard_buttons("Add &grade", "Rem&ove grade…")
        self.label = QLineEdit()
        self.scale.add_field("Grade &name", "label", self.label)
        self.colour = QLineEdit()
        self.colour.setPlaceholderText("#2E7D32")
        self.colour.setMaximumWidth(110)
        self.pick = QPushButton("Pic&k colour…")
        self.pick.setToolTip("Choose the grade's colour from a palette")
        self.pick.setAccessibleName("Pick colour")
        self.pick.clicked.connect(self.pick_colour)
        self.colour_binder = self.scale.add_field("Colo&ur", "colour", self.colour, self.pick)
        self.standard = QPushButton("Use a standard s&cale")
        self.standard.setAccessibleName("Use a standard scale")
        self.standard.setToolTip("Replace the scale with Ofsted's four grades or red, amber, green")
        menu = QMenu(self.standard)
        self.ofsted_action = menu.addAction(
            "&Ofsted: Outstanding, Good, Requires improvement, Inadequate"
        )
        self.ofsted_action.triggered.connect(
            lambda: self.use_scale(audit_tool.OFSTED_SCALE, "the Ofsted-style scale")
        )
        self.rag_action = menu.addAction("&Red, amber, green")
        self.rag_action.triggered.connect(
            lambda: self.use_scale(audit_tool.RAG_SCALE, "red, amber, green")
        )
        self.standard.setMenu(menu)
        self.scale.form.addRow("", self.standard)

        lists = QHBoxLayout()
        lists.addWidget(self.domains, 3)
        lists.addWidget(self.scale, 2)
        layout.addLayout(lists, 1)
        context.changed.connect(self._changed)

    # -- the screen ---------------------------------------------------------------------------
    def reload(self) -> None:
        self.tool.refresh()
        self.domains.reload()
        self.scale.reload()
        self._graded()

    def leave(self) -> None:
        for binder in self.tool.binders.values():
            binder.commit()
        self.domains.commit()
        self.scale.commit()

    def _changed(self, what: str) -> None:
        if what == "tool":
            self.domains.reload_list()
            self.scale.reload_list()
        elif what == "audit":
            self._graded()

    def _graded(self) -> None:
        audit_id = self.context.audit_id
        graded = self.context.read(lambda s: audits.get_audit(s, audit_id).graded)
        self.scale.setEnabled(graded)
        self.scale.setTitle("Grading scale" if graded else "Grading scale (not used: no grades)")

    # -- the scale ----------------------------------------------------------------------------
    def pick_colour(self) -> None:
        chosen = ColourChooser.choose(self, self.colour.text(), "Colour of the grade")
        if chosen is not None:
            self.colour.setText(chosen)
            self.colour_binder.commit()

    def use_scale(self, scale: Sequence[tuple[str, str]], name: str) -> None:
        audit_id = self.context.audit_id
        given = self.context.read(lambda s: audit_tool.grades_given(s, audit_id))
        if given and not msgbox.Question.ask(
            self,
            "Use a standard scale",
            f"Use {name}? {grades(given)} already given will be cleared; Undo brings back "
            "the old scale, but not those grades.",
        ):
            return
        old = tuple((row.text, row.colour or "") for row in self.scale.model.rows())
        self._replace_scale(tuple(scale), check=False)
        self.context.undo.push(Edit(f"Use {name}", self._replace_scale, old, tuple(scale)))

    def _replace_scale(self, scale: tuple[tuple[str, str], ...], check: bool = True) -> None:
        audit_id = self.context.audit_id
        if check and self.context.read(lambda s: audit_tool.grades_given(s, audit_id)):
            raise DomainError(
                "Grades have been given on this scale since, so it was left as it is. Use a "
                "standard scale again if you mean to clear them."
            )
        before = [row.id for row in self.scale.model.rows()]
        self.context.write(lambda s: audit_tool.use_scale(s, audit_id, scale), "tool")
        self.scale.reload_list()
        after = [row.id for row in self.scale.model.rows()]
        for old, new in zip(before, after, strict=False):
            self.scale.replaced(old, new)
        self.scale.reload()
