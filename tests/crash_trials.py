"""Crash trials: a real Audit Panel process capturing entries (tests/crash_typist.py) is killed
with SIGKILL at a random moment, then its database is opened again and checked: it passes
``PRAGMA integrity_check``, every entry the process reported committed is there, nothing is there
that was not typed, and the typing lost is measured (how long before the kill the last keystroke
kept, in an entry or the draft, was typed; and how many keystrokes were lost).

Each trial's moment and rhythm come from its seed, so a failure can be run again. Starting a
Python process that imports Qt and the app takes seconds; a fork server imports them once and
forks a fresh process for each trial, which then starts the app as a user would (window, database
opened after the first paint, panel mode). ``spawn=True`` starts each one from nothing instead.

Used by tests/test_crash_trials.py (20 trials) and bench/crash_trials.py (100).
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text

from db.enums import Step
from panel_app.database import open_database
from panel_app.panel import entries, progress
from panel_app.panel.capture import CaptureKind, parse_capture

HERE = Path(__file__).resolve().parent
TYPIST = HERE / "crash_typist.py"
STARTS_WITHIN_S = 60
#: The typist's lines: "12. Police shared the referral within a day".
NUMBERED = re.compile(r"\d+\. ")


@dataclass
class Trial:
    seed: int
    kill_after_s: float
    status: int = 0
    entries: int = 0
    keys: int = 0
    lost_ms: float = 0.0
    """From the last keystroke kept to the last one typed (pauses included)."""
    start_s: float = 0.0
    """From asking for the process to its typing the first key."""
    lost_keys: int = 0
    lost_typing_ms: float = 0.0
    """How long the lost keystrokes took to type (first lost to last)."""
    problems: list[str] = field(default_factory=list)


@dataclass
class Report:
    trials: list[Trial]

    @property
    def failures(self) -> list[Trial]:
        return [t for t in self.trials if t.problems]

    def figures(self) -> dict[str, float]:
        lost = [t.lost_ms for t in self.trials] or [0.0]
        return {
            "trials": len(self.trials),
            "failures": len(self.failures),
            "entries": sum(t.entries for t in self.trials),
            "worst_ms": max(lost),
            "median_ms": statistics.median(lost),
            "worst_keys": max((t.lost_keys for t in self.trials), default=0),
            "worst_typing_ms": max((t.lost_typing_ms for t in self.trials), default=0.0),
        }


class ForkServer:
    """A process that has imported the app; it forks one process per trial on request."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        self.lock = threading.Lock()

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        with self.lock:  # trials run side by side, one request at a time
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
            answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def start(self, argv: list[str], out: Path, env: dict[str, str]) -> int:
        return int(self._ask({"run": argv, "out": str(out), "env": env})["pid"])

    def wait(self, pid: int) -> int:
        return int(self._ask({"wait": pid})["status"])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


class Spawner:
    """Each trial's process started from nothing (slower: for the benchmark's --spawn)."""

    def __init__(self) -> None:
        self.running: dict[int, subprocess.Popen[bytes]] = {}

    def start(self, argv: list[str], out: Path, env: dict[str, str]) -> int:
        with out.open("wb") as stdout, out.with_suffix(".err").open("wb") as stderr:
            process = subprocess.Popen(
                [sys.executable, str(TYPIST), *argv],
                stdout=stdout,
                stderr=stderr,
                env={**os.environ, **env, "QT_QPA_PLATFORM": "offscreen"},
            )
        self.running[process.pid] = process
        return process.pid

    def wait(self, pid: int) -> int:
        return self.running.pop(pid).wait(timeout=30)

    def close(self) -> None:
        for process in self.running.values():
            process.kill()


def _read_lines(out: Path) -> list[list[str]]:
    try:
        content = out.read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    complete = content[: content.rfind("\n") + 1]
    return [line.split(" ", 3) for line in complete.splitlines() if line]


