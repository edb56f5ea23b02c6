"""Arabic in the PDFs: letters joined and words right to left, as a reader expects them.

reportlab draws characters one by one, left to right, so an Arabic name would print as
separate letters in the wrong order. Each run of Arabic words is given the contextual
letter forms (Unicode's Arabic Presentation Forms-B, which DejaVu Sans has) and reversed.
This covers the Arabic alphabet (names, short phrases); it is not a full bidi algorithm —
a run broken over two lines reads line by line, and Persian or Urdu extra letters stay
unjoined. Word files keep the text as typed: Word shapes it itself.
"""

from __future__ import annotations

import re

# Base letter -> (first presentation form, number of forms). Forms run isolated, final,
# initial, medial; letters with two forms join only to the letter before them.
_FORMS: dict[str, tuple[int, int]] = {
    "\u0621": (0xFE80, 1),
    "\u0622": (0xFE81, 2),
    "\u0623": (0xFE83, 2),
    "\u0624": (0xFE85, 2),
    "\u0625": (0xFE87, 2),
    "\u0626": (0xFE89, 4),
    "\u0627": (0xFE8D, 2),
    "\u0628": (0xFE8F, 4),
    "\u0629": (0xFE93, 2),
    "\u062a": (0xFE95, 4),
    "\u062b": (0xFE99, 4),
    "\u062c": (0xFE9D, 4),
    "\u062d": (0xFEA1, 4),
    "\u062e": (0xFEA5, 4),
    "\u062f": (0xFEA9, 2),
    "\u0630": (0xFEAB, 2),
    "\u0631": (0xFEAD, 2),
    "\u0632": (0xFEAF, 2),
    "\u0633": (0xFEB1, 4),
    "\u0634": (0xFEB5, 4),
    "\u0635": (0xFEB9, 4),
    "\u0636": (0xFEBD, 4),
    "\u0637": (0xFEC1, 4),
    "\u0638": (0xFEC5, 4),
    "\u0639": (0xFEC9, 4),
    "\u063a": (0xFECD, 4),
    "\u0641": (0xFED1, 4),
    "\u0642": (0xFED5, 4),
    "\u0643": (0xFED9, 4),
    "\u0644": (0xFEDD, 4),
    "\u0645": (0xFEE1, 4),
    "\u0646": (0xFEE5, 4),
    "\u0647": (0xFEE9, 4),
    "\u0648": (0xFEED, 2),
    "\u0649": (0xFEEF, 2),
    "\u064a": (0xFEF1, 4),
}
# Lam followed by an alef is one ligature: (isolated, final).
_LAM_ALEF = {"\u0622": 0xFEF5, "\u0623": 0xFEF7, "\u0625": 0xFEF9, "\u0627": 0xFEFB}
_LAM = "\u0644"
_MARKS = re.compile("[\u064b-\u0652]")
_RUN = re.compile("[\u0621-\u064a\u064b-\u0652]+(?:[ \u00a0]+[\u0621-\u064a\u064b-\u0652]+)*")


def _joins_forward(char: str | None) -> bool:
    return char is not None and _FORMS.get(char, (0, 0))[1] == 4


def _joins_back(char: str | None) -> bool:
    return char is not None and _FORMS.get(char, (0, 1))[1] > 1


def _clusters(word: str) -> list[tuple[str, str]]:
    """(letter, the vowel marks written after it) for each letter of the word."""
    clusters: list[tuple[str, str]] = []
    for char in word:
        if _MARKS.match(char) and clusters:
            letter, marks = clusters[-1]
            clusters[-1] = (letter, marks + char)
        elif not _MARKS.match(char):
            clusters.append((char, ""))
    return clusters


def _shape_word(word: str) -> list[str]:
    """The word's letters in their joined forms, one string per letter with its marks."""
    clusters = _clusters(word)
    letters = [letter for letter, _ in clusters]
    out: list[str] = []
    index = 0
    while index < len(letters):
        char, marks = clusters[index]
        before = letters[index - 1] if index else None
        after = letters[index + 1] if index + 1 < len(letters) else None
        joined_before = _joins_forward(before) and _joins_back(char)
        if char == _LAM and after in _LAM_ALEF:
            ligature = chr(_LAM_ALEF[after] + (1 if joined_before else 0))
            out.append(ligature + marks + clusters[index + 1][1])
            index += 2
            continue
        start, count = _FORMS.get(char, (ord(char), 1))
        joined_after = _joins_forward(char) and _joins_back(after)
        if count == 4:
            form = (2 if joined_after else 0) + (1 if joined_before else 0)
        else:
            form = 1 if count == 2 and joined_before else 0
        out.append(chr(start + form) + marks)
        index += 1
    return out


def _visual(run: re.Match[str]) -> str:
    """The run drawn right to left: words and letters reversed, marks kept after letters."""
    pieces: list[str] = []
    for word in re.split("([ \u00a0]+)", run.group()):
        pieces += [word] if not word.strip() else _shape_word(word)
    return "".join(reversed(pieces))


def visual_order(text: str) -> str:
    """``text`` with each Arabic run shaped and put in the order it is drawn (one line)."""
    return _RUN.sub(_visual, text) if any("\u0600" <= c <= "\u06ff" for c in text) else text
