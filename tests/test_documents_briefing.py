"""The learning briefing: the panel's findings condensed to two pages, the same in PDF, Word
and the print preview."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from pypdf import PdfReader

from db.enums import FindingKind
from panel_app.database import Database
from panel_app.demo import load_demo
from panel_app.documents import briefing_model
from panel_app.documents.html_render import render_html
from panel_app.documents.model_briefing import DO_NOW_ITEMS, DOMAIN_WORDS
from panel_app.documents.writers import document_blocks
from panel_app.services import actions, audits, notes
from tests.builders import Built, build_audit
from tests.document_files import docx_text, export, pdf_text, soffice


def flat(text: str) -> str:
    return " ".join(text.split())


def domain_id(database: Database, built: Built, name: str) -> int:
    with database.transaction() as session:
        domains = audits.get_audit(session, built.audit_id).domains
        return next(domain.id for domain in domains if domain.name == name)


def test_each_domain_gets_whole_first_sentences_within_its_budget(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    plans = domain_id(database, built, "Plans")
    padding = " ".join(["The plan was long and detailed in every part."] * 6)
    with database.transaction() as session:
        for kind, text in (
            (FindingKind.THEME, "Plans drift when the social worker changes."),
            (FindingKind.GOOD_PRACTICE, f"Plans were reviewed at every core group. {padding}"),
            (FindingKind.GOOD_PRACTICE, "Plans: were written with the family."),
            (FindingKind.AREA_FOR_DEVELOPMENT, f"Plans lacked outcomes. {padding}"),
        ):
            notes.add_finding(session, built.audit_id, kind=kind, text=text, domain_ids=[plans])
        model = briefing_model(session, built.audit_id)
    points = next(p for p in model.key_points if p.domain == "Plans")
    assert points.found == "Plans drift when the social worker changes."
    # The first sentence of every finding is chosen before the second of any, then they are
    # given in the order written; the label "Plans:" goes, a sentence said twice is said once.
    assert points.worked_well == (
        "Plans were reviewed at every core group. The plan was long and detailed in every "
        "part. Were written with the family."
    )
    assert points.to_improve.startswith("Plans lacked outcomes.")
    said = f"{points.found} {points.worked_well} {points.to_improve}"
    assert len(said.split()) <= DOMAIN_WORDS
    referrals = next(p for p in model.key_points if p.domain == "Referrals")
    assert referrals.worked_well == "Strong multi-agency working."


def test_what_to_do_now_is_a_few_practice_actions_each_said_once(database: Database) -> None:
    with database.transaction() as session:
        built = build_audit(session)
    plans = domain_id(database, built, "Plans")
    with database.transaction() as session:
        learning = "In one case the plan drifted. Practitioners should review plans every month."
        notes.add_finding(
            session, built.audit_id, kind=FindingKind.LEARNING, text=learning, domain_ids=[plans]
        )
        for owner, text in (
            ("All agencies", "Agencies must share chronologies with the social worker."),
            ("Business Manager", "The audit tool must be amended."),  # for that body alone
            ("", "Practitioners should review plans every month, with the family."),
        ):
            actions.add_action(session, built.audit_id, text=text, owner=owner)
        model = briefing_model(session, built.audit_id)
        assert model.do_now == (
            "Practitioners should review plans every month.",
            "Agencies must share chronologies with the social worker.",
            "Refresh neglect training.",
        )
        # The rest of a learning finding it quotes is not said again under its domain.
        assert "Plans" not in [p.domain for p in model.key_points]
        for text in (
            "Chronologies must be kept up to date.",
            "Fathers should be invited to every core group.",
            "Interpreters must be booked for home visits.",
            "Schools should share attendance concerns early.",
            "Health visitors need to see the baby at home.",
            "Escalate drift to a manager.",  # not directive: after all those that are
        ):
            notes.add_finding(session, built.audit_id, kind=FindingKind.LEARNING, text=text)
        longer = briefing_model(session, built.audit_id).do_now
        assert len(longer) == DO_NOW_ITEMS and "Escalate drift to a manager." not in longer


def test_the_demo_briefings_fit_two_pages_in_pdf_and_in_word(
    sqlite_database: Database, tmp_path: Path
) -> None:
    with sqlite_database.transaction() as session:
        demos = [result.audit_id for result in load_demo(session)]
    words = []
    for audit_id in demos:
        pdf = export(sqlite_database, "briefing", audit_id, tmp_path / f"{audit_id}.pdf")
        assert len(PdfReader(pdf).pages) <= 2, audit_id
        word = export(sqlite_database, "briefing", audit_id, tmp_path / f"{audit_id}.docx")
        words.append(word)
        document = Document(str(word))
        paragraphs = [p for p in document.paragraphs if p.text.strip()]
        cells = [p for t in document.tables for c in t._cells for p in c.paragraphs if p.text]
        assert len(paragraphs) + len(cells) < 110, audit_id  # a briefing, not the summary
    # An independent reader lays the Word files out: two pages each.
    converted = soffice(words[0], "pdf", tmp_path, *words[1:])
    for word in words:
        pages = len(PdfReader(converted.parent / f"{word.stem}.pdf").pages)
        assert pages <= 2, (word.name, pages)


def test_pdf_word_and_print_say_the_same_briefing(
    sqlite_database: Database, tmp_path: Path
) -> None:
    with sqlite_database.transaction() as session:
        neglect = next(r.audit_id for r in load_demo(session) if "Neglect" in r.title)
        model = briefing_model(session, neglect)
        _head, blocks = document_blocks(session, "briefing", neglect)
    pdf = flat(pdf_text(export(sqlite_database, "briefing", neglect, tmp_path / "b.pdf")))
    word = flat(docx_text(export(sqlite_database, "briefing", neglect, tmp_path / "b.docx")))
    printed = flat(re.sub(r"<[^>]+>", " ", render_html(blocks).html).replace("&#x27;", "'"))
    expected = [model.background, model.methodology, model.further, *model.do_now]
    for points in model.key_points:
        expected += [points.domain, points.found, points.worked_well, points.to_improve]
    for text in filter(None, expected):
        wanted = flat(text).replace("…", "...")  # pypdf reads an ellipsis as three dots
        assert wanted in pdf.replace("…", "..."), text
        assert flat(text) in word.replace("\xa0", " "), text
        assert flat(text) in printed, text
    for heading in ("Background", "Who took part", "Key points", "What to do now"):
        assert heading in pdf and heading in word and heading in printed