def _wait_for_start(out: Path, pid: int) -> list[str]:
    deadline = time.monotonic() + STARTS_WITHIN_S
    while time.monotonic() < deadline:
        for words in _read_lines(out):
            if words[0] == "START":
                return words
            if words[0] == "FAILED":
                raise RuntimeError(f"the app could not start typing: {' '.join(words[1:])}")
        time.sleep(0.005)
    os.kill(pid, signal.SIGKILL)
    raise TimeoutError(f"the app did not start typing within {STARTS_WITHIN_S} s")


class Trials:
    """Runs trials against copies of ``template`` (a database holding ``audit_id``)."""

    def __init__(self, template: Path, audit_id: int, workdir: Path, *, spawn: bool = False):
        self.template, self.audit_id, self.workdir = template, audit_id, workdir
        self.launcher: ForkServer | Spawner = Spawner() if spawn else ForkServer()

    def __enter__(self) -> Trials:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.launcher.close()

    def run(
        self,
        count: int,
        seed: int,
        *,
        pace: str = "brisk",
        window: tuple[float, float] = (0.1, 2.0),
        side_by_side: int = 2,
    ) -> Report:
        """``count`` trials, ``side_by_side`` at a time (each its own process and database)."""
        seeds = random.Random(seed)
        chosen = [seeds.randrange(2**31) for _ in range(count)]
        with ThreadPoolExecutor(side_by_side) as pool:
            return Report(list(pool.map(lambda s: self.one(s, pace, window), chosen)))

    def one(
        self, seed: int, pace: str, window: tuple[float, float], stop: int = signal.SIGKILL
    ) -> Trial:
        """One trial; ``stop=signal.SIGTERM`` asks the app to close instead of killing it."""
        trial = Trial(seed, random.Random(seed).uniform(*window))
        folder = self.workdir / f"trial-{seed}"
        folder.mkdir(parents=True)
        path = folder / "panel.db"
        shutil.copyfile(self.template, path)
        url = f"sqlite:///{path}"
        env = {"XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder / "config")}
        out = folder / "out.txt"
        pid = self.launcher.start([url, str(self.audit_id), str(seed), pace], out, env)
        asked = time.monotonic()
        try:
            start = _wait_for_start(out, pid)
            trial.start_s = time.monotonic() - asked
            time.sleep(trial.kill_after_s)
        except BaseException:
            os.kill(pid, signal.SIGKILL)
            self.launcher.wait(pid)
            raise
        os.kill(pid, stop)
        trial.status = self.launcher.wait(pid)
        if trial.status != (-signal.SIGKILL if stop == signal.SIGKILL else 0):
            trial.problems.append(f"the app ended with status {trial.status}")
        check(trial, url, self.audit_id, start, _read_lines(out))
        shutil.rmtree(folder)
        return trial


def check(trial: Trial, url: str, audit_id: int, start: list[str], lines: list[list[str]]) -> None:
    """Open the database again and compare it with what the process said it typed and kept."""
    case_id, meeting_id, started = int(start[1]), int(start[2]), float(start[3])
    typed: dict[int, str] = {}
    keys: list[tuple[int, int, float]] = []
    reported: list[tuple[str, int]] = []
    drafts: dict[int, int] = {}
    for words in lines:
        if words[0] == "LINE":
            typed[int(words[1])] = " ".join(words[2:])
        elif words[0] == "KEY":
            keys.append((int(words[1]), int(words[2]), float(words[3])))
        elif words[0] == "ENTRY":
            reported.append((words[1], int(words[2])))
        elif words[0] == "DRAFT":
            drafts[int(words[1])] = max(drafts.get(int(words[1]), 0), int(words[2]))
    trial.keys = len(keys)
    database = open_database(url)  # refuses a damaged file
    try:
        with database.transaction() as session:
            verdict = session.execute(text("PRAGMA integrity_check")).scalar()
            stored = [
                e
                for e in entries.case_entries(session, audit_id, case_id)
                if e.step is Step.DISCUSSION and NUMBERED.match(e.text)
            ]
            draft = progress.load(session, meeting_id).draft
    finally:
        database.close()
    if verdict != "ok":
        trial.problems.append(f"integrity_check: {verdict}")
    kept = {(e.kind.value, e.id) for e in stored}
    missing = [ident for ident in reported if ident not in kept]
    if missing:
        trial.problems.append(f"entries reported committed are missing: {missing}")
    trial.entries = len(stored)
    if not len(reported) <= len(stored) <= len(reported) + 1:
        trial.problems.append(f"{len(stored)} entries stored, {len(reported)} reported")
    numbers = []
    for entry in stored:
        number = int(entry.text.split(".", 1)[0])
        numbers.append(number)
        wanted = parse_capture(typed.get(number, ""), default=CaptureKind.POINT, owners=[])
        if (entry.kind, entry.text) != (wanted.kind, wanted.text):
            trial.problems.append(f"entry {number} reads {entry.text!r}, typed {wanted.text!r}")
    if sorted(numbers) != list(range(1, len(stored) + 1)):
        trial.problems.append(f"the entries kept are lines {sorted(numbers)}: not the first ones")
    following = len(stored) + 1
    if draft and not typed.get(following, "").startswith(draft):
        trial.problems.append(f"the draft {draft!r} is not what was being typed")
    if len(draft) < drafts.get(following, 0):
        trial.problems.append(f"a draft of {drafts[following]} characters kept is lost")
    _measure(trial, keys, typed, kept_at=(following, len(draft)) if draft else None,
             entries=len(stored), started=started)  # fmt: skip


def _measure(
    trial: Trial,
    keys: list[tuple[int, int, float]],
    typed: dict[int, str],
    *,
    kept_at: tuple[int, int] | None,
    entries: int,
    started: float,
) -> None:
    if not keys:
        return
    if kept_at is None and entries:
        kept_at = (entries, len(typed[entries]) + 1)  # the last line's Enter
    order = [(n, k) for n, k, _t in keys]
    if kept_at is None:
        position, kept_time = -1, started  # nothing kept since typing began
    elif kept_at in order:
        position = order.index(kept_at)
        kept_time = keys[position][2]
    else:
        return  # the last key kept is one typed after the last one reported: nothing lost
    lost = keys[position + 1 :]
    trial.lost_keys = len(lost)
    trial.lost_ms = keys[-1][2] - kept_time if lost else 0.0
    trial.lost_typing_ms = lost[-1][2] - lost[0][2] if lost else 0.0


def serve() -> None:
    """The fork server: import everything once, then fork a trial process per request."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(HERE.parent))
    from sqlalchemy.orm import configure_mappers

    import tests.crash_typist as typist
    import ui.workspace  # noqa: F401  (the screens, imported once here rather than per trial)

    configure_mappers()
    for request in sys.stdin:
        asked = json.loads(request)
        if "wait" in asked:
            _pid, status = os.waitpid(int(asked["wait"]), 0)
            code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
            _answer({"status": code})
            continue
        pid = os.fork()
        if pid == 0:
            _child(asked, typist)
        _answer({"pid": pid})


def _answer(answer: dict[str, Any]) -> None:
    print(json.dumps(answer), flush=True)


def _child(asked: dict[str, Any], typist: Any) -> None:
    try:
        out = Path(asked["out"])
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        stdout: IO[bytes] = out.open("wb")
        stderr: IO[bytes] = out.with_suffix(".err").open("wb")
        os.dup2(stdout.fileno(), 1)
        os.dup2(stderr.fileno(), 2)
        os.environ.update(asked["env"])
        url, audit_id, seed, pace = asked["run"]
        typist.run(url, int(audit_id), int(seed), pace)
    finally:
        os._exit(0)


if __name__ == "__main__" and sys.argv[1:] == ["serve"]:
    serve()
