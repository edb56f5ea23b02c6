"""Encryption benchmark: what SQLCipher costs, encrypted against plain, in the same run.

  open     open_database (checks, writer lock, schema check) and the first read (the audit
           list), then close: what the chair waits for at start-up once the window is up;
           the encrypted open includes deriving the key from the passphrase (SQLCipher 4's
           PBKDF2-HMAC-SHA512, 256,000 rounds), measured on its own too;
  commit   one discussion point added in its own transaction (WAL, synchronous=FULL): what
           the minute-taker waits for after Enter;
  read     the audit list read again on an open database.

Both copies are made from the same large database (bench/large.db, generated if absent) in a
temporary folder, with the data folder redirected there (so backups stay out of yours);
commits alternate plain and encrypted so both see the same disk. Prints medians, the 99th
percentile of commits, and the ratios encrypted / plain.

    python bench/encryption.py [--opens 9] [--commits 200] [--database PATH]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PASSPHRASE = "a passphrase for the benchmark"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(work: Callable[[], object]) -> float:
    began = time.perf_counter()
    work()
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=9)
    parser.add_argument("--commits", type=int, default=200)
    parser.add_argument("--database", type=Path, default=ROOT / "bench" / "large.db")
    args = parser.parse_args()
    if args.database == ROOT / "bench" / "large.db" and not args.database.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate_large.py")], check=True)
    folder = Path(tempfile.mkdtemp(prefix="audit-panel-bench-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "data")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    try:
        run(args, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    from panel_app import encryption, encryption_switch
    from panel_app.database import Database, open_database
    from panel_app.services import audits, notes

    plain_path, encrypted_path = folder / "plain.db", folder / "encrypted.db"
    shutil.copyfile(args.database, plain_path)
    shutil.copyfile(args.database, encrypted_path)
    converting = open_database(f"sqlite:///{encrypted_path}")
    size = encrypted_path.stat().st_size
    conversion = timed(lambda: encryption_switch.turn_on(converting, PASSPHRASE))
    converting.close()
    urls = {
        "plain": (f"sqlite:///{plain_path}", None),
        "encrypted": (f"sqlite:///{encrypted_path}", PASSPHRASE),
    }

    def open_and_list(kind: str) -> None:
        url, passphrase = urls[kind]
        database = open_database(url, passphrase)
        with database.transaction() as session:
            audits.list_audits(session)
        database.close()

    opens: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for kind in opens:
        open_and_list(kind)  # the day's backup, and a warm file cache for both
    for _ in range(args.opens):
        for kind in opens:
            opens[kind].append(timed(lambda kind=kind: open_and_list(kind)))
    salt = encrypted_path.read_bytes()[: encryption.SALT_BYTES]
    kdf = statistics.median(timed(lambda: encryption.derive(PASSPHRASE, salt)) for _ in range(5))

    databases: dict[str, Database] = {kind: open_database(*urls[kind]) for kind in urls}
    targets = {}
    for kind, database in databases.items():
        with database.transaction() as session:
            audit = audits.list_audits(session)[0]
            case_id = audits.get_audit(session, audit.id).cases[0].id
        targets[kind] = (audit.id, case_id)

    def commit(kind: str, number: int) -> None:
        audit_id, case_id = targets[kind]
        with databases[kind].transaction() as session:
            notes.add_point(session, audit_id, case_id=case_id, text=f"Point {number}: shared.")

    def read(kind: str) -> None:
        with databases[kind].transaction() as session:
            audits.list_audits(session)

    commits: dict[str, list[float]] = {"plain": [], "encrypted": []}
    reads: dict[str, list[float]] = {"plain": [], "encrypted": []}
    for number in range(args.commits):
        for kind in commits:
            commits[kind].append(timed(lambda kind=kind, n=number: commit(kind, n)))
    for _ in range(max(20, args.opens)):
        for kind in reads:
            reads[kind].append(timed(lambda kind=kind: read(kind)))
    for database in databases.values():
        database.close()

    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1000

    print(f"Encryption at rest, on {args.database.name} ({size / 1024**2:.1f} MB), same run")
    print(f"  turning encryption on (convert, check, backups)  {conversion * 1000:8.0f} ms")
    print(f"  deriving the key from the passphrase             {kdf * 1000:8.0f} ms")
    print(f"  {'':<30} {'plain':>10} {'encrypted':>10} {'ratio':>7}")
    rows = [
        (f"open + first read (median of {args.opens})", ms(opens["plain"]),
         ms(opens["encrypted"])),
        (f"commit, median (n={args.commits})", ms(commits["plain"]), ms(commits["encrypted"])),
        ("commit, 99th percentile", percentile(commits["plain"], 0.99) * 1000,
         percentile(commits["encrypted"], 0.99) * 1000),
        ("read the audit list, median", ms(reads["plain"]), ms(reads["encrypted"])),
    ]  # fmt: skip
    for name, plain, encrypted in rows:
        print(f"  {name:<30} {plain:8.2f} ms {encrypted:8.2f} ms {encrypted / plain:7.2f}")


if __name__ == "__main__":
    main()
