"""The minute-taker's capture line: one line of text becomes a discussion point, good practice,
learning or an action.

    The referral was timely.                  a discussion point (or the step's own kind)
    gp: Excellent core group attendance       good practice       (also "+ …")
    l: Plans must say what will change        learning            (also "? …")
    a: Refresh neglect training @All agencies by end of March      an action (also "! …")
    d: Chair asked for the chronology         a discussion point, whatever the step

An action's owner follows ``@`` (the audit's agencies and roles such as "All agencies" are
matched whole, so they may contain spaces; anything else is one word); its due date follows
"by", "due" or "before" at the end of the line, in any form ``panel_app.dates.parse_date``
reads (31/03/2018, 10 May, +4w, end of March), or is a bare +4w or 31/03/2018 at the end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from db.enums import Step
from panel_app.dates import parse_date
from panel_app.errors import DomainError


class CaptureKind(StrEnum):
    POINT = "point"
    GOOD_PRACTICE = "good_practice"
    LEARNING = "learning"
    ACTION = "action"


KIND_LABELS = {
    CaptureKind.POINT: "Discussion point",
    CaptureKind.GOOD_PRACTICE: "Good practice",
    CaptureKind.LEARNING: "Learning",
    CaptureKind.ACTION: "Action",
}

#: Longest first, so "good practice:" wins over "gp:"; matched case-insensitively.
PREFIXES: tuple[tuple[str, CaptureKind], ...] = (
    ("good practice:", CaptureKind.GOOD_PRACTICE),
    ("learning:", CaptureKind.LEARNING),
    ("action:", CaptureKind.ACTION),
    ("note:", CaptureKind.POINT),
    ("gp:", CaptureKind.GOOD_PRACTICE),
    ("l:", CaptureKind.LEARNING),
    ("a:", CaptureKind.ACTION),
    ("d:", CaptureKind.POINT),
    ("+", CaptureKind.GOOD_PRACTICE),
    ("?", CaptureKind.LEARNING),
    ("!", CaptureKind.ACTION),
)

#: At these steps a line with no prefix is what the step is about.
STEP_KINDS = {
    Step.GOOD_PRACTICE: CaptureKind.GOOD_PRACTICE,
    Step.LEARNING: CaptureKind.LEARNING,
    Step.ACTIONS: CaptureKind.ACTION,
}

_DUE_MARKER = re.compile(r"(?<!\S)(?:due\s+by|due:?|by|before)\s+", re.IGNORECASE)
_BARE_DATE = re.compile(
    r"(?<!\S)(\+\s*\d{1,3}\s*[dwmDWM]|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})\s*[.;,]?\s*$"
)
_OWNER_END = " \t,.;:)"
_TRAILING = " \t,;:-–—"


@dataclass(frozen=True)
class Capture:
    kind: CaptureKind
    text: str
    owner: str = ""
    due_date: date | None = None

    @property
    def missing(self) -> list[str]:
        """What an action still needs to be SMART: "owner", "due date"."""
        if self.kind is not CaptureKind.ACTION:
            return []
        return [name for name, value in (("owner", self.owner), ("due date", self.due_date))
                if not value]  # fmt: skip


def default_kind(step: Step | None) -> CaptureKind:
    return STEP_KINDS.get(step, CaptureKind.POINT) if step is not None else CaptureKind.POINT


def split_prefix(line: str) -> tuple[CaptureKind | None, str]:
    """The kind a prefix asks for (None if there is none), and the rest of the line."""
    stripped = line.lstrip()
    lowered = stripped.lower()
    for prefix, kind in PREFIXES:
        if lowered.startswith(prefix):
            return kind, stripped[len(prefix) :]
    return None, stripped


def _tidy(text: str, trimmed: bool) -> str:
    """Runs of spaces become one; punctuation left dangling by a removed owner or date goes."""
    text = " ".join(text.split())
    return text.rstrip(_TRAILING) if trimmed else text


def take_owner(text: str, owners: Sequence[str]) -> tuple[str, str]:
    """Find ``@owner`` in ``text``: returns (owner, text without it)."""
    for match in re.finditer(r"(?<!\S)@", text):
        after = text[match.end() :]
        lowered = after.lower()
        known = [
            owner
            for owner in owners
            if owner
            and lowered.startswith(owner.lower())
            and (len(after) == len(owner) or after[len(owner)] in _OWNER_END)
        ]
        if known:
            owner = max(known, key=len)
            return owner, text[: match.start()] + after[len(owner) :]
        word = re.match(r"[^\s]+", after)
        if word is not None:
            owner = word.group(0).rstrip(_OWNER_END)
            if owner:
                return owner, text[: match.start()] + after[word.end() :]
    return "", text


def take_due_date(text: str, today: date | None = None) -> tuple[date | None, str]:
    """Find a due date at the end of ``text``: returns (date, text without it)."""
    for match in reversed(list(_DUE_MARKER.finditer(text))):
        typed = text[match.end() :].strip().rstrip(".;,")
        if not typed:
            continue
        try:
            return parse_date(typed, today), text[: match.start()]
        except DomainError:
            continue
    bare = _BARE_DATE.search(text)
    if bare is not None:
        try:
            return parse_date(bare.group(1), today), text[: bare.start()]
        except DomainError:
            pass
    return None, text


def parse_capture(
    line: str,
    *,
    default: CaptureKind = CaptureKind.POINT,
    owners: Sequence[str] = (),
    today: date | None = None,
) -> Capture:
    """Read one captured line; raises ``DomainError`` when there is nothing to record."""
    kind, rest = split_prefix(line.replace("\x00", ""))
    kind = kind or default
    owner, due = "", None
    if kind is CaptureKind.ACTION:
        owner, rest = take_owner(rest, owners)
        due, rest = take_due_date(rest, today)
    text = _tidy(rest, trimmed=bool(owner or due))
    if not text:
        raise DomainError(
            "There is nothing to record: type the action itself as well as its owner and date."
            if owner or due
            else "There is nothing to record yet.",
            "text",
        )
    return Capture(kind, text, owner, due)


def rank_owners(typed: str, owners: Sequence[str]) -> list[str]:
    """Every owner, those matching ``typed`` first: starting with it, then with a word starting
    with it, then containing it (so "bus" offers Business Manager before Domestic Abuse)."""
    wanted = " ".join(typed.lower().split())
    if not wanted:
        return list(owners)

    def rank(owner: str) -> int:
        lowered = owner.lower()
        if lowered.startswith(wanted):
            return 0
        if any(word.startswith(wanted) for word in re.split(r"[\s/&(),-]+", lowered)):
            return 1
        return 2 if wanted in lowered else 3

    return sorted(owners, key=rank)
