"""The documents the app offers, and the file names it suggests for them."""

from __future__ import annotations

from panel_app.documents.catalogue import DOCUMENTS, default_file_name
from panel_app.documents.export import WRITERS


def test_the_catalogue_offers_exactly_what_can_be_written() -> None:
    assert {d.kind: set(d.formats) for d in DOCUMENTS} == {k: set(f) for k, f in WRITERS.items()}


def test_a_name_says_audit_document_and_date() -> None:
    assert (
        default_file_name("Neglect MACA", "minutes", "10 May 2017", ".pdf")
        == "Neglect MACA – minutes – 10 May 2017.pdf"
    )
    assert default_file_name("Neglect MACA", "actions", "", ".xlsx") == (
        "Neglect MACA – action log.xlsx"
    )


def test_a_name_is_safe_on_every_file_system() -> None:
    name = default_file_name('Multi-Agency Case Audit: Neglect/HSB <"2017"> | ok?', "summary",
                             "10 May 2017", ".docx")  # fmt: skip
    assert (
        name
        == "Multi-Agency Case Audit - Neglect HSB 2017 ok – executive summary – 10 May 2017.docx"
    )
    assert not set(name) & set('<>:"/\\|?*')
    assert default_file_name("  ...  ", "briefing", "", ".pdf") == "Audit – learning briefing.pdf"


def test_a_long_title_is_shortened_but_the_date_stays() -> None:
    name = default_file_name("A" * 400 + "\n\tX", "minutes", "1 June 2024", ".pdf")
    assert name.endswith(" – minutes – 1 June 2024.pdf") and len(name) < 160
