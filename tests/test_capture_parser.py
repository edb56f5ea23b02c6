"""The capture line's parser: prefixes, owners and due dates, and that nothing typed is lost."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from db.enums import Step
from panel_app.errors import DomainError
from panel_app.panel.capture import (
    PREFIXES,
    CaptureKind,
    default_kind,
    parse_capture,
    split_prefix,
)

TODAY = date(2017, 5, 10)
OWNERS = ["All agencies", "Business Manager", "CYPFS", "Devon & Cornwall Police", "Police", "L&C"]


def parse(line: str, default: CaptureKind = CaptureKind.POINT):  # type: ignore[no-untyped-def]
    return parse_capture(line, default=default, owners=OWNERS, today=TODAY)


@pytest.mark.parametrize(
    ("line", "kind", "text"),
    [
        ("The referral was timely.", CaptureKind.POINT, "The referral was timely."),
        ("gp: Excellent core groups", CaptureKind.GOOD_PRACTICE, "Excellent core groups"),
        ("GP:Excellent", CaptureKind.GOOD_PRACTICE, "Excellent"),
        (
            "+ Good challenge by the school",
            CaptureKind.GOOD_PRACTICE,
            "Good challenge by the school",
        ),
        ("Good practice: advocate", CaptureKind.GOOD_PRACTICE, "advocate"),
        ("l: Plans must say what changes", CaptureKind.LEARNING, "Plans must say what changes"),
        ("? Voice of the child", CaptureKind.LEARNING, "Voice of the child"),
        ("learning: history matters", CaptureKind.LEARNING, "history matters"),
        ("a: Update the chronology", CaptureKind.ACTION, "Update the chronology"),
        ("! Update the chronology", CaptureKind.ACTION, "Update the chronology"),
        ("d: Chair asked", CaptureKind.POINT, "Chair asked"),
        ("  spaces   are   tidied  ", CaptureKind.POINT, "spaces are tidied"),
    ],
)
def test_prefixes_choose_the_kind(line: str, kind: CaptureKind, text: str) -> None:
    parsed = parse(line)
    assert (parsed.kind, parsed.text) == (kind, text)


def test_the_step_decides_a_line_without_a_prefix() -> None:
    assert default_kind(Step.GOOD_PRACTICE) is CaptureKind.GOOD_PRACTICE
    assert default_kind(Step.ACTIONS) is CaptureKind.ACTION
    assert default_kind(Step.AGENCY_SUMMARIES) is CaptureKind.POINT
    assert default_kind(None) is CaptureKind.POINT
    assert parse("Good liaison", CaptureKind.GOOD_PRACTICE).kind is CaptureKind.GOOD_PRACTICE
    assert parse("d: just a point", CaptureKind.ACTION).kind is CaptureKind.POINT


@pytest.mark.parametrize(
    ("line", "text", "owner", "due"),
    [
        (
            "! Refresh neglect training @All agencies by end of March",
            "Refresh neglect training", "All agencies", date(2018, 3, 31),
        ),
        ("a: Train staff @Devon & Cornwall Police, by +4w", "Train staff",
         "Devon & Cornwall Police", date(2017, 6, 7)),
        ("a: Review the placement process @l&c 31/03/17", "Review the placement process",
         "L&C", date(2017, 3, 31)),
        ("! Circulate summaries @BSM due 10/05/2017", "Circulate summaries", "BSM",
         date(2017, 5, 10)),
        ("! Review timetabling by 25 May @Business Manager", "Review timetabling",
         "Business Manager", date(2017, 5, 25)),
        ("a: Contact j@example.org about training", "Contact j@example.org about training",
         "", None),
        ("a: Training to be delivered by the police", "Training to be delivered by the police",
         "", None),
        ("a: Report back by the team by +2m", "Report back by the team", "", date(2017, 7, 10)),
        ("a: Share the plan @Police", "Share the plan", "Police", None),
        ("a: Share the plan before end of June", "Share the plan", "", date(2017, 6, 30)),
    ],
)  # fmt: skip
def test_an_action_takes_its_owner_and_due_date_from_the_line(
    line: str, text: str, owner: str, due: date | None
) -> None:
    parsed = parse(line)
    assert (parsed.kind, parsed.text, parsed.owner, parsed.due_date) == (
        CaptureKind.ACTION, text, owner, due,
    )  # fmt: skip
    assert parsed.missing == [n for n, v in (("owner", owner), ("due date", due)) if not v]


def test_owners_and_dates_are_left_alone_outside_actions() -> None:
    parsed = parse("gp: Praise @Police by +4w")
    assert (parsed.text, parsed.owner, parsed.due_date) == ("Praise @Police by +4w", "", None)
    assert parsed.missing == []


@pytest.mark.parametrize("line", ["", "   ", "gp:", "!", "! @Police by +4w"])
def test_nothing_to_record_is_said_plainly(line: str) -> None:
    with pytest.raises(DomainError, match="nothing to record"):
        parse(line)


# -- properties ------------------------------------------------------------------------------------
PLAIN_WORD = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F),
    min_size=1,
    max_size=12,
)


@given(st.text(max_size=200))
def test_any_line_is_recorded_or_refused_plainly(line: str) -> None:
    for default in CaptureKind:
        try:
            parsed = parse(line, default)
        except DomainError as refusal:
            assert refusal.message
            continue
        assert parsed.text and parsed.text == " ".join(parsed.text.split())


@given(st.lists(PLAIN_WORD, min_size=1, max_size=12))
def test_a_plain_line_is_kept_word_for_word(words: list[str]) -> None:
    line = " ".join(words)
    kind, _rest = split_prefix(line)
    parsed = parse(line)
    if kind is None:
        assert (parsed.kind, parsed.text) == (CaptureKind.POINT, line)


@given(
    st.sampled_from(PREFIXES),
    st.lists(PLAIN_WORD, min_size=1, max_size=8),
    st.sampled_from(OWNERS),
    st.sampled_from(["+4w", "+10d", "31/03/2018", "end of March", "25 Dec", "tomorrow"]),
    st.sampled_from(["by", "due", "before", "due by"]),
)
def test_every_word_of_an_action_is_kept_beside_its_owner_and_date(
    prefix: tuple[str, CaptureKind], words: list[str], owner: str, when: str, marker: str
) -> None:
    _mark, kind = prefix
    body = " ".join(words)
    line = f"! {body} @{owner} {marker} {when}"
    parsed = parse(line)
    assert (parsed.text, parsed.owner) == (body, owner)
    assert parsed.due_date is not None and parsed.due_date >= TODAY
    # The prefix chosen decides the kind, whatever follows.
    assert parse(f"{_mark} {body}").kind is kind
