"""The ``audit-panel`` command: the GUI when given no command, else a headless command.

Headless commands never import Qt, so they run on a server or in a script.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from panel_app import __version__, archive
from panel_app.database import Database, open_database
from panel_app.dates import format_short
from panel_app.errors import DatabaseError, DomainError, NotFoundError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="audit-panel",
        description="Run a multi-agency case audit panel. With no command, starts the app.",
    )
    parser.add_argument("--version", action="version", version=f"Audit Panel {__version__}")
    parser.add_argument(
        "--database",
        metavar="URL",
        help="SQLAlchemy database URL (default: $AUDIT_PANEL_DATABASE_URL, "
        "else audit-panel.db in your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("demo", help="load the demo audits (running it twice adds nothing)")
    commands.add_parser("list", help="list the audits: id, panel date, theme, title, status")
    export = commands.add_parser("export-json", help="write one audit as a JSON archive")
    export.add_argument("audit_id", type=int, metavar="AUDIT_ID")
    export.add_argument("file", type=Path, metavar="FILE")
    load = commands.add_parser("import-json", help="read a JSON archive back as a new audit")
    load.add_argument("file", type=Path, metavar="FILE")
    document = commands.add_parser(
        "export",
        help="export a document of an audit; the format follows the file's extension",
        description="KIND is one of: minutes, summary, actions, briefing, case-summaries, "
        "participation. Formats: .pdf, .docx, .xlsx as each document allows.",
    )
    document.add_argument("kind", metavar="KIND")
    document.add_argument("audit_id", type=int, metavar="AUDIT_ID")
    document.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    document.add_argument(
        "--draft",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="mark the minutes DRAFT (or not); by default they are until they are approved",
    )
    actions = commands.add_parser(
        "import-actions", help="read back an action log (.xlsx) updated by the agencies"
    )
    actions.add_argument("file", type=Path, metavar="FILE.xlsx")
    actions.add_argument(
        "--dry-run", action="store_true", help="show what would change, and change nothing"
    )
    return parser


def _demo(args: argparse.Namespace) -> int:
    from panel_app.demo import load_demo

    with _open(args).transaction() as session:
        results = load_demo(session)
    for result in results:
        state = "added" if result.added else "already there"
        print(f"{result.audit_id}\t{result.title} ({state})")
    return 0


def _list(args: argparse.Namespace) -> int:
    from db.enums import label
    from panel_app.services.audits import list_audits

    with _open(args).transaction() as session:
        rows = list_audits(session)
    for row in rows:
        date = format_short(row.panel_date) or "no date"
        print(f"{row.id}\t{date}\t{row.theme}\t{row.title}\t{label(row.status)}")
    return 0


def _export_json(args: argparse.Namespace) -> int:
    with _open(args).transaction() as session:
        try:
            text = archive.dumps(archive.export_audit(session, args.audit_id))
        except NotFoundError:
            raise DomainError(
                f"There is no audit {args.audit_id}. 'audit-panel list' shows the audits."
            ) from None
    try:
        args.file.write_text(text, encoding="utf-8")
    except OSError as error:
        raise DomainError(f"Cannot write {args.file}: {error.strerror or error}.") from None
    print(f"Wrote audit {args.audit_id} to {args.file}")
    return 0


def _import_json(args: argparse.Namespace) -> int:
    doc = archive.read_document(args.file)
    with _open(args).transaction() as session:
        audit = archive.import_document(session, doc)
        print(f"Imported '{audit.title}' as audit {audit.id}")
    return 0


def _export_document(args: argparse.Namespace) -> int:
    from panel_app.documents.export import export_document

    with _open(args).transaction() as session:
        try:
            written = export_document(
                session, args.kind, args.audit_id, args.output, draft=args.draft
            )
        except NotFoundError:
            raise DomainError(
                f"There is no audit {args.audit_id}. 'audit-panel list' shows the audits."
            ) from None
    print(f"Wrote {written}")
    return 0


def _import_actions(args: argparse.Namespace) -> int:
    """Preview the changes an updated action log makes, then apply them (not with --dry-run)."""
    from panel_app.documents.action_log_import import (
        ActionLogError,
        apply_action_log,
        read_action_log,
    )

    try:
        with _open(args).transaction() as session:
            plan = read_action_log(session, args.file)
            print("\n".join(plan.describe()))
            if args.dry_run:
                print("Dry run: nothing was changed.")
                return 0
            made = apply_action_log(session, plan)
    except ActionLogError as error:
        print(f"audit-panel: {error.message}", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if made:
        print(f"Applied {made} change{'s' * (made != 1)}.")
    return 0


def _open(args: argparse.Namespace) -> Database:
    from panel_app import encryption
    from panel_app.database import choose_url, sqlite_path

    path = sqlite_path(choose_url(args.database))
    if path is not None and encryption.remembered(path.expanduser()):
        return _open_encrypted(args.database, path)
    return open_database(args.database)


def _open_encrypted(url: str | None, path: Path, tries: int = 3) -> Database:
    """The passphrase is typed at the terminal, never taken from an argument or the
    environment (both are visible to other programs)."""
    import getpass

    from panel_app.encryption import WrongPassphraseError

    if not sys.stdin.isatty():
        raise DatabaseError(
            f"The database at {path} is encrypted: run the command in a terminal to type its "
            "passphrase."
        )
    for left in range(tries, 0, -1):
        try:
            return open_database(url, getpass.getpass(f"Passphrase for {path}: "))
        except WrongPassphraseError as wrong:
            if left == 1:
                raise
            print(wrong.message, file=sys.stderr)
    raise AssertionError("unreachable")


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": _demo,
    "list": _list,
    "export-json": _export_json,
    "import-json": _import_json,
    "export": _export_document,
    "import-actions": _import_actions,
}


def run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from panel_app.gui import start_gui

        return start_gui(args.database)
    try:
        return COMMANDS[args.command](args)
    except archive.ArchiveError as error:
        print("audit-panel: the archive cannot be imported:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    except (DomainError, DatabaseError) as error:
        print(f"audit-panel: {error.message}", file=sys.stderr)
        return 1
