"""Parsing a prescribed tempo and hold."""

from __future__ import annotations

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import Tempo
from revhyper.domain.motion.prescription import make_prescription, parse_tempo


def test_a_tempo_is_four_phases_in_seconds():
    assert parse_tempo("3-1-3-1") == Tempo(3.0, 1.0, 3.0, 1.0)
    assert parse_tempo(" 2.5-0-2-0.5 ") == Tempo(2.5, 0.0, 2.0, 0.5)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("3-1-3", "four numbers"),
        ("3-x-3-1", "not a number"),
        ("3--1-3-1", "four numbers"),
        ("0-1-3-1", "over 0 s"),
        ("3-1-3-100", "between 0 and 60"),
        ("3-1-nan-1", "between 0 and 60"),
    ],
)
def test_a_bad_tempo_is_refused_with_a_reason(spec, message):
    with pytest.raises(InvalidInputError, match=message):
        parse_tempo(spec)


def test_nothing_prescribed_gives_no_prescription():
    assert make_prescription() is None


def test_a_hold_must_be_positive():
    with pytest.raises(InvalidInputError, match="hold"):
        make_prescription(hold_s=0.0)
    assert make_prescription(hold_s=3.0).hold_s == 3.0
