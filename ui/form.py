"""Forms over one record: each row a label (with its mnemonic), a widget, and its error line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)

from ui.binding import FieldBinder, FieldWidget, error_label, field_row, fill_choices

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.context import AuditContext

Getter = Callable[["Session", int], Any]
Updater = Callable[..., Any]


class Form:
    """Binds widgets to the fields of the record ``record_id()`` names (it may change, as when
    a list beside the form selects another case)."""

    def __init__(
        self,
        context: AuditContext,
        layout: QFormLayout,
        *,
        record_id: Callable[[], int | None],
        get: Getter,
        update: Updater,
        what: str,
    ) -> None:
        self.context, self.layout, self.record_id = context, layout, record_id
        self.get, self.update, self.what = get, update, what
        self.binders: dict[str, FieldBinder] = {}
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

    def add(self, text: str, field: str, widget: FieldWidget, help_text: str = "") -> FieldBinder:
        error = error_label()
        name = text.replace("&", "")

        def load(session: Session) -> Any:
            ident = self.record_id()
            return None if ident is None else getattr(self.get(session, ident), field)

        def save(session: Session, value: Any) -> None:
            ident = self.record_id()
            if ident is not None:
                self.update(session, ident, **{field: value})

        binder = FieldBinder(
            self.context, widget, label=name, load=load, save=save, what=self.what, error=error
        )
        label = QLabel(text)
        label.setBuddy(widget)
        if help_text:
            widget.setToolTip(help_text)
        self.layout.addRow(label, field_row(widget, error))
        self.binders[field] = binder
        return binder

    def line(self, text: str, field: str, placeholder: str = "", help_text: str = "") -> QLineEdit:
        widget = QLineEdit()
        widget.setPlaceholderText(placeholder)
        self.add(text, field, widget, help_text)
        return widget

    def date(self, text: str, field: str) -> QLineEdit:
        widget = self.line(
            text, field, "dd/mm/yyyy", "Type a date such as 31/03/2017, 10 May 2017 or +4w."
        )
        widget.setMaximumWidth(160)
        return widget

    def time(self, text: str, field: str) -> QLineEdit:
        widget = self.line(text, field, "hh:mm", "Type a time such as 09:30 or 13:45.")
        widget.setMaximumWidth(100)
        return widget

    def long(self, text: str, field: str, lines: int = 4, placeholder: str = "") -> QPlainTextEdit:
        widget = QPlainTextEdit()
        widget.setTabChangesFocus(True)
        widget.setPlaceholderText(placeholder)
        widget.setMinimumHeight(widget.fontMetrics().lineSpacing() * lines + 12)
        self.add(text, field, widget)
        return widget

    def choice(self, text: str, field: str, choices: Sequence[tuple[str, Any]]) -> QComboBox:
        widget = QComboBox()
        fill_choices(widget, choices)
        self.add(text, field, widget)
        return widget

    def flag(self, text: str, field: str) -> QCheckBox:
        widget = QCheckBox()
        self.add(text, field, widget)
        return widget

    def number(
        self, text: str, field: str, lowest: int, highest: int, suffix: str = ""
    ) -> QSpinBox:
        widget = QSpinBox()
        widget.setRange(lowest, highest)
        widget.setSuffix(suffix)
        widget.setMaximumWidth(120)
        self.add(text, field, widget)
        return widget

    def refresh(self) -> None:
        for binder in self.binders.values():
            binder.refresh()

    def set_enabled(self, enabled: bool) -> None:
        for binder in self.binders.values():
            binder.widget.setEnabled(enabled)
