"""User text made safe for documents: control characters out, markup escaped, lines kept."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from panel_app.documents import fonts
from panel_app.documents.arabic import visual_order

# XML 1.0 cannot hold these (nor can Word's files); tab and newline are kept.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n{3,}")
_SPECIAL = re.compile("[\u0600-\u06ff\u2e80-\U0010ffff]")  # Arabic, and CJK onwards


def clean(text: str | None) -> str:
    """Text as it should print: no control characters, Windows line ends made plain."""
    if not text:
        return ""
    if text.isprintable():  # the usual case: no line breaks, tabs or control characters
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    text = _CONTROL.sub("", text).replace("\t", "    ")
    return _BLANK_LINES.sub("\n\n", text).strip()


def needs_shaping(text: str) -> bool:
    """True when text holds Arabic (to join and reverse) or characters for the CJK font."""
    return _SPECIAL.search(text) is not None


def markup(text: str | None) -> str:
    """User text as reportlab Paragraph markup that shows exactly what was typed.

    ``<``, ``&`` and tags are escaped, line breaks become ``<br/>``, Arabic is joined and put
    right to left, and characters DejaVu Sans lacks (Chinese...) are set in the fallback font.
    """
    typed = clean(text)
    if not _SPECIAL.search(typed):  # the usual case: nothing to shape or to set in CJK
        return escape(typed).replace("\n", "<br/>")
    drawn = "\n".join(visual_order(line) for line in typed.split("\n"))
    pieces = []
    for run, fallback in fonts.fallback_runs(drawn):
        escaped = escape(run).replace("\n", "<br/>")
        pieces.append(f'<font name="{fonts.FALLBACK}">{escaped}</font>' if fallback else escaped)
    return "".join(pieces)
