"""The exact rules behind typed loads, typed numbers, tempos and a form check's prescription.

Every refusal is checked word for word (a person reads it: it names the value as typed and
what is allowed), and every limit just inside and just outside: the largest typed number
(1e15), the longest text quoted whole (20 characters), the longest tempo phase and hold (60 s),
the shortest lift and lowering (over 0 s). Expected values and messages are written by hand.
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager

import pytest

from revhyper.domain.errors import InvalidInputError
from revhyper.domain.motion.form_result import Prescription, Tempo
from revhyper.domain.motion.prescription import make_prescription
from revhyper.domain.tempo import parse_tempo
from revhyper.domain.typed_numbers import as_typed, is_sane_number
from revhyper.domain.units import MassUnit, parse_load, parse_load_and_unit

TOO_BIG_HINT = "write a finite number up to 1e+15 with an optional unit, e.g. 90 or 90lb"


def _refusal(message: str) -> AbstractContextManager[object]:
    return pytest.raises(InvalidInputError, match=f"^{re.escape(message)}$")


# --- typed text quoted in a message -------------------------------------------------------


def test_short_typed_text_is_quoted_whole() -> None:
    assert as_typed("90kg") == "'90kg'"
    assert as_typed(12.5) == "'12.5'"


def test_typed_text_of_exactly_20_characters_is_still_quoted_whole() -> None:
    assert as_typed("12345678901234567890") == "'12345678901234567890'"


def test_typed_text_of_21_characters_is_cut_to_its_first_12_and_its_length() -> None:
    assert as_typed("123456789012345678901") == "'123456789012…' (21 characters)"


# --- the largest typed number -------------------------------------------------------------


def test_a_typed_number_may_be_as_large_as_1e15_in_either_sign_but_no_larger() -> None:
    assert is_sane_number(1e15) and is_sane_number(-1e15)
    assert not is_sane_number(1.0000001e15)
    assert not is_sane_number(-1e16)
    assert not is_sane_number(float("nan"))
    assert not is_sane_number(float("inf"))


def test_a_load_of_1e15_is_read_and_one_just_over_is_refused_naming_the_text() -> None:
    assert parse_load("1e15", MassUnit.KG) == 1e15
    with _refusal(f"load '1.0000001e15' is not allowed: {TOO_BIG_HINT}"):
        parse_load("1.0000001e15", MassUnit.KG)


def test_a_load_overflowing_to_infinity_is_refused_naming_the_text_as_typed() -> None:
    with _refusal(f"load '1e999' is not allowed: {TOO_BIG_HINT}"):
        parse_load("1e999", MassUnit.KG)


def test_a_long_overflowing_load_is_named_by_its_start_and_length() -> None:
    with _refusal(f"load '111111111111…' (400 characters) is not allowed: {TOO_BIG_HINT}"):
        parse_load("1" * 400, MassUnit.LB)


def test_a_load_given_as_a_nan_float_is_refused_as_not_finite() -> None:
    with _refusal(f"load 'nan' is not allowed: {TOO_BIG_HINT}"):
        parse_load(float("nan"), MassUnit.KG)


def test_a_number_given_directly_is_read_in_the_athletes_unit() -> None:
    kg, unit = parse_load_and_unit(90, MassUnit.LB)
    assert kg == pytest.approx(40.8233133, abs=1e-7) and unit is MassUnit.LB
    assert parse_load_and_unit(40.5, MassUnit.KG) == (40.5, MassUnit.KG)


def test_true_or_false_is_not_a_load() -> None:
    with _refusal("load True is not a number with an optional unit: write e.g. 90, 90kg or 200lb"):
        parse_load(True, MassUnit.KG)


def test_a_refusal_names_the_field_as_load_unless_the_caller_names_it() -> None:
    hint = "is not a number with an optional unit: write e.g. 90, 90kg or 200lb"
    with _refusal(f"load 'ninety' {hint}"):
        parse_load("ninety", MassUnit.KG)
    with _refusal(f"load 'ninety' {hint}"):
        parse_load_and_unit("ninety", MassUnit.KG)
    with _refusal(f"bar weight 'ninety' {hint}"):
        parse_load_and_unit("ninety", MassUnit.KG, what="bar weight")


# --- tempo --------------------------------------------------------------------------------


def test_a_tempo_without_four_phases_is_refused_with_what_a_tempo_looks_like() -> None:
    with _refusal(
        "tempo '3-1-3' must have four numbers of seconds C-H-E-P "
        "(lift, hold at top, lowering, pause at bottom), e.g. 3-1-3-1"
    ):
        parse_tempo("3-1-3")


def test_a_phase_that_is_not_a_number_is_named_by_its_phase_and_text() -> None:
    with _refusal("tempo '3-x-3-1': the hold (H) phase 'x' is not a number of seconds"):
        parse_tempo("3-x-3-1")
    with _refusal("tempo '3-1-3-1s': the pause (P) phase '1s' is not a number of seconds"):
        parse_tempo("3-1-3-1s")


def test_a_phase_of_60_s_is_allowed_and_just_over_is_refused_naming_the_phase() -> None:
    assert parse_tempo("60-60-60-60") == Tempo(60.0, 60.0, 60.0, 60.0)
    with _refusal(
        "tempo '3-1-60.5-1': the lowering (E) phase must be between 0 and 60 s, got 60.5"
    ):
        parse_tempo("3-1-60.5-1")


def test_a_lowering_of_zero_seconds_is_refused() -> None:
    with _refusal("tempo '3-1-0-1': the lift and the lowering must last over 0 s"):
        parse_tempo("3-1-0-1")


def test_a_lowering_of_one_second_or_less_is_allowed_when_over_zero() -> None:
    assert parse_tempo("2-0-1-0") == Tempo(2.0, 0.0, 1.0, 0.0)
    assert parse_tempo("1-0-0.5-0") == Tempo(1.0, 0.0, 0.5, 0.0)


# --- a form check's prescription ----------------------------------------------------------


def test_a_prescribed_tempo_is_parsed_into_seconds() -> None:
    assert make_prescription(tempo="3-1-3-1") == Prescription(tempo=Tempo(3.0, 1.0, 3.0, 1.0))


def test_a_bad_prescribed_tempo_is_refused_like_any_tempo() -> None:
    with _refusal("tempo '3-1-0-1': the lift and the lowering must last over 0 s"):
        make_prescription(tempo="3-1-0-1")


def test_a_prescribed_variation_is_kept() -> None:
    assert make_prescription(variation="single leg") == Prescription(variation="single leg")


def test_everything_prescribed_is_kept_together() -> None:
    assert make_prescription(variation="banded", hold_s=2.0, tempo="2-1-3-0") == Prescription(
        variation="banded", hold_s=2.0, tempo=Tempo(2.0, 1.0, 3.0, 0.0)
    )


def test_a_hold_under_one_second_and_a_hold_of_60_s_are_allowed() -> None:
    assert make_prescription(hold_s=0.5) == Prescription(hold_s=0.5)
    assert make_prescription(hold_s=60.0) == Prescription(hold_s=60.0)


def test_a_hold_over_60_s_is_refused_naming_the_hold() -> None:
    with _refusal("hold must be between 0 and 60 seconds (exclusive of 0), got 60.5"):
        make_prescription(hold_s=60.5)
