"""Command line: headless subcommands, or the GUI when none is given."""

from __future__ import annotations

import argparse

from panel_app import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="audit-panel", description="Multi-agency case audit panel"
    )
    parser.add_argument("--version", action="version", version=f"Audit Panel {__version__}")
    return parser


def run(argv: list[str]) -> int:
    build_parser().parse_args(argv)
    return 0
