"""UK dates: shown as people expect and read back from however they are typed."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from panel_app.dates import format_long, format_short, parse_date
from panel_app.errors import DomainError

TODAY = date(2017, 5, 10)


def test_formats_are_uk_style() -> None:
    assert format_short(date(2017, 3, 31)) == "31/03/2017"
    assert format_long(date(2017, 5, 10)) == "10 May 2017"
    assert format_short(None) == format_long(None) == ""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("31/03/2017", date(2017, 3, 31)),
        ("31/3/17", date(2017, 3, 31)),
        ("31,03,17", date(2017, 3, 31)),  # as the HSB report writes it
        ("31.03.2017", date(2017, 3, 31)),
        ("2017-03-31", date(2017, 3, 31)),
        ("10 May 2017", date(2017, 5, 10)),
        ("1st June", date(2017, 6, 1)),
        ("1 April", date(2018, 4, 1)),  # the next one, not last month's
        ("today", TODAY),
        ("Tomorrow", date(2017, 5, 11)),
        ("+4w", date(2017, 6, 7)),
        ("+3m", date(2017, 8, 10)),
        ("end of March", date(2018, 3, 31)),
        ("end of month", date(2017, 5, 31)),
    ],
)
def test_what_people_type_is_understood(typed: str, meant: date) -> None:
    assert parse_date(typed, today=TODAY) == meant


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31/02/2017", "'31/02/2017' is not a date: February 2017 has 28 days."),
        ("12/13/2017", "'12/13/2017' is not a date: there is no month 13."),
        ("next week", "'next week' is not a date. Type it as day/month/year, such as 31/03/2017."),
        ("", "Enter a date, such as 31/03/2017."),
        ("5 Smarch", "'5 Smarch' is not a date: 'smarch' is not a month."),
    ],
)
def test_impossible_dates_are_explained(typed: str, message: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_date(typed, today=TODAY)
    assert caught.value.message == message


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))
def test_both_printed_forms_read_back(day: date) -> None:
    assert parse_date(format_short(day)) == day
    assert parse_date(format_long(day)) == day
