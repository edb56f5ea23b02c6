"""The layers of STYLE.md, enforced: db/ and panel_app/ never import Qt or ui/, and ui/ never
talks to the database except through panel_app's services."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# panel_app/gui.py starts the GUI: it alone may import ui, and only inside a function.
GUI_ENTRY = ROOT / "panel_app" / "gui.py"


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """Imports under ``if TYPE_CHECKING:`` are names for the type checker, never run."""
    hidden: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            for child in node.body:
                hidden.update(ast.walk(child))
    return hidden


def imports(path: Path, *, top_level_only: bool = False) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = _type_checking_only(tree)
    nodes = [n for n in (tree.body if top_level_only else ast.walk(tree)) if n not in hidden]
    found: list[str] = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def forbidden(names: list[str], prefixes: tuple[str, ...]) -> list[str]:
    return [n for n in names if any(n == p or n.startswith(p + ".") for p in prefixes)]


@pytest.mark.parametrize("package", ["db", "panel_app"])
def test_core_layers_import_no_qt_and_no_ui(package: str) -> None:
    problems = {}
    for path in modules(package):
        names = imports(path, top_level_only=path == GUI_ENTRY)
        bad = forbidden(names, ("PySide6", "shiboken6", "ui"))
        if bad:
            problems[str(path.relative_to(ROOT))] = bad
    assert problems == {}


def test_db_does_not_import_panel_app() -> None:
    problems = {
        str(p.relative_to(ROOT)): forbidden(imports(p), ("panel_app",))
        for p in modules("db")
        if forbidden(imports(p), ("panel_app",))
    }
    assert problems == {}


def test_ui_never_touches_the_database_directly() -> None:
    problems = {
        str(p.relative_to(ROOT)): forbidden(imports(p), ("sqlalchemy", "db.engine", "db.schema"))
        for p in modules("ui")
        if forbidden(imports(p), ("sqlalchemy", "db.engine", "db.schema"))
    }
    assert problems == {}


def test_the_gui_entry_imports_ui_lazily() -> None:
    assert "ui.app" in imports(GUI_ENTRY)
    assert forbidden(imports(GUI_ENTRY, top_level_only=True), ("ui", "PySide6")) == []


def test_the_check_sees_a_violation(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("from PySide6.QtWidgets import QWidget\nimport ui.app\n")
    assert forbidden(imports(sample), ("PySide6", "ui")) == ["PySide6.QtWidgets", "ui.app"]


def test_type_checking_imports_are_not_counted(tmp_path: Path) -> None:
    sample = tmp_path / "typed.py"
    sample.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from sqlalchemy.orm import Session\n"
        "def f() -> None:\n    import sqlalchemy\n"
    )
    assert forbidden(imports(sample), ("sqlalchemy",)) == ["sqlalchemy"]


def test_the_first_window_does_not_wait_for_the_database_layer() -> None:
    """The main window paints before SQLAlchemy, Alembic or openpyxl are imported."""
    import subprocess
    import sys

    code = (
        "import sys, ui.app\n"
        "heavy = ('sqlalchemy', 'alembic', 'openpyxl', 'reportlab')\n"
        "late = [m for m in heavy if m in sys.modules]\n"
        "assert not late, late\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
