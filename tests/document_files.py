"""Reading exported documents back for tests: PDF text and fonts, Word text and parts."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from panel_app.database import Database
from panel_app.documents.export import export_document

PDF_KINDS = ("minutes", "summary", "briefing", "case-summaries")
DOCX_KINDS = ("minutes", "summary", "briefing")


def export(
    database: Database, kind: str, audit_id: int, path: Path, draft: bool | None = None
) -> Path:
    with database.transaction() as session:
        return export_document(session, kind, audit_id, path, draft=draft)


def pdf_pages(path: Path) -> list[str]:
    """Each page's text, normalised (NFKC) so Arabic presentation forms read as letters."""
    return [
        unicodedata.normalize("NFKC", page.extract_text() or "") for page in PdfReader(path).pages
    ]


def pdf_text(path: Path) -> str:
    return "\n".join(pdf_pages(path))


def pdf_fonts(path: Path) -> dict[str, bool]:
    """Every font the pages use: base name -> whether a TrueType font file is embedded."""
    found: dict[str, bool] = {}
    for page in PdfReader(path).pages:
        fonts: Any = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
            name = str(font["/BaseFont"]).lstrip("/").split("+")[-1]
            found[name] = found.get(name, False) or embedded
    return found


def pdf_bytes(path: Path) -> bytes:
    """The file as stored, then every page's content stream decompressed."""
    streams = [page.get_contents().get_data() for page in PdfReader(path).pages]
    return path.read_bytes() + b"".join(streams)


def docx_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _cells_text(table: Any) -> list[str]:
    lines = []
    for row in table.rows:
        for cell in row.cells:
            lines += [p.text for p in cell.paragraphs]
            for inner in cell.tables:
                lines += _cells_text(inner)
    return lines


def docx_text(path: Path) -> str:
    """The body's text in document order, tables (and tables in tables) included."""
    document = Document(str(path))
    lines: list[str] = []
    body = document.element.body
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    for child in body.iterchildren():
        if child in paragraphs:
            lines.append(paragraphs[child].text)
        elif child in tables:
            lines += _cells_text(tables[child])
    return "\n".join(lines)


def docx_header_footer(path: Path) -> tuple[str, str]:
    document = Document(str(path))
    section = document.sections[0]
    header = "\n".join(p.text for p in section.header.paragraphs)
    footer = "\n".join(p.text for p in section.footer.paragraphs)
    return header, footer


def soffice(source: Path, to: str, tmp_path: Path, *more: Path) -> Path:
    """Convert ``source`` (and ``more``, in the same run) with LibreOffice in a private
    profile, so parallel runs do not clash; returns where ``source`` went."""
    program = shutil.which("soffice")
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) must be installed on CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / f"lo-{to}"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
         "--outdir", str(out), str(source), *map(str, more)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / f"{source.stem}.{to.split(':')[0]}"
