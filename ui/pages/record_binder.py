"""A field of whichever domain or grade the list beside it shows."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from ui.binding import FieldBinder, FieldWidget, error_label

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from ui.pages.list_editor import ListEditor


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
