"""PlainText, the PDFs' fast paragraph: laid out as reportlab's Paragraph lays out the same
text, split between pages without losing or stranding a line, drawn as typed."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph, SimpleDocTemplate

from panel_app.documents import fonts
from panel_app.documents.pdf_parts import STYLES
from panel_app.documents.pdf_plain import PlainText
from tests.document_files import pdf_pages

SENTENCES = (
    "The agency knew the family well and shared information promptly; the plan lacked a "
    "clear focus on the child's lived experience and drifted after review.",
    "Referrals were timely. Practice was mainly compliant, robust and included a summary of "
    "history. There was timely intervention where required, preventing drift/delay.",
    "Use <b>bold</b> & <i>x</i> < 3 > 2 &amp; =SUM(A1) — as typed, with  double  spaces.",
    "Zażółć gęślą jaźń: Łódź, Kraków and Gdańsk were all named in the chronology.",
)


def paragraph_lines(text: str, style: str, width: float) -> list[str]:
    paragraph = Paragraph(escape(text), STYLES[style])
    paragraph.wrap(width, 10_000)
    if paragraph.blPara.kind == 0:  # one fragment: (width, words) a line
        return [" ".join(line[1]) for line in paragraph.blPara.lines]
    return ["".join(frag.text for frag in line.words).strip() for line in paragraph.blPara.lines]


def plain_lines(flowable: PlainText) -> list[str]:
    assert flowable._lines is not None
    return ["".join(text for _font, text in line) for line in flowable._lines]


@pytest.mark.parametrize("style", ["body", "small", "cell", "cell_small"])
@pytest.mark.parametrize("width", [120.0, 203.5, 340.0, 480.0])
def test_lines_break_where_a_paragraph_breaks_them(style: str, width: float) -> None:
    fonts.register()
    for text in SENTENCES:
        plain = PlainText(text, STYLES[style])
        _w, height = plain.wrap(width, 10_000)
        assert plain_lines(plain) == paragraph_lines(text, style, width), (text, width)
        assert height == len(plain_lines(plain)) * STYLES[style].leading


def test_blank_lines_are_kept_and_nothing_takes_no_room() -> None:
    fonts.register()
    plain = PlainText("First\n\nThird", STYLES["body"])
    assert plain.wrap(300, 1000)[1] == 3 * STYLES["body"].leading
    assert plain_lines(plain) == ["First", "", "Third"]
    assert PlainText("", STYLES["body"]).wrap(300, 1000)[1] == 0


def test_a_word_longer_than_the_line_is_cut_to_fit() -> None:
    fonts.register()
    word = "https://example.org/" + "x" * 300
    plain = PlainText(f"See {word} for more.", STYLES["body"])
    plain.wrap(200, 10_000)
    lines = plain_lines(plain)
    assert "".join(lines).replace(" ", "") == f"See{word}formore."
    assert all(stringWidth(line, fonts.REGULAR, 9.5) <= 200 for line in lines)


def test_a_long_paragraph_splits_over_pages_with_no_line_lost_or_left_alone(
    tmp_path: Path,
) -> None:
    fonts.register()
    words = [f"w{number:04d}" for number in range(4000)]
    path = tmp_path / "long.pdf"
    story = [
        PlainText("Typed first line\nand a second", STYLES["body"], label="Label:"),
        PlainText(" ".join(words), STYLES["body"]),
        PlainText("A bulleted point.", STYLES["bullet"], bullet="•"),
        PlainText("A numbered point.", STYLES["numbered"], bullet="5.12"),
    ]
    SimpleDocTemplate(str(path), topMargin=20 * mm, bottomMargin=20 * mm).build(story)
    pages = pdf_pages(path)
    assert len(pages) > 2
    text = " ".join(" ".join(pages).split())
    assert text.startswith("Label: Typed first line and a second")
    assert " ".join(words) in text
    assert text.endswith("• A bulleted point. 5.12 A numbered point.")
    first_lines = [page.split("\n")[:2] for page in pages[1:]]
    assert all(len(lines) == 2 and lines[1].startswith("w") for lines in first_lines[:-1])


def test_a_split_in_a_table_cell_keeps_the_lines_it_was_wrapped_with() -> None:
    fonts.register()
    plain = PlainText(SENTENCES[0], STYLES["cell"])
    plain.wrap(100, 10_000)
    lines = len(plain_lines(plain))
    # A table asks at the cell's full width, having wrapped inside its padding.
    top, rest = plain.split(108, 2 * STYLES["cell"].leading + 1)
    assert isinstance(top, PlainText) and isinstance(rest, PlainText)
    assert len(plain_lines(top)) == 2 and len(plain_lines(rest)) == lines - 2
    assert plain.split(100, STYLES["cell"].leading) == []  # one line alone: not here
