"""Markup typed into any field prints as typed, by every path text takes into a document.

Text is drawn by ``PlainText`` as typed, or escaped for a ``Paragraph`` when it holds
Chinese or Arabic (shaped, or set in the fallback font); table cells are plain strings, or
either of those when long; the briefing's tiles are ``Paragraph`` markup; Word and the print
preview have writers of their own. Each path is given the same markup here, and every
document must show it exactly, never escaped twice and never taking effect.
"""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from db.enums import FindingKind
from panel_app.database import Database
from panel_app.documents.html_render import render_html
from panel_app.documents.writers import document_blocks
from panel_app.services import actions, audits, cases, involvement, notes
from tests.builders import Built, build_audit
from tests.document_files import DOCX_KINDS, PDF_KINDS, docx_text, export, pdf_text

MARKUP = (
    'Use <b>bold</b> & &lt; &amp; &#60; a<b and <![CDATA[x]]> <font color="red">red</font> '
    "<br/> <para> &"
)
CJK = f"{MARKUP} 王小明"  # a Paragraph's path: the fallback font for the Chinese name
LONG = f"{MARKUP} " * 4  # a table cell too long for a plain string
#: What a renderer shows when it escapes text twice, or draws escaped text as it is.
TWICE = ("&amp;amp;", "&amp;lt;", "&lt;b&gt;", "&lt;font")


class _HtmlText(HTMLParser):
    """The text a browser (or Qt) shows for some HTML: entities read, tags left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


@pytest.fixture
def built(sqlite_database: Database) -> Built:
    with sqlite_database.transaction() as session:
        made = build_audit(session)
        audit = audits.update_audit(session, made.audit_id, introduction=MARKUP, rationale=CJK)
        first, second = made.case_ids
        cases.update_case(session, first, key_facts=MARKUP, conclusion=CJK)
        cases.update_case(session, second, key_facts=CJK)
        summary = audit.cases[0].involvements[0]
        involvement.update_involvement(
            session, summary.id, summary=MARKUP, strengths=MARKUP, areas_for_development=CJK
        )
        actions.update_action(session, made.action_ids[0], text=MARKUP, owner="<b>&lt;&</b>")
        actions.update_action(session, made.action_ids[1], text=LONG)
        actions.add_action(session, made.audit_id, text=CJK, owner="Police")
        notes.update_point(session, audit.discussion_points[0].id, text=MARKUP)
        notes.add_point(session, made.audit_id, case_id=first, text=CJK)
        notes.update_finding(session, audit.findings[0].id, text=MARKUP)
        notes.add_finding(session, made.audit_id, kind=FindingKind.AREA_FOR_DEVELOPMENT, text=CJK)
        notes.add_finding(
            session, made.audit_id, kind=FindingKind.LEARNING,
            text=f"Practitioners should note {MARKUP}",
        )  # fmt: skip
    return made


def flat(text: str) -> str:
    """Text without its white space: where lines wrap does not matter here."""
    return "".join(text.split())


#: The variants each document shows somewhere (the briefing condenses, so shows fewer).
SHOWN = {
    "minutes": (MARKUP, CJK, "<b>&lt;&</b>"),
    "summary": (MARKUP, CJK),
    "briefing": (MARKUP, CJK),
    "case-summaries": (MARKUP, CJK),
}


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_markup_prints_as_typed_in_every_pdf(
    sqlite_database: Database, built: Built, tmp_path: Path, kind: str
) -> None:
    text = flat(pdf_text(export(sqlite_database, kind, built.audit_id, tmp_path / "out.pdf")))
    for typed in SHOWN[kind]:
        assert flat(typed) in text, (kind, typed)
    for wrong in TWICE:
        assert wrong not in text, (kind, wrong)


def test_every_path_in_the_minutes_shows_markup_as_typed(
    sqlite_database: Database, built: Built, tmp_path: Path
) -> None:
    """Body text, labelled text and table cells, plain and shaped, each shows it."""
    text = flat(pdf_text(export(sqlite_database, "minutes", built.audit_id, tmp_path / "m.pdf")))
    assert text.count(flat(MARKUP)) >= 8  # each place MARKUP was typed, CJK and LONG too
    assert text.count(flat(CJK)) >= 5
    assert flat(LONG) in text


@pytest.mark.parametrize("kind", DOCX_KINDS)
def test_markup_is_text_in_every_word_file(
    sqlite_database: Database, built: Built, tmp_path: Path, kind: str
) -> None:
    text = docx_text(export(sqlite_database, kind, built.audit_id, tmp_path / "out.docx"))
    for typed in SHOWN[kind]:
        assert typed in text, (kind, typed)
    for wrong in TWICE:
        assert wrong not in text, (kind, wrong)


@pytest.mark.parametrize("kind", PDF_KINDS)
def test_markup_is_escaped_once_for_the_print_preview(
    sqlite_database: Database, built: Built, kind: str
) -> None:
    with sqlite_database.transaction() as session:
        _head, blocks = document_blocks(session, kind, built.audit_id, None)
    reader = _HtmlText()
    reader.feed(render_html(blocks).html)
    text = flat("".join(reader.parts))
    for typed in SHOWN[kind]:
        assert flat(typed) in text, (kind, typed)


def test_a_zero_width_no_break_space_before_markup_prints_in_order(
    sqlite_database: Database, built: Built, tmp_path: Path
) -> None:
    """U+FEFF (a byte-order mark pasted with text from a file) before markup: the PDF holds
    the text in order, as poppler reads it; pypdf, which takes U+FEFF for a right-to-left
    letter, reads the next character first (why the bad-input sweep skips such text)."""
    typed = "Pasted \ufeff&lt;b&gt; and \ufeff<b>this</b> & \ufeff&amp; that"
    with sqlite_database.transaction() as session:
        cases.update_case(session, built.case_ids[0], key_facts=typed)
    path = export(sqlite_database, "minutes", built.audit_id, tmp_path / "m.pdf")
    program = shutil.which("pdftotext")
    assert program is not None, "poppler-utils (scripts/setup.sh test) reads the PDF back"
    read = subprocess.run(
        [program, "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    assert flat(typed) in flat(read)
