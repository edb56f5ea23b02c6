"""The headless commands, run as a user would run them: a real process on a real file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from panel_app import __version__
from panel_app.database import open_database
from panel_app.demo import load_demo


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "panel_app", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def db_url(tmp_path: Path, sqlite_template: Path) -> str:
    """An empty, migrated database (copied: migrating in every process would be slow)."""
    shutil.copyfile(sqlite_template, tmp_path / "cli.db")
    return f"sqlite:///{tmp_path / 'cli.db'}"


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    shutil.copyfile(sqlite_template, path)
    database = open_database(f"sqlite:///{path}")
    with database.transaction() as session:
        load_demo(session)
    database.close()
    return path


@pytest.fixture
def demo_url(tmp_path: Path, demo_template: Path) -> str:
    """A database holding the demo audits, as ``audit-panel demo`` leaves it."""
    shutil.copyfile(demo_template, tmp_path / "cli.db")
    return f"sqlite:///{tmp_path / 'cli.db'}"


def test_version() -> None:
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"Audit Panel {__version__}"


def test_demo_twice_adds_nothing_the_second_time(db_url: str) -> None:
    first = cli("--database", db_url, "demo")
    assert first.returncode == 0, first.stderr
    assert first.stdout.count("(added)") == 3
    second = cli("--database", db_url, "demo")
    assert second.stdout.count("(already there)") == 3
    listed = cli("--database", db_url, "list").stdout.splitlines()
    assert len(listed) == 3
    ident, day, theme, title, status = listed[0].split("\t")
    assert ident.isdigit() and day.count("/") == 2 and theme and title and status


def test_the_environment_variable_chooses_the_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'from-env.db'}"
    assert cli("demo", env={"AUDIT_PANEL_DATABASE_URL": url}).returncode == 0
    assert (tmp_path / "from-env.db").exists()


def test_the_default_database_lives_in_the_data_folder(private_folders: Path) -> None:
    assert cli("list").returncode == 0
    assert (private_folders / "data" / "audit-panel" / "audit-panel.db").exists()


def test_export_then_import_gives_a_second_identical_audit(demo_url: str, tmp_path: Path) -> None:
    first_id = cli("--database", demo_url, "list").stdout.split("\t")[0]
    out = tmp_path / "audit.json"
    assert cli("--database", demo_url, "export-json", first_id, str(out)).returncode == 0
    imported = cli("--database", demo_url, "import-json", str(out))
    assert imported.returncode == 0, imported.stderr
    new_id = imported.stdout.split("as audit ")[1].strip()
    again = tmp_path / "again.json"
    cli("--database", demo_url, "export-json", new_id, str(again))
    assert json.loads(again.read_text()) == json.loads(out.read_text())


def test_errors_are_plain_english_on_stderr(db_url: str, tmp_path: Path) -> None:
    missing = cli("--database", db_url, "export-json", "999", str(tmp_path / "x.json"))
    assert missing.returncode == 1
    assert "There is no audit 999" in missing.stderr
    assert "Traceback" not in missing.stderr

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "audit-panel-archive", "version": 1}), encoding="utf-8")
    refused = cli("--database", db_url, "import-json", str(bad))
    assert refused.returncode == 1
    assert "cannot be imported" in refused.stderr and "Traceback" not in refused.stderr


def test_a_folder_that_cannot_be_written_is_explained(demo_url: str, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = cli("--database", demo_url, "export-json", "1", str(locked / "a.json"))
    finally:
        locked.chmod(0o700)
    if os.geteuid() == 0:  # root writes anywhere; the message path is covered by a file
        result = cli("--database", demo_url, "export-json", "1", str(tmp_path / "no" / "a.json"))
    assert result.returncode == 1
    assert result.stderr.startswith("audit-panel: Cannot write")


def test_a_damaged_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database" * 100)
    before = damaged.read_bytes()
    result = cli("--database", f"sqlite:///{damaged}", "list")
    assert result.returncode == 1
    assert "damaged" in result.stderr or "not an Audit Panel database" in result.stderr
    assert damaged.read_bytes() == before


def test_headless_commands_never_import_qt(db_url: str) -> None:
    code = (
        "import sys\n"
        "from panel_app.cli import run\n"
        f"run(['--database', {db_url!r}, 'demo'])\n"
        f"run(['--database', {db_url!r}, 'list'])\n"
        "assert not [m for m in sys.modules if m.startswith(('PySide6', 'ui'))], 'Qt imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("kind", "suffix", "magic"),
    [
        ("minutes", ".pdf", b"%PDF"),
        ("summary", ".docx", b"PK"),
        ("actions", ".xlsx", b"PK"),
        ("briefing", ".pdf", b"%PDF"),
        ("case-summaries", ".pdf", b"%PDF"),
        ("participation", ".xlsx", b"PK"),
    ],
)
def test_export_writes_each_document(
    demo_url: str, tmp_path: Path, kind: str, suffix: str, magic: bytes
) -> None:
    out = tmp_path / f"{kind}{suffix}"
    result = cli("--database", demo_url, "export", kind, "1", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(magic)


def test_export_explains_a_wrong_kind_or_format(demo_url: str, tmp_path: Path) -> None:
    wrong = cli("--database", demo_url, "export", "minutes", "1", "-o", str(tmp_path / "m.xlsx"))
    assert wrong.returncode == 1
    assert "can be saved as PDF (.pdf) or Word (.docx)" in wrong.stderr
    unknown = cli("--database", demo_url, "export", "poster", "1", "-o", str(tmp_path / "p.pdf"))
    assert "There is no document called 'poster'" in unknown.stderr
    missing = cli("--database", demo_url, "export", "minutes", "99", "-o", str(tmp_path / "m.pdf"))
    assert "There is no audit 99" in missing.stderr
