"""Nothing committed is lost when the laptop dies mid-sentence: a real panel-mode process is
killed with SIGKILL while typing (a line in the capture line, or the case's conclusion), then
started again; the database file must pass SQLite's integrity check each time."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from db.models import DiscussionPoint
from panel_app.database import Database, open_database
from panel_app.demo import load_demo

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX"),
]

DRIVER = Path(__file__).resolve().parent / "panel_driver.py"
KILL_AFTER = 10  # entries: the driver then pauses mid-line (a draft is kept) and types on
#: A driver that never gets where the test waits for (its typing refused) is killed: the test
#: then fails on what it read instead of waiting for ever.
DEADLINE = 240


def driver(
    url: str, audit_id: int, mode: str, platform: str = "offscreen"
) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": platform}
    process = subprocess.Popen(
        [sys.executable, str(DRIVER), url, str(audit_id), mode],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    watchdog = threading.Timer(DEADLINE, process.kill)
    watchdog.daemon = True
    watchdog.start()
    return process


def test_a_killed_panel_keeps_every_committed_entry_and_reopens_where_it_was(
    sqlite_database: Database,
) -> None:
    with sqlite_database.transaction() as session:
        audit_id = next(r.audit_id for r in load_demo(session) if "Neglect" in r.title)
    url = sqlite_database.url
    sqlite_database.close()

    running = driver(url, audit_id, "type")
    assert running.stdout is not None
    committed: list[int] = []
    position = draft = ""
    try:
        for line in running.stdout:
            word, _, rest = line.strip().partition(" ")
            if word == "POSITION":
                position = rest
            elif word == "ENTRY":
                kind, ident = rest.split()
                assert kind == "point"
                committed.append(int(ident))
            elif word == "DRAFT":
                draft = rest
            elif word == "TYPING" and draft and len(committed) >= KILL_AFTER:
                running.send_signal(signal.SIGKILL)  # part-way through a word
                break
    finally:
        running.kill()
        _out, errors = running.communicate(timeout=30)
    assert running.returncode == -signal.SIGKILL, errors
    assert len(committed) >= KILL_AFTER and draft.startswith("The chair asked")

    reopened = open_database(url)  # refuses a damaged file
    try:
        with reopened.transaction() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            stored = {
                point.id: point.text
                for point in session.query(DiscussionPoint).filter(
                    DiscussionPoint.id.in_(committed)
                )
            }
    finally:
        reopened.close()
    assert sorted(stored) == sorted(committed)
    assert all(words.startswith("Entry ") for words in stored.values())

    # Started again: straight into panel mode, on the same case and step, the draft restored.
    again = driver(url, audit_id, "report")
    out, errors = again.communicate(timeout=60)
    assert again.returncode == 0, errors
    report = dict(line.partition(" ")[::2] for line in out.splitlines() if line)
    assert report["POSITION"] == position
    assert report.get("LINE", "").startswith(draft)


def neglect_audit(database: Database) -> tuple[str, int]:
    with database.transaction() as session:
        audit_id = next(r.audit_id for r in load_demo(session) if "Neglect" in r.title)
    url = database.url
    database.close()
    return url, audit_id


def intact(url: str) -> None:
    reopened = open_database(url)  # refuses a damaged file
    try:
        with reopened.transaction() as session:
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
    finally:
        reopened.close()


def test_a_conclusion_being_typed_is_kept_to_its_last_pause_when_the_process_is_killed(
    sqlite_database: Database,
) -> None:
    url, audit_id = neglect_audit(sqlite_database)
    running = driver(url, audit_id, "conclude")
    assert running.stdout is not None
    kept = position = ""
    typed_since = 0
    try:
        for line in running.stdout:
            word, _, rest = line.strip().partition(" ")
            if word == "POSITION":
                position = rest
            elif word == "KEPT":
                kept = rest
            elif word == "TYPING" and kept:
                typed_since += 1
                if typed_since == 3:
                    running.send_signal(signal.SIGKILL)
                    break
    finally:
        running.kill()
        _out, errors = running.communicate(timeout=30)
    assert running.returncode == -signal.SIGKILL, errors
    assert kept.startswith("Good multi-agency working")
    intact(url)

    again = driver(url, audit_id, "report")
    out, errors = again.communicate(timeout=60)
    assert again.returncode == 0, errors
    report = dict(line.partition(" ")[::2] for line in out.splitlines() if line)
    assert report["POSITION"] == position  # back at the conclusion being typed
    # Everything up to the pause is there; at most the last second of typing is not.
    assert report["CONCLUSION"].startswith(kept)
    assert len(report["CONCLUSION"]) - len(kept) < 60


SCREEN = {"y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
SCREENS = {
    "screens": [
        {**SCREEN, "name": "laptop", "x": 0, "width": 1366, "height": 768},
        {**SCREEN, "name": "projector", "x": 1366, "width": 1920, "height": 1080},
    ]
}


def test_the_presentation_goes_full_screen_on_the_second_monitor(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Qt's offscreen platform given two screens, as a laptop with a projector plugged in; then
    the chair quits with the projector view still up, and the app must end (a window that
    refuses to close makes Qt abandon quitting)."""
    url, audit_id = neglect_audit(sqlite_database)
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(SCREENS), encoding="utf-8")
    shown = driver(url, audit_id, "present", platform=f"offscreen:configfile={config}")
    try:
        out, errors = shown.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        shown.kill()
        out, errors = shown.communicate(timeout=30)
        pytest.fail(f"the driver did not finish: {out}\n{errors[-3000:]}")
    assert shown.returncode == 0, errors
    report = dict(line.partition(" ")[::2] for line in out.splitlines() if line)
    assert report["CHAIR"] == "laptop"
    assert report["PRESENTED"] == "projector 1"
