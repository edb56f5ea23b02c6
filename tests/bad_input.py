"""What the bad-input sweep types: arbitrary text (markup, control characters, very long
strings, right-to-left and combining characters, formula-looking strings), every text field it
types into, and how a field should store what was typed (services.fields.clean_text's rule).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from db.base import LONG_TEXT, SHORT_TEXT
from db.models import Action, Audit, Case, DiscussionPoint, Finding, Involvement
from panel_app.services import actions, audits, cases, involvement, meetings, notes
from tests.builders import Built

#: More examples for a longer hunt: AUDIT_PANEL_SWEEP=10 runs ten times as many.
SCALE = max(1, int(os.environ.get("AUDIT_PANEL_SWEEP", "1")))
CI = bool(os.environ.get("CI"))


def sweep_settings(examples: int) -> settings:
    """Few examples by default (the sweep takes about half a minute), derandomised on CI so
    a run there is repeatable; no example database left in the checkout on CI."""
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        derandomize=CI,
        database=None if CI else settings.default.database,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


MARKUP = ("<b>", "</b>", "<para>", "</para>", "<br/>", "&", "&amp;", "&lt;", "&#60;",
          '<font color="red">', "<a href='x'>", "<![CDATA[", "]]>", "<i>bold?</i>")  # fmt: skip
FORMULAS = ("=1+1", "+", "-", "@", "=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1:A2)", "-2+3",
            "+44 1752 000000", "=cmd|' /C calc'!A0")  # fmt: skip
WORLD = ("مرحبا بكم", "שלום", "\u202eevil\u202c", "\u200f", "\u200d", "e\u0301", "\u0308\u0308",
         "Zażółć gęślą", "中文名字", "👩‍👧", "\ufeff", "\u2028", "\ufffe", "Ǆ")  # fmt: skip
CONTROL = ("\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x9f", "\ud800", "\t", "\n", "\r\n",
           "\r", "\n\n\n\n", "  ", " ")  # fmt: skip
PIECES = MARKUP + FORMULAS + WORLD + CONTROL


def mixed() -> st.SearchStrategy[str]:
    """A short run of markup, formulas, other alphabets, control characters and anything."""
    piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
    return st.lists(piece, max_size=10).map("".join)


def typed(limit: int) -> st.SearchStrategy[str]:
    """What someone might type or paste into a field holding at most ``limit`` characters."""
    mixed_ = mixed()
    near_limit = st.builds(
        lambda fill, count: (fill * count)[:count],
        st.sampled_from(["x", "word ", "<b>&", "مرحبا ", "=1"]),
        st.integers(min_value=limit - 3, max_value=limit + 3),
    )
    pasted = st.builds(lambda count: "paste " * count, st.integers(8_000, 9_000))  # 50k chars
    return st.one_of(mixed_, mixed_, mixed_, near_limit, pasted)


_STORED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def stored_form(text: str, limit: int) -> str:
    """The documented normalisation (README: bad input): control characters removed, line
    ends made \\n, and one-line fields' runs of white space made one space."""
    plain = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    plain = _STORED_CONTROL.sub("", plain)
    return " ".join(plain.split()) if limit == SHORT_TEXT else plain


Setter = Callable[[Session, Built, str], Any]
Getter = Callable[[Session, Built], str]


@dataclass(frozen=True)
class Field:
    name: str
    limit: int
    set: Setter
    get: Getter
    required: bool = False
    #: Documents it appears in whole: minutes, summary (executive summary), actions (the log),
    #: briefing (the learning briefing; it shows a sentence or two of the findings and
    #: rationale, checked against its model instead).
    shown: tuple[str, ...] = ()

    def outcome(self, text: str) -> str | None:
        """What it should store, or None when the services should refuse it."""
        value = stored_form(text, self.limit)
        if (self.required and not value.strip()) or len(value) > self.limit:
            return None
        return value


def _audit(name: str) -> tuple[Setter, Getter]:
    return (
        lambda s, b, v: audits.update_audit(s, b.audit_id, **{name: v}),
        lambda s, b: getattr(s.get(Audit, b.audit_id), name),
    )


def _case(name: str) -> tuple[Setter, Getter]:
    return (
        lambda s, b, v: cases.update_case(s, b.case_ids[0], **{name: v}),
        lambda s, b: getattr(s.get(Case, b.case_ids[0]), name),
    )


def _involvement(name: str) -> tuple[Setter, Getter]:
    def first(s: Session, b: Built) -> Involvement:
        found = s.get(Case, b.case_ids[0])
        assert found is not None
        return found.involvements[0]

    return (
        lambda s, b, v: involvement.update_involvement(s, first(s, b).id, **{name: v}),
        lambda s, b: getattr(first(s, b), name),
    )


def _action(name: str) -> tuple[Setter, Getter]:
    return (
        lambda s, b, v: actions.update_action(s, b.action_ids[1], **{name: v}),
        lambda s, b: getattr(s.get(Action, b.action_ids[1]), name),
    )


