"""Choosing and shortening sentences for the learning briefing."""

from __future__ import annotations

import pytest

from panel_app.documents.condense import (
    action_sentence,
    choose,
    is_directive,
    repeats,
    sentences,
    shorten,
    unlabelled,
)


def test_sentences_end_at_full_stops_but_not_after_abbreviations_or_initials() -> None:
    text = (
        "A single assessment should evidence the tools used, e.g. Brook Traffic Light Tool. "
        "J. Smith chaired.\nThe auditors met on 13.11.2018. Was it timely? “Yes,” she said."
    )
    assert sentences(text) == [
        "A single assessment should evidence the tools used, e.g. Brook Traffic Light Tool.",
        "J. Smith chaired.",
        "The auditors met on 13.11.2018.",
        "Was it timely?",
        "“Yes,” she said.",
    ]
    assert sentences("  ") == [] and sentences("No full stop") == ["No full stop"]


def test_a_long_sentence_is_cut_before_an_aside_kept_whole_or_cut_with_an_ellipsis() -> None:
    aside = (
        "In one case a criminal process was used to keep the child and his siblings safe, "
        "although this is set against not wishing to criminalise the young person."
    )
    assert shorten(aside, 20) == (
        "In one case a criminal process was used to keep the child and his siblings safe."
    )
    # A cut at any comma could leave a sentence without its verb: kept whole instead.
    whole = "A professionals meeting, where those involved can get support, needs to happen."
    assert shorten(whole, 8) == whole
    endless = " ".join(f"word{n}" for n in range(100))
    assert shorten(endless, 10) == " ".join(f"word{n}" for n in range(10)) + "…"
    assert shorten("Short.", 10) == "Short."


@pytest.mark.parametrize(
    ("sentence", "directive"),
    [
        ("Practitioners should refer to UAVA.", True),
        ("Chronologies must be kept up to date.", True),
        ("Use of AIM2 assessments is crucial in care planning.", True),
        ("All agencies to ensure that plans are clear.", True),
        ("Schools to review their record keeping.", True),
        ("A range of tools were used to assist assessments.", False),
        ("Appropriate levers were used to safeguard the child.", False),
        ("Overcrowding was recognised late.", False),
    ],
)
def test_what_to_do_is_told_from_what_happened(sentence: str, directive: bool) -> None:
    assert is_directive(sentence) is directive


def test_the_sentence_that_says_what_to_do_is_the_one_taken() -> None:
    text = "Two cases were known to UAVA. Practitioners should refer appropriately to agencies."
    assert action_sentence(text, 40) == "Practitioners should refer appropriately to agencies."
    assert action_sentence("Overcrowding was recognised late. No referral.", 40) == (
        "Overcrowding was recognised late."
    )
    assert unlabelled("Plans: had elements of being SMART.") == "Had elements of being SMART."
    assert unlabelled("Note: See the plan.") == "Note: See the plan."


def test_repeats_compare_the_telling_words_in_any_script() -> None:
    said = ["Practitioners should ensure unborn children are always mentioned in the referral."]
    assert repeats("Ensure unborn children are mentioned in each referral by practitioners.", said)
    assert not repeats("Voice of the child was inconsistent.", said)
    assert not repeats("王小明", said) and repeats("王小明", ["王小明"])
    assert not repeats("王小明", ["张伟"])


def test_every_group_speaks_and_the_budget_holds() -> None:
    long_one = "One " + "very " * 40 + "long sentence."
    groups = [["Theme one. Theme more."], [long_one, "Good two."], [], ["Fix it. Fix it."]]
    found, well, empty, improve = choose(groups, 30)
    assert found.startswith("Theme one.") and empty == "" and improve == "Fix it."
    assert well.startswith("One very") and well.endswith("Good two.")
    assert len(f"{found} {well} {improve}".split()) <= 30 + 5
    assert choose([["Said already here."]], 30, skip=["Said already here."]) == [""]
