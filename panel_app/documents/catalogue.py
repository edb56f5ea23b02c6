"""Which documents an audit produces, in which formats, and what their files are called.

Kept apart from ``export`` (which imports reportlab, openpyxl and python-docx) so the app can
build its Export menu and suggest file names without loading any of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    kind: str  # as the command line names it
    title: str  # as a menu names it
    noun: str  # as a sentence or a file name names it
    formats: tuple[str, ...]  # file suffixes, the usual one first


DOCUMENTS: tuple[DocumentKind, ...] = (
    DocumentKind("minutes", "Panel minutes", "minutes", (".pdf", ".docx")),
    DocumentKind("summary", "Executive summary", "executive summary", (".pdf", ".docx")),
    DocumentKind("briefing", "Learning briefing", "learning briefing", (".pdf", ".docx")),
    DocumentKind("case-summaries", "Case summaries", "case summaries", (".pdf",)),
    DocumentKind("participation", "Participation table", "participation", (".pdf", ".xlsx")),
    DocumentKind("actions", "Action log", "action log", (".xlsx",)),
)
BY_KIND = {document.kind: document for document in DOCUMENTS}

#: How a format is named in menus, messages and a file dialog's filter.
FORMATS = {".pdf": "PDF", ".docx": "Word", ".xlsx": "Excel"}

# Windows refuses these in a file name; a colon is common in titles ("MACA: Neglect").
_COLON = re.compile(r"\s*:\s*")
_FORBIDDEN = re.compile(r'[<>"/\\|?*\x00-\x1f]')
_SPACES = re.compile(r"\s+")
TITLE_LIMIT = 100


def describe_format(suffix: str) -> str:
    """'PDF (.pdf)', as a message or a filter names a format."""
    return f"{FORMATS.get(suffix, suffix.lstrip('.').upper())} ({suffix})"


def dialog_filter(suffix: str) -> str:
    """A file dialog's filter for one format: 'PDF documents (*.pdf)'."""
    names = {".pdf": "PDF documents", ".docx": "Word documents", ".xlsx": "Excel workbooks"}
    return f"{names.get(suffix, suffix)} (*{suffix})"


def safe_file_name(text: str) -> str:
    """Text that every file system accepts as a name: no separators, no reserved characters."""
    text = _FORBIDDEN.sub(" ", _COLON.sub(" - ", text))
    return _SPACES.sub(" ", text).strip(" .")


def default_file_name(audit_title: str, kind: str, panel_date: str, suffix: str) -> str:
    """'Neglect MACA – minutes – 10 May 2017.pdf': the audit, the document, the panel date.

    Only what every page of the document already prints goes in (never a case's name or
    reference), so the name leaks nothing the file would not.
    """
    title = safe_file_name(audit_title)[:TITLE_LIMIT].rstrip(" .") or "Audit"
    parts = [title, BY_KIND[kind].noun]
    if panel_date:
        parts.append(safe_file_name(panel_date))
    return " – ".join(parts) + suffix
