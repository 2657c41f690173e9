"""Dates a person enters lie between 1900-01-01 and a year from today; empty text is not today."""

from __future__ import annotations

from datetime import date

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training.log import DAYS_AHEAD_ALLOWED, EARLIEST_DATE, parse_date

TODAY = date(2026, 12, 2)


def test_the_earliest_date_is_accepted_and_the_day_before_refused() -> None:
    assert parse_date("1900-01-01", today=TODAY) == EARLIEST_DATE
    with pytest.raises(
        InvalidInputError, match=r"'1899-12-31' is out of range: allowed 1900-01-01"
    ):
        parse_date("1899-12-31", "--date", today=TODAY)


def test_year_one_is_refused_naming_the_allowed_range() -> None:
    with pytest.raises(
        InvalidInputError,
        match=r"--date '0001-01-01' is out of range: allowed "
        r"1900-01-01 to 2027-12-03",
    ):
        parse_date("0001-01-01", "--date", today=TODAY)


def test_a_year_ahead_is_accepted_and_a_day_more_refused() -> None:
    assert DAYS_AHEAD_ALLOWED == 366
    assert parse_date("2027-12-03", today=TODAY) == date(2027, 12, 3)
    with pytest.raises(InvalidInputError, match="out of range"):
        parse_date("2027-12-04", today=TODAY)


def test_empty_text_is_not_taken_as_today() -> None:
    with pytest.raises(InvalidInputError, match=r"--date '' is not a date"):
        parse_date("", "--date", today=TODAY)
    with pytest.raises(InvalidInputError, match="is not a date"):
        parse_date("   ", today=TODAY)


def test_today_and_yesterday_follow_the_reference_day() -> None:
    assert parse_date("today", today=TODAY) == TODAY
    assert parse_date(" Yesterday ", today=TODAY) == date(2026, 12, 1)