def _finding(name: str) -> tuple[Setter, Getter]:
    def first(s: Session, b: Built) -> Finding:
        found = s.get(Audit, b.audit_id)
        assert found is not None
        return found.findings[0]

    return (
        lambda s, b, v: notes.update_finding(s, first(s, b).id, **{name: v}),
        lambda s, b: getattr(first(s, b), name),
    )


def _point() -> tuple[Setter, Getter]:
    def first(s: Session, b: Built) -> DiscussionPoint:
        found = s.get(Audit, b.audit_id)
        assert found is not None
        return found.discussion_points[0]

    return (
        lambda s, b, v: notes.update_point(s, first(s, b).id, text=v),
        lambda s, b: first(s, b).text,
    )


def _meeting(name: str) -> tuple[Setter, Getter]:
    def first(s: Session, b: Built) -> Any:
        found = s.get(Audit, b.audit_id)
        assert found is not None
        return found.meetings[0]

    return (
        lambda s, b, v: meetings.update_meeting(s, first(s, b).id, **{name: v}),
        lambda s, b: getattr(first(s, b), name),
    )


S, L = SHORT_TEXT, LONG_TEXT
MINUTES, SUMMARY, LOG = "minutes", "summary", "actions"
BRIEFING = "briefing"  # whole only in its title: the rest is condensed (test_bad_input)
FIELDS: tuple[Field, ...] = (
    Field("audit.theme", S, *_audit("theme"), required=True),
    Field(
        "audit.title", S, *_audit("title"), required=True, shown=(MINUTES, SUMMARY, LOG, BRIEFING)
    ),
    Field("audit.scope_description", S, *_audit("scope_description")),
    Field("audit.introduction", L, *_audit("introduction"), shown=(SUMMARY,)),
    Field("audit.rationale", L, *_audit("rationale"), shown=(SUMMARY,)),
    Field("audit.methodology", L, *_audit("methodology"), shown=(SUMMARY,)),
    Field("audit.process", L, *_audit("process")),
    Field("audit.tool_name", S, *_audit("tool_name"), required=True),
    Field("case.pseudonym", S, *_case("pseudonym"), required=True, shown=(MINUTES,)),
    Field("case.private_reference", S, *_case("private_reference")),
    Field("case.age_band", S, *_case("age_band"), shown=(MINUTES,)),
    Field("case.gender", S, *_case("gender"), shown=(MINUTES,)),
    Field("case.ethnicity", S, *_case("ethnicity"), shown=(MINUTES,)),
    Field("case.disability", S, *_case("disability"), shown=(MINUTES,)),
    Field("case.key_facts", L, *_case("key_facts"), shown=(MINUTES,)),
    Field("case.conclusion", L, *_case("conclusion"), shown=(MINUTES,)),
    Field("involvement.summary", L, *_involvement("summary"), shown=(MINUTES,)),
    Field("involvement.strengths", L, *_involvement("strengths"), shown=(MINUTES,)),
    Field(
        "involvement.areas_for_development",
        L,
        *_involvement("areas_for_development"),
        shown=(MINUTES,),
    ),
    Field("finding.text", L, *_finding("text"), required=True, shown=(MINUTES, SUMMARY)),
    Field("finding.theme", S, *_finding("theme")),
    Field("action.text", L, *_action("text"), required=True, shown=(MINUTES, LOG)),
    Field("action.owner", S, *_action("owner"), shown=(MINUTES, LOG)),
    Field("action.evidence", L, *_action("evidence"), shown=(LOG,)),
    Field("discussion_point.text", L, *_point(), required=True, shown=(MINUTES,)),
    Field("meeting.chair", S, *_meeting("chair"), shown=(MINUTES,)),
    Field("meeting.location", S, *_meeting("location"), shown=(MINUTES,)),
)
BY_NAME = {field.name: field for field in FIELDS}

#: Examples run per field in this process: each test hands its own on as a user property
#: ("sweep"), which pytest-xdist carries to the process that prints the summary.
RUN: Counter[str] = Counter()
REFUSED: Counter[str] = Counter()
EXPORTED: Counter[str] = Counter()
PROPERTY = "sweep"
COUNTERS = {"typed": RUN, "refused": REFUSED, "exported": EXPORTED}


def report(counts: list[tuple[Any, ...]]) -> list[str]:
    """The figures, from (field, "typed" | "refused" | "exported", number) triples."""
    totals: dict[str, Counter[str]] = {}
    for field, what, number in counts:
        totals.setdefault(what, Counter())[field] += number
    if not totals:
        return []
    typed, refused, exported = (totals.get(k, Counter()) for k in ("typed", "refused", "exported"))
    lines = [
        "Bad-input sweep (Hypothesis): examples per field "
        "(typed through the services / refused with a message / through every export)"
    ]
    for field in FIELDS:
        lines.append(
            f"  {field.name:<38} {typed[field.name]:>5} typed  {refused[field.name]:>4} refused"
            f"  {exported[field.name]:>4} exported"
        )
    lines.append(
        f"  total: {sum(typed.values())} typed, {sum(refused.values())} refused, "
        f"{sum(exported.values())} field values through every export"
    )
    return lines
