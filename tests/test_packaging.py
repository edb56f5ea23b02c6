"""The installed package works away from the source tree: migrations, resources, demo, CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    (built,) = out.glob("audit_panel-*.whl")
    return built


def test_the_wheel_carries_migrations_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "db/migrations/versions/0001_initial_schema.py" in names
    assert "db/migrations/versions/0002_undated_meetings_minutes_per_case.py" in names
    assert "db/migrations/script.py.mako" in names
    assert "resources/style.qss" in names
    assert "resources/icons/audit-panel.svg" in names
    demo = [name for name in names if name.startswith("resources/demo/")]
    assert len([name for name in demo if name.endswith(".json")]) == 3
    assert not [name for name in names if name.startswith("tests/")]


def test_the_installed_app_runs_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONSAFEPATH": "1"}
    url = f"sqlite:///{tmp_path / 'installed.db'}"
    result = subprocess.run(
        [sys.executable, "-m", "panel_app", "--database", url, "demo"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("(added)") == 3
    where = subprocess.run(
        [sys.executable, "-c", "import panel_app; print(panel_app.__file__)"],
        cwd=elsewhere, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert where.startswith(str(target))
