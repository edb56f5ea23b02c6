"""Completion of an action's owner from the audit's agencies and roles, best matches first and
in panel mode's text size (a completer's list is a window of its own, outside its style)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QStringListModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit

from panel_app.panel.capture import rank_owners


class OwnerCompleter(QCompleter):
    def __init__(self, owners: Sequence[str], parent: QObject | None = None) -> None:
        self.owners = list(owners)
        self.names = QStringListModel(self.owners)
        super().__init__(self.names, parent)
        self.names.setParent(self)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setMaxVisibleItems(8)

    def attach(self, line: QLineEdit) -> None:
        """Complete as ``line`` is typed in (its own completer)."""
        line.setCompleter(self)
        line.textEdited.connect(self.rank)

    def rank(self, typed: str) -> None:
        """Order the owners for what is typed; the completer then keeps those that match."""
        ranked = rank_owners(typed, self.owners)
        if ranked != self.names.stringList():
            self.names.setStringList(ranked)
        widget = self.widget()
        if widget is not None:
            self.list_view().setFont(widget.font())

    def list_view(self) -> QAbstractItemView:
        popup = self.popup()
        assert popup is not None  # a completer always has its list
        return popup
