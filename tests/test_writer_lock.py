"""One writer per database file; a second copy may look, read-only; network shares warned."""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from db.models import Audit
from panel_app import writer_lock
from panel_app.database import open_database, open_read_only
from panel_app.errors import DatabaseError, DomainError
from panel_app.services import audits
from panel_app.writer_lock import DatabaseInUseError


def test_a_second_copy_is_told_who_has_it_and_may_only_look(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'panel.db'}"
    first = open_database(url)
    with first.transaction() as session:
        audits.create_audit(session, theme="Neglect", title="Held")
    with pytest.raises(DatabaseInUseError) as caught:
        open_database(url)
    who = f"already open in Audit Panel by {getpass.getuser()} (process {os.getpid()}, since "
    assert who in caught.value.message and " today)" in caught.value.message
    assert "read-only" in caught.value.message
    looking = open_read_only(url)
    with looking.transaction() as session:
        assert [a.title for a in audits.list_audits(session)] == ["Held"]
    with pytest.raises(DomainError, match="open read-only"), looking.transaction() as session:
        audits.create_audit(session, theme="Neglect", title="Refused")
    looking.close()
    with first.transaction() as session:
        assert session.query(Audit).count() == 1
    first.close()
    open_database(url).close()  # free again once the first copy closed


def test_a_killed_holder_frees_the_database(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    open_database(f"sqlite:///{path}").close()
    code = (
        "import os, signal, sys\n"
        "from panel_app.database import open_database\n"
        f"open_database({f'sqlite:///{path}'!r})\n"
        "print('open', flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "open" and result.returncode < 0
    open_database(f"sqlite:///{path}").close()


def test_read_only_needs_an_existing_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="existing database"):
        open_read_only(f"sqlite:///{tmp_path / 'missing.db'}")


def test_network_filesystems_are_recognised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not writer_lock.on_network_share(tmp_path / "panel.db")  # a local disk
    mounts = tmp_path / "mounts"
    mounts.write_text(
        "/dev/sda1 / ext4 rw 0 0\n//server/share /mnt/share cifs rw 0 0\n", encoding="utf-8"
    )
    real = Path.read_text

    def fake(self: Path, *args: object, **kwargs: object) -> str:
        return real(mounts if str(self) == "/proc/mounts" else self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", fake)
    assert writer_lock.on_network_share(Path("/mnt/share/panel.db"))
    assert not writer_lock.on_network_share(Path("/home/chair/panel.db"))


def test_the_holder_is_named_by_user_process_and_since_when() -> None:
    record = '{"user": "chair", "pid": 4242, "since": "2017-05-10T09:05:00"}'
    assert writer_lock._holder(record, today=date(2017, 5, 10)) == (
        "chair (process 4242, since 09:05 today)"
    )
    assert writer_lock._holder(record, today=date(2017, 5, 11)) == (
        "chair (process 4242, since 09:05 on 10/05/2017)"
    )
    assert writer_lock._holder("") == "another copy of Audit Panel"  # a lock being written


def test_another_process_holding_it_is_named(tmp_path: Path) -> None:
    path = tmp_path / "panel.db"
    open_database(f"sqlite:///{path}").close()
    code = (
        "import sys\n"
        "from panel_app.database import open_database\n"
        f"held = open_database({f'sqlite:///{path}'!r})\n"
        "print('open', flush=True)\n"
        "sys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(DatabaseInUseError, match=f"process {holder.pid}, since"):
            open_database(f"sqlite:///{path}")
    finally:
        holder.communicate("")
    open_database(f"sqlite:///{path}").close()
